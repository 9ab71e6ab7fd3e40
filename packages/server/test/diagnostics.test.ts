/**
 * Issue 16 item 5: what a partner's page can learn about its own misconfiguration. A refused write key or origin is
 * readable by the refused page itself (reason only, never tenant data), so the SDK can name the cause; a tenant
 * without a catalogue says so in its recommendations.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RecommendationsResponse } from '@matbakh/contract';
import { upsertCatalog } from '../src/recommend/catalog.ts';
import { call, countRows, SHOP_ORIGIN, setup, track } from './helpers.ts';

const FOREIGN = 'http://127.0.0.1:5173';

/** The refusal's whole body: the error and nothing else (no tenant name, id, origins or data). */
function onlyTheReason(json: unknown, code: string, field: string) {
  assert.deepEqual(Object.keys(json as object), ['error']);
  const { error } = json as { error: Record<string, unknown> };
  assert.deepEqual(Object.keys(error).sort(), ['code', 'field', 'message']);
  assert.equal(error.code, code);
  assert.equal(error.field, field);
}

describe('a refused page can read why it was refused', () => {
  const requests = [
    { name: 'GET /v1/config', method: 'GET', path: '/v1/config?writeKey=KEY' },
    { name: 'GET /v1/recommendations', method: 'GET', path: '/v1/recommendations?writeKey=KEY' },
    { name: 'POST /v1/batch (text/plain, as the SDK sends it)', method: 'POST', path: '/v1/batch' },
  ];
  for (const { name, method, path } of requests) {
    it(`${name}: an origin the tenant does not allow gets a readable 403 forbidden_origin, nothing stored`, async () => {
      const { app, db, tenant } = await setup();
      const { res, json } = await call(app, method, path.replace('KEY', tenant.writeKey), {
        headers: { origin: FOREIGN, 'content-type': 'text/plain' },
        ...(method === 'POST' && { body: JSON.stringify({ writeKey: tenant.writeKey, batch: [track()] }) }),
      });
      assert.equal(res.status, 403);
      onlyTheReason(json, 'forbidden_origin', 'origin');
      assert.match(json.error.message, /127\.0\.0\.1:5173 is not allowed/);
      assert.doesNotMatch(JSON.stringify(json), new RegExp(`${tenant.id}|Falafel|shop\\.example`));
      assert.equal(res.headers.get('access-control-allow-origin'), FOREIGN);
      assert.equal(res.headers.get('access-control-allow-credentials'), null);
      assert.match(res.headers.get('vary') ?? '', /Origin/);
      assert.equal(await countRows(db), 0);
    });
  }

  it('an unknown write key is a readable 401 from any page', async () => {
    const { app } = await setup();
    const { res, json } = await call(app, 'GET', '/v1/config?writeKey=pk_revoked_or_typo', {
      headers: { origin: FOREIGN },
    });
    assert.equal(res.status, 401);
    onlyTheReason(json, 'unauthorized', 'writeKey');
    assert.equal(res.headers.get('access-control-allow-origin'), FOREIGN);
  });

  it('other answers to an origin no tenant knows stay unreadable, and its preflights get no grant', async () => {
    const { app } = await setup();
    const missing = await call(app, 'GET', '/v1/nope', { headers: { origin: FOREIGN } });
    assert.equal(missing.res.status, 404);
    assert.equal(missing.res.headers.get('access-control-allow-origin'), null);
    const preflight = await app.request('/v1/consent', {
      method: 'OPTIONS',
      headers: { origin: FOREIGN, 'access-control-request-method': 'POST' },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
  });

  it('an allowed origin still reads its data as before', async () => {
    const { app, tenant } = await setup();
    const { res, json } = await call<{ tenant: { id: string } }>(app, 'GET', `/v1/config?writeKey=${tenant.writeKey}`, {
      headers: { origin: SHOP_ORIGIN },
    });
    assert.equal(res.status, 200);
    assert.equal(json.tenant.id, tenant.id);
    assert.equal(res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
  });
});

describe('recommendations of a tenant without a catalogue', () => {
  const recommend = async (s: Awaited<ReturnType<typeof setup>>) =>
    (await call<RecommendationsResponse>(s.app, 'GET', `/v1/recommendations?writeKey=${s.tenant.writeKey}`)).json;

  it('say catalogEmpty, and stop saying it once a catalogue is loaded', async () => {
    const s = await setup();
    const empty = await recommend(s);
    assert.deepEqual(empty.items, []);
    assert.equal(empty.catalogEmpty, true);

    await upsertCatalog(
      s.db,
      s.tenant.id,
      [{ id: 'd-1', kind: 'dish', name: 'Falafel', diet: ['vegan'], allergens: [], tags: [] }],
      Date.now(),
    );
    const loaded = await recommend(s);
    assert.equal(loaded.catalogEmpty, undefined);
    assert.deepEqual(
      loaded.items.map((item) => item.id),
      ['d-1'],
    );
  });
});
