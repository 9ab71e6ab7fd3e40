import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CatalogItem, RecommendationsResponse } from '@matbakh/contract';
import { upsertCatalog } from '../src/recommend/catalog.ts';
import { call, consentRecord, postBatch, setup, T0, track } from './helpers.ts';

const restaurant = (id: string, region: string): CatalogItem => ({
  id,
  kind: 'restaurant',
  name: id,
  cuisine: 'x',
  region,
  diet: [],
  allergens: [],
  tags: [],
});
const dish = (id: string, restaurantId: string): CatalogItem => ({
  id,
  kind: 'dish',
  name: id,
  restaurantId,
  diet: [],
  allergens: [],
  tags: [],
});

describe('context from where it lives: the home region', () => {
  test('from identify traits, overridden by stored preferences; only with profiling', async () => {
    const s = await setup({ rateLimit: 1_000 });
    const items = [restaurant('n', 'nord'), restaurant('s', 'sued')];
    for (let d = 0; d < 4; d++) items.push(dish(`n${d}`, 'n'), dish(`s${d}`, 's'));
    await upsertCatalog(s.db, s.tenant.id, items, T0 - 86_400_000);
    // Other guests order in both areas, a little more in the south: the south leads without a region.
    const orders = [];
    for (let i = 0; i < 60; i++) {
      const place = i % 5 < 3 ? 's' : 'n';
      orders.push(
        track({
          event: 'Order Completed',
          anonymousId: `other-${i}`,
          timestamp: new Date(T0 - 60_000 * (i + 2)).toISOString(),
          properties: { products: [{ product_id: `${place}${i % 4}` }] },
        }),
      );
    }
    assert.equal((await postBatch(s.app, { batch: orders }, { writeKey: s.tenant.writeKey })).res.status, 200);
    const guest = 'anon-home';
    const consent = await call(s.app, 'POST', '/v1/consent', {
      writeKey: s.tenant.writeKey,
      body: consentRecord({ anonymousId: guest }),
    });
    assert.equal(consent.res.status, 201);
    const identify = {
      type: 'identify',
      messageId: 'identify-home',
      anonymousId: guest,
      timestamp: new Date(T0 - 30_000).toISOString(),
      traits: { region: 'nord' },
    };
    assert.equal((await postBatch(s.app, { batch: [identify] }, { writeKey: s.tenant.writeKey })).res.status, 200);

    const top = async (profiling: 0 | 1) => {
      const { json } = await call<RecommendationsResponse>(
        s.app,
        'GET',
        `/v1/recommendations?anonymousId=${guest}&profiling=${profiling}&limit=3&locale=en`,
        { writeKey: s.tenant.writeKey },
      );
      return json.items[0]!;
    };
    assert.equal((await top(0)).region, 'sued', 'without profiling the traits are not read');
    const fromTraits = await top(1);
    assert.equal(fromTraits.region, 'nord');
    assert.ok(fromTraits.reasons.some((r) => r.code === 'popular_near_you' && r.params?.region === 'nord'));

    const patch = await call(s.app, 'PATCH', `/v1/preferences?anonymousId=${guest}`, {
      writeKey: s.tenant.writeKey,
      body: { region: 'sued' },
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': '"0"' },
    });
    assert.equal(patch.res.status, 200);
    const fromPreferences = await top(1);
    assert.equal(fromPreferences.region, 'sued');
    assert.ok(fromPreferences.reasons.some((r) => r.code === 'popular_near_you' && r.params?.region === 'sued'));
    await s.db.close();
  });
});
