import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type CatalogSnapshot,
  type CatalogUploadErrors,
  type ExplanationStatement,
  LOCALES,
  REASON_CODES,
  type RecommendationsResponse,
  reasonText,
} from '@matbakh/contract';
import { seedDemoRecommendations } from '../src/demo/synthetic.ts';
import { userHashFor } from '../src/subject.ts';
import { basic, call, grantIfUndecided, postBatch, type Setup, setup, T0, track } from './helpers.ts';

async function seeded(): Promise<Setup> {
  const s = await setup();
  await seedDemoRecommendations(s.db, s.tenant.id, T0, { users: 200, orders: 2_000 });
  return s;
}

/**
 * `GET /v1/recommendations`. With `profiling=1` the subject's personalization grant is recorded first (unless it
 * decided already), as the SDK asks for profiled lists only after recording that grant in the ledger.
 */
async function recs(s: Setup, query: string) {
  const params = new URLSearchParams(query);
  const anonymousId = params.get('anonymousId');
  if (params.get('profiling') === '1' && anonymousId) {
    const userId = params.get('userId');
    await grantIfUndecided(s.db, s.tenant.id, { anonymousId, ...(userId ? { userId } : {}) });
  }
  return call<RecommendationsResponse>(s.app, 'GET', `/v1/recommendations?${query}`, { writeKey: s.tenant.writeKey });
}

const ids = (response: RecommendationsResponse) => response.items.map((item) => item.id);

describe('reason texts (contract)', () => {
  test('every code has a text in every locale, with its params filled in and no placeholder left', async () => {
    const params = {
      item: 'Falafel',
      region: 'Berlin-Mitte',
      growth: 40,
      diets: 'vegan,halal',
      hour: 19,
      season: 'winter',
      detail: 'locations_without_analytics',
      locations: 4,
    };
    for (const locale of LOCALES) {
      for (const code of REASON_CODES) {
        const text = reasonText(code, params, locale);
        assert.ok(text.length > 0, `${locale}/${code}`);
        assert.doesNotMatch(text, /[{}]/, `${locale}/${code}: ${text}`);
      }
    }
    assert.equal(
      reasonText('fits_your_diet', { diets: 'vegan,gluten_free' }, 'en'),
      'Fits your diet (vegan, gluten-free)',
    );
    assert.equal(reasonText('owner_setup', params, 'de'), 'Sie haben 4 Standorte, aber noch keine Analysen');
    assert.equal(reasonText('owner_setup', params, 'de', 'informal'), 'Du hast 4 Standorte, aber noch keine Analysen');
    // Ids in params are named in the locale, never shown raw ("Du nutzt reports oft").
    const reports = { detail: 'uses_reports_often', feature: 'reports', uses: 9 };
    assert.equal(reasonText('owner_setup', reports, 'de'), 'Sie nutzen Berichte oft (9× in 28 Tagen)');
    assert.equal(reasonText('seasonal', { season: 'winter' }, 'ar'), 'مناسب للموسم (الشتاء)');
    // Titles are shown as given (a comma in a dish name is not a list).
    assert.equal(reasonText('because_you_ordered', { item: 'Reis, scharf' }, 'en'), 'Because you ordered Reis, scharf');
  });
});

describe('POST /v1/admin/catalog', () => {
  const restaurant = {
    id: 'r-1',
    kind: 'restaurant',
    name: 'Beirut Kitchen',
    cuisine: 'lebanese',
    region: 'Berlin-Mitte',
  };
  const dish = {
    id: 'd-1',
    kind: 'dish',
    name: 'Falafel',
    restaurantId: 'r-1',
    diet: ['vegan'],
    allergens: ['sesame'],
    price: { amount: 9.5, currency: 'EUR' },
  };
  const upload = (s: Setup, body: unknown, secret = s.tenant.secret) =>
    call<{ upserted: number } & CatalogUploadErrors>(s.app, 'POST', '/v1/admin/catalog', {
      headers: { authorization: `Bearer ${secret}` },
      body,
    });
  const rows = async (s: Setup) => (await s.db.get<{ n: number }>('SELECT count(*) AS n FROM catalog_items'))!.n;

  test('needs the tenant secret, not the write key', async () => {
    const s = await setup();
    assert.equal((await upload(s, { items: [restaurant] }, 'sk_wrong')).res.status, 401);
    const withKey = await call(s.app, 'POST', '/v1/admin/catalog', {
      writeKey: s.tenant.writeKey,
      body: { items: [restaurant] },
    });
    // A real key of the wrong kind: 403 naming the header (an unknown one is 401).
    assert.equal(withKey.res.status, 403);
    assert.equal(withKey.json.error.field, 'authorization');
    assert.equal(await rows(s), 0);
  });

  test('upserts idempotently by id', async () => {
    const s = await setup();
    assert.deepEqual((await upload(s, { items: [restaurant, dish] })).json, { upserted: 2 });
    const second = await upload(s, { items: [restaurant, { ...dish, name: 'Falafel-Teller' }] });
    assert.equal(second.res.status, 200);
    assert.equal(await rows(s), 2);
    const stored = (await s.db.get<{ data: string }>(`SELECT data FROM catalog_items WHERE id = 'd-1'`))!;
    assert.equal(JSON.parse(stored.data).name, 'Falafel-Teller');
    // A dish may name a restaurant stored by an earlier upload.
    assert.equal((await upload(s, { items: [{ ...dish, id: 'd-2' }] })).res.status, 200);
  });

  test('reports every bad row with index and field, and writes nothing', async () => {
    const s = await setup();
    const { res, json } = await upload(s, {
      items: [
        restaurant,
        { ...dish, allergens: ['sesame', 'glitter'] },
        { ...dish, id: 'd-2', restaurantId: 'r-missing' },
        { id: 'analytics', kind: 'feature', name: 'Analytics' },
        { ...dish, id: 'd-3', url: 'javascript:alert(1)' },
        { ...dish, id: 'd-4', price: { amount: -1, currency: 'EUR' } },
        restaurant,
      ],
    });
    assert.equal(res.status, 400);
    assert.equal(json.error.code, 'bad_request');
    assert.deepEqual(
      json.errors.map((e) => [e.index, e.field]),
      [
        [1, 'allergens[1]'],
        [2, 'restaurantId'],
        [3, 'id'],
        [4, 'url'],
        [5, 'price.amount'],
        [6, 'id'],
      ],
    );
    assert.equal(await rows(s), 0);
    assert.equal((await upload(s, { rows: [] })).json.errors[0]!.field, 'items');
  });
});

describe('GET /v1/recommendations', () => {
  test('every item has reasons with params and text in the asked locale (default de)', async () => {
    const s = await seeded();
    for (const locale of [undefined, 'en', 'ar'] as const) {
      const { res, json } = await recs(
        s,
        `anonymousId=anon-guest-3&profiling=1&limit=12${locale ? `&locale=${locale}` : ''}`,
      );
      assert.equal(res.status, 200);
      assert.equal(json.locale, locale ?? 'de');
      assert.equal(json.items.length, 12);
      assert.match(json.requestId, /^rec_/);
      for (const item of json.items) {
        assert.ok(item.reasons.length >= 1, item.id);
        for (const reason of item.reasons) {
          assert.equal(reason.text, reasonText(reason.code, reason.params, json.locale));
          assert.equal(typeof reason.params, 'object');
        }
      }
    }
    assert.equal(s.records.at(-1)?.status, 200);
  });

  test('a long list spans many restaurants: the diversity re-ranking, not a fixed cap', async () => {
    const s = await seeded();
    const { json } = await recs(s, 'anonymousId=anon-guest-7&profiling=1&limit=30');
    const restaurants = new Set(json.items.map((item) => item.restaurantId));
    assert.equal(json.items.length, 30);
    assert.ok(restaurants.size >= 8, `${restaurants.size} restaurants`);
  });

  test('without profiling=1 no personal history is used, and the response says so', async () => {
    const s = await seeded();
    const regular = await recs(s, 'anonymousId=anon-guest-3&hour=19&region=Berlin-Mitte');
    const stranger = await recs(s, 'anonymousId=someone-new&hour=19&region=Berlin-Mitte');
    assert.equal(regular.json.personalized, false);
    assert.deepEqual(regular.json.basis, { history: false, reason: 'no_consent' });
    assert.deepEqual(ids(regular.json), ids(stranger.json));
    const personal = new Set(['because_you_ordered', 'usually_at_this_time', 'more_like_this']);
    for (const item of regular.json.items) for (const r of item.reasons) assert.ok(!personal.has(r.code), r.code);

    const profiled = await recs(s, 'anonymousId=anon-guest-3&hour=19&region=Berlin-Mitte&profiling=1');
    assert.equal(profiled.json.personalized, true);
    assert.deepEqual(profiled.json.basis, { history: true });
    assert.notDeepEqual(ids(profiled.json), ids(regular.json));
    assert.ok(profiled.json.items.some((item) => item.reasons.some((r) => r.code === 'because_you_ordered')));
  });

  test('cold start: popular in the region and at this time, marked cold_start', async () => {
    const s = await seeded();
    const { json } = await recs(s, 'anonymousId=brand-new&profiling=1&region=Hamburg-Altona&hour=12');
    assert.deepEqual(json.basis, { history: false, reason: 'cold_start' });
    assert.equal(json.personalized, false);
    assert.ok(json.items.every((item) => item.region === 'Hamburg-Altona'));
    assert.ok(json.items.some((item) => item.reasons.some((r) => r.code === 'popular_near_you')));
    const anonymous = await recs(s, 'profiling=1');
    assert.deepEqual(anonymous.json.basis, { history: false, reason: 'not_identified' });
  });

  test('orders arriving through /v1/batch change the next ranking (incremental aggregates)', async () => {
    const s = await seeded();
    const before = await recs(s, 'anonymousId=fresh-guest&profiling=1');
    assert.deepEqual(before.json.basis, { history: false, reason: 'cold_start' });
    const order = track({
      event: 'Order Completed',
      anonymousId: 'fresh-guest',
      properties: { products: [{ product_id: 'd-001-01', quantity: 1, price: 11.5 }], revenue: 11.5 },
    });
    assert.equal((await postBatch(s.app, { batch: [order] }, { writeKey: s.tenant.writeKey })).res.status, 200);
    const after = await recs(s, 'anonymousId=fresh-guest&profiling=1');
    assert.deepEqual(after.json.basis, { history: true });
    assert.notDeepEqual(ids(after.json), ids(before.json));
  });

  test('diet and allergen filters hold over HTTP', async () => {
    const s = await seeded();
    const { json } = await recs(
      s,
      'anonymousId=anon-guest-1&profiling=1&diet=vegan,gluten_free&allergens=soybeans,peanuts&limit=50',
    );
    assert.ok(json.items.length > 0);
    for (const item of json.items) {
      assert.ok(item.diet.includes('vegan') && item.diet.includes('gluten_free'), item.id);
      assert.ok(!item.allergens.includes('soybeans') && !item.allergens.includes('peanuts'), item.id);
      assert.ok(item.reasons.some((r) => r.code === 'fits_your_diet'));
    }
  });

  test('restaurants slot lists restaurants', async () => {
    const s = await seeded();
    const { json } = await recs(s, 'slot=restaurants&anonymousId=anon-guest-2&profiling=1&limit=5');
    assert.equal(json.items.length, 5);
    assert.ok(json.items.every((item) => item.kind === 'restaurant'));
  });

  test('bad queries: 400 naming the field; a userId without its userHash: 403', async () => {
    const s = await seeded();
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=51', 'limit'],
      ['diet=paleo', 'diet'],
      ['allergens=glitter', 'allergens'],
      ['locale=fr', 'locale'],
      ['profiling=yes', 'profiling'],
      ['hour=24', 'hour'],
      ['audience=admin', 'audience'],
    ]) {
      const { res, json } = await recs(s, query!);
      assert.equal(res.status, 400, query);
      assert.equal(json.error.field, field, query);
    }
    const forged = await recs(s, 'anonymousId=a&userId=demo_owner&profiling=1');
    assert.equal(forged.res.status, 403);
    const noKey = await call(s.app, 'GET', '/v1/recommendations');
    assert.equal(noKey.res.status, 401);
  });
});

describe('POST /v1/feedback', () => {
  /** The SDK sends feedback only under the personalization grant it recorded: so does this helper. */
  const feedback = async (s: Setup, body: Record<string, unknown>) => {
    if (typeof body.anonymousId === 'string' && body.anonymousId) {
      const userId = typeof body.userId === 'string' ? body.userId : undefined;
      await grantIfUndecided(s.db, s.tenant.id, { anonymousId: body.anonymousId, ...(userId ? { userId } : {}) });
    }
    return call<{ id: number; receivedAt: string }>(s.app, 'POST', '/v1/feedback', {
      writeKey: s.tenant.writeKey,
      body,
    });
  };

  test('not_interested removes the item (and demotes similar ones) from the next ranking', async () => {
    const s = await seeded();
    const first = await recs(s, 'anonymousId=anon-guest-4&profiling=1&limit=10');
    const top = first.json.items[0]!;
    const { res, json } = await feedback(s, {
      anonymousId: 'anon-guest-4',
      requestId: first.json.requestId,
      itemId: top.id,
      kind: 'not_interested',
    });
    assert.equal(res.status, 201);
    assert.equal(typeof json.id, 'number');
    const next = await recs(s, 'anonymousId=anon-guest-4&profiling=1&limit=50');
    assert.ok(!ids(next.json).includes(top.id));
    // Explicit control: the item stays hidden for this visitor even without personalization.
    const plain = await recs(s, 'anonymousId=anon-guest-4&limit=50');
    assert.ok(!ids(plain.json).includes(top.id));
  });

  test('more_like_this boosts similar items and says so', async () => {
    const s = await seeded();
    const before = await recs(s, 'anonymousId=anon-guest-9&profiling=1&limit=10');
    const liked = 'd-030-01';
    await feedback(s, {
      anonymousId: 'anon-guest-9',
      requestId: before.json.requestId,
      itemId: liked,
      kind: 'more_like_this',
    });
    const after = await recs(s, 'anonymousId=anon-guest-9&profiling=1&limit=10');
    assert.notDeepEqual(ids(after.json), ids(before.json));
    assert.ok(after.json.items.some((item) => item.reasons.some((r) => r.code === 'more_like_this')));
  });

  test('bad bodies: 400 naming the field; forged userId: 403', async () => {
    const s = await setup();
    const ok = { anonymousId: 'a', requestId: 'rec_1', itemId: 'd-1', kind: 'not_interested' };
    assert.equal((await feedback(s, { ...ok, kind: 'meh' })).json.error.field, 'kind');
    assert.equal((await feedback(s, { ...ok, itemId: '' })).json.error.field, 'itemId');
    assert.equal((await feedback(s, { ...ok, userId: 'u1', userHash: 'f'.repeat(64) })).res.status, 403);
    const signed = await feedback(s, { ...ok, userId: 'u1', userHash: userHashFor(s.tenant.secret, 'u1') });
    assert.equal(signed.res.status, 201);
  });

  test('feedback is exported and erased with the subject; erase drops the history from ranking', async () => {
    const s = await seeded();
    await feedback(s, { anonymousId: 'anon-guest-5', requestId: 'rec_x', itemId: 'd-001-01', kind: 'not_interested' });
    const body = { anonymousId: 'anon-guest-5' };
    const exported = await call<{ feedback: { itemId: string; kind: string }[] }>(s.app, 'POST', '/v1/privacy/export', {
      writeKey: s.tenant.writeKey,
      body,
    });
    assert.deepEqual(
      exported.json.feedback.map((f) => [f.itemId, f.kind]),
      [['d-001-01', 'not_interested']],
    );
    assert.deepEqual((await recs(s, 'anonymousId=anon-guest-5&profiling=1')).json.basis, { history: true });
    const erased = await call<{ erased: { feedback: number; events: number } }>(s.app, 'POST', '/v1/privacy/erase', {
      writeKey: s.tenant.writeKey,
      body,
    });
    assert.equal(erased.json.erased.feedback, 1);
    assert.ok(erased.json.erased.events > 0);
    assert.deepEqual((await recs(s, 'anonymousId=anon-guest-5&profiling=1')).json.basis, {
      history: false,
      reason: 'cold_start',
    });
  });
});

describe('owner audience', () => {
  test('many locations and no analytics ⇒ the Analytics upgrade, with the setup as reason', async () => {
    const s = await seeded();
    const hash = userHashFor(s.tenant.secret, 'demo_owner');
    const { json } = await recs(
      s,
      `audience=owner&anonymousId=anon-demo_owner&userId=demo_owner&userHash=${hash}&profiling=1&locale=en`,
    );
    assert.equal(json.audience, 'owner');
    const analytics = json.items.find((item) => item.id === 'feature:analytics');
    assert.ok(analytics);
    assert.equal(json.items[0]!.id, 'feature:analytics');
    const setupReason = analytics.reasons.find((r) => r.code === 'owner_setup');
    assert.deepEqual(setupReason?.params, { detail: 'locations_without_analytics', locations: 4 });
    assert.equal(setupReason?.text, 'You have 4 locations but no analytics yet');
    // Already active services are not recommended.
    assert.ok(!json.items.some((item) => item.id === 'feature:online_ordering'));
    assert.ok(json.items.every((item) => item.kind === 'feature' && item.reasons.length > 0));
    assert.deepEqual(json.basis, { history: true }); // the reports usage counted
    const noConsent = await recs(s, `audience=owner&anonymousId=anon-demo_owner&userId=demo_owner&userHash=${hash}`);
    assert.deepEqual(noConsent.json.basis, { history: false, reason: 'no_consent' });
    assert.ok(noConsent.json.items[0]!.reasons.every((r) => r.params.detail !== 'uses_reports_often'));
  });

  test("another restaurant's setup is not shown to a stranger", async () => {
    const s = await seeded();
    const { json } = await recs(s, 'audience=owner&anonymousId=stranger&groupId=r-001&profiling=1');
    assert.ok(json.items.every((item) => item.reasons.every((r) => r.code === 'popular')));
  });
});

describe('explanation and catalogue snapshot', () => {
  test('GET /v1/recommendations/explanation in every locale', async () => {
    const s = await setup();
    for (const locale of LOCALES) {
      const { res, json } = await call<ExplanationStatement>(
        s.app,
        'GET',
        `/v1/recommendations/explanation?locale=${locale}`,
        { writeKey: s.tenant.writeKey },
      );
      assert.equal(res.status, 200);
      assert.equal(json.locale, locale);
      assert.ok(json.parameters.length >= 5 && json.controls.length >= 3 && json.nonProfiled.length > 20);
    }
    const bad = await call(s.app, 'GET', '/v1/recommendations/explanation?locale=fr', { writeKey: s.tenant.writeKey });
    assert.equal(bad.res.status, 400);
  });

  test('GET /v1/catalog: popular items first, with popularity and trend, by region', async () => {
    const s = await seeded();
    const { res, json } = await call<CatalogSnapshot>(s.app, 'GET', '/v1/catalog?region=Berlin-Mitte&limit=40', {
      headers: { authorization: basic(s.tenant.writeKey) },
    });
    assert.equal(res.status, 200);
    assert.equal(json.items.length, 40);
    assert.ok(json.items.every((item) => item.region === 'Berlin-Mitte' && item.kind !== 'feature'));
    const pops = json.items.map((item) => item.popularity ?? -1);
    assert.deepEqual(
      pops,
      [...pops].sort((a, b) => b - a),
    );
    assert.ok(json.items.every((item) => typeof item.trend === 'number'));
    assert.equal((await call(s.app, 'GET', '/v1/catalog?limit=0', { writeKey: s.tenant.writeKey })).res.status, 400);
  });
});
