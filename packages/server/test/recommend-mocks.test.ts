import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type RecommendationsResponse, reasonText } from '@matbakh/contract';
import { createMockApi } from '@matbakh/mocks';
import { setupServer } from 'msw/node';

const XSS_TITLE = '<img src=x onerror=alert(1)>';
const JAVASCRIPT_URL = 'javascript:alert(1)';

/** The msw mock of the recommendation routes answers the contract's shapes, like the reference server. */
describe('mock recommendation routes (packages/mocks)', () => {
  const api = createMockApi();
  const server = setupServer(...api.handlers);
  const base = 'http://localhost:8787';
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  after(() => server.close());

  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`);
    return { res, json: (await res.json()) as RecommendationsResponse & { items: { id: string }[] } };
  };

  test('fixture: localized reasons, hostile title and URL present, personal reasons only with profiling', async () => {
    api.reset();
    const { res, json } = await get('/v1/recommendations?writeKey=pk_x&anonymousId=a&profiling=1&locale=en');
    assert.equal(res.status, 200);
    assert.equal(json.personalized, true);
    assert.ok(json.items.some((item) => item.title === XSS_TITLE && item.url === JAVASCRIPT_URL));
    for (const item of json.items) {
      for (const r of item.reasons) assert.equal(r.text, reasonText(r.code, r.params, 'en'));
    }
    const plain = await get('/v1/recommendations?writeKey=pk_x&anonymousId=a');
    assert.deepEqual(plain.json.basis, { history: false, reason: 'no_consent' });
    const personal = ['because_you_ordered', 'usually_at_this_time', 'more_like_this'];
    assert.ok(plain.json.items.every((item) => item.reasons.every((r) => !personal.includes(r.code))));
  });

  test('filters, feedback, switches', async () => {
    api.reset();
    const vegan = await get('/v1/recommendations?writeKey=pk_x&diet=vegan&allergens=soybeans');
    assert.deepEqual(
      vegan.json.items.map((item) => item.id),
      ['d-001', 'd-004'],
    );
    const feedback = await fetch(`${base}/v1/feedback`, {
      method: 'POST',
      body: JSON.stringify({
        writeKey: 'pk_x',
        anonymousId: 'a',
        requestId: 'rec_1',
        itemId: 'd-001',
        kind: 'not_interested',
      }),
    });
    assert.equal(feedback.status, 201);
    assert.deepEqual(
      api.recommendations.feedback().map((f) => f.itemId),
      ['d-001'],
    );
    assert.ok(!(await get('/v1/recommendations?writeKey=pk_x&anonymousId=a')).json.items.some((i) => i.id === 'd-001'));
    assert.equal((await get('/v1/recommendations?writeKey=pk_x&limit=0')).res.status, 400);
    api.recommendations.setMode('error');
    assert.equal((await get('/v1/recommendations?writeKey=pk_x')).res.status, 503);
    api.recommendations.setMode('empty');
    assert.deepEqual((await get('/v1/recommendations?writeKey=pk_x')).json.items, []);
    assert.deepEqual((await get('/v1/catalog?writeKey=pk_x')).json.items, []);
    const owner = await get('/v1/recommendations?writeKey=pk_x&audience=owner');
    assert.deepEqual(owner.json.items, []);
    api.reset();
    const features = await get('/v1/recommendations?writeKey=pk_x&audience=owner&locale=de');
    assert.equal(features.json.items[0]!.id, 'feature:analytics');
    const explanation = await fetch(`${base}/v1/recommendations/explanation?writeKey=pk_x&locale=ar`);
    assert.equal(((await explanation.json()) as { locale: string }).locale, 'ar');
    assert.equal((await fetch(`${base}/v1/recommendations?limit=3`)).status, 401);
  });
});
