// Search (issue 20) through the public HTTP API, on SQLite and PostgreSQL: errors name their field, typo and
// compound queries find the dish, stored diet/allergens filter every answer whatever the query, the personal
// blend needs the recorded personalization grant, and a catalogue change is searchable on the next request.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ALLERGENS,
  type CatalogItem,
  DIETS,
  decodeSearchIndex,
  passesHardFilters,
  type SearchIndexResponse,
  type SearchResponse,
} from '@matbakh/contract';
import fc from 'fast-check';
import { syntheticCatalog } from '../src/demo/synthetic.ts';
import { upsertCatalog } from '../src/recommend/catalog.ts';
import { call, grantConsent, postBatch, type Setup, setup, T0, track } from './helpers.ts';

const CATALOG = syntheticCatalog(T0, 2);
const byId = new Map<string, CatalogItem>(CATALOG.items.map((item) => [item.id, item]));

async function withCatalog(): Promise<Setup> {
  const s = await setup({ rateLimit: 0 });
  await upsertCatalog(s.db, s.tenant.id, CATALOG.items, T0);
  return s;
}

const search = (s: Setup, query: Record<string, string>) =>
  call<SearchResponse>(s.app, 'GET', `/v1/search?${new URLSearchParams(query)}`, { writeKey: s.tenant.writeKey });

const hits = (response: SearchResponse, type = 'dish') => response.groups.find((g) => g.type === type)?.hits ?? [];
const marked = (name: string, ranges: [number, number][]) => ranges.map(([a, b]) => name.slice(a, b));

describe('GET /v1/search', () => {
  test('bad input: a JSON error naming the field, never a 5xx', async () => {
    const s = await withCatalog();
    const cases: [Record<string, string>, string][] = [
      [{}, 'q'],
      [{ q: '   ' }, 'q'],
      [{ q: 'x'.repeat(101) }, 'q'],
      [{ q: 'falafel', limit: '0' }, 'limit'],
      [{ q: 'falafel', limit: '21' }, 'limit'],
      [{ q: 'falafel', limit: '2.5' }, 'limit'],
      [{ q: 'falafel', limit: 'ten' }, 'limit'],
      [{ q: 'falafel', type: 'drinks' }, 'type'],
      [{ q: 'falafel', type: 'dish,' + 'x' }, 'type'],
      [{ q: 'falafel', userId: 'u-1', userHash: 'abc' }, 'anonymousId'],
      [{ q: 'falafel', anonymousId: 'a-1', userHash: 'abc' }, 'userHash'],
    ];
    for (const [query, field] of cases) {
      const { res, json } = await search(s, query);
      assert.equal(res.status, 400, JSON.stringify(query));
      assert.equal(json.error.code, 'bad_request');
      assert.equal(json.error.field, field, JSON.stringify(query));
    }
    const forged = await search(s, { q: 'falafel', anonymousId: 'a-1', userId: 'u-1', userHash: 'not-the-hmac' });
    assert.equal(forged.res.status, 403);
    const noKey = await call(s.app, 'GET', '/v1/search?q=falafel');
    assert.equal(noKey.res.status, 401);
    // Odd text is a query like any other.
    for (const q of ['%', '\u202e', '🙂🙂', 'ـــ', '\u0301', '))((', 'a'.repeat(100)]) {
      const { res } = await search(s, { q });
      assert.equal(res.status, 200, q);
    }
  });

  test('a typo, a compound part, an umlaut spelling and a prefix find the dish, with the matched part marked', async () => {
    const s = await withCatalog();
    const first = async (q: string) => hits((await search(s, { q })).json)[0];
    const falafel = await first('falafl');
    assert.equal(falafel?.name, 'Falafel-Teller');
    assert.deepEqual(marked(falafel.name, falafel.highlights), ['Falafel']);
    const soup = await first('suppe');
    assert.match(soup?.name ?? '', /suppe$/);
    assert.deepEqual(marked(soup!.name, soup!.highlights), ['suppe']);
    const chicken = await first('haehnchen');
    assert.equal(chicken?.name, 'Shawarma Hähnchen');
    assert.deepEqual(marked(chicken.name, chicken.highlights), ['Hähnchen']);
    const pizza = await first('piz');
    assert.match(pizza?.name ?? '', /^Pizza /);
    assert.deepEqual(marked(pizza!.name, pizza!.highlights), ['Piz']);
  });

  test('fewest typos only: "falafl" lists the falafel dishes, not every dish whose tag is two edits away ("halal")', async () => {
    const s = await withCatalog();
    const dishes = hits((await search(s, { q: 'falafl', limit: '20' })).json);
    assert.ok(dishes.length > 0);
    assert.deepEqual([...new Set(dishes.map((hit) => hit.name))], ['Falafel-Teller']);
  });

  test('grouped by type; type and limit narrow the answer', async () => {
    const s = await withCatalog();
    const all = (await search(s, { q: 'pizz' })).json;
    assert.deepEqual(
      all.groups.map((g) => g.type),
      ['dish', 'restaurant'],
    );
    assert.equal(
      all.total,
      all.groups.reduce((n, g) => n + g.hits.length, 0),
    );
    const cuisine = (await search(s, { q: 'italienisch', type: 'cuisine' })).json;
    assert.deepEqual(
      cuisine.groups.map((g) => [g.type, g.hits.map((h) => h.id)]),
      [['cuisine', ['cuisine:italian']]],
    );
    const two = (await search(s, { q: 'pizza', type: 'dish', limit: '2' })).json;
    assert.equal(hits(two).length, 2);
    assert.equal(two.groups.length, 1);
    assert.equal(hits(two)[0]!.restaurantName !== undefined, true);
  });

  test('stored allergens and diet filter every answer, whatever the query', async () => {
    const s = await withCatalog();
    const guest = { anonymousId: 'allergic-guest' };
    await grantConsent(s.db, s.tenant.id, guest);
    const open = hits((await search(s, { q: 'falafel', ...guest })).json);
    assert.ok(open.some((h) => h.name === 'Falafel-Teller'));
    const saved = await call(s.app, 'PUT', '/v1/preferences?anonymousId=allergic-guest', {
      writeKey: s.tenant.writeKey,
      headers: { 'if-match': '*' },
      body: { allergens: ['sesame'] },
    });
    assert.equal(saved.res.status, 200);
    const filtered = hits((await search(s, { q: 'falafel', ...guest })).json);
    assert.ok(!filtered.some((h) => byId.get(h.id)!.allergens.includes('sesame')));
    assert.ok(!filtered.some((h) => h.name === 'Falafel-Teller'));
  });

  test('property: no hit ever violates the stored constraints', async () => {
    const s = await withCatalog();
    const words = [...new Set(CATALOG.dishes.flatMap((d) => d.name.split(/[\s-]+/)))];
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.constantFrom(...DIETS), { maxLength: 2 }),
        fc.uniqueArray(fc.constantFrom(...ALLERGENS), { maxLength: 4 }),
        fc.oneof(fc.constantFrom(...words), fc.string({ minLength: 1, maxLength: 6 })),
        async (diet, allergens, q) => {
          const anonymousId = `prop-${++run}`;
          await grantConsent(s.db, s.tenant.id, { anonymousId });
          const saved = await call(s.app, 'PUT', `/v1/preferences?anonymousId=${anonymousId}`, {
            writeKey: s.tenant.writeKey,
            headers: { 'if-match': '*' },
            body: { diet, allergens },
          });
          assert.equal(saved.res.status, 200);
          const { res, json } = await search(s, { q: q.trim() || 'x', anonymousId, limit: '20' });
          assert.equal(res.status, 200);
          for (const hit of hits(json)) assert.ok(passesHardFilters(byId.get(hit.id)!, diet, allergens), hit.id);
        },
      ),
      { numRuns: 40 },
    );
  });

  test('personal blend only with the recorded personalization grant', async () => {
    const s = await withCatalog();
    const copies = CATALOG.dishes.filter((d) => d.name === 'Hummus');
    assert.ok(copies.length >= 2);
    const usual = copies.at(-1)!;
    const order = (anonymousId: string) =>
      track({
        event: 'Order Completed',
        anonymousId,
        properties: { products: [{ product_id: usual.id, quantity: 1, price: 5.5 }], revenue: 5.5 },
      });
    for (const anonymousId of ['granted-guest', 'refusing-guest']) {
      await grantConsent(s.db, s.tenant.id, { anonymousId });
      const sent = await postBatch(
        s.app,
        { batch: [order(anonymousId), order(anonymousId)] },
        { writeKey: s.tenant.writeKey },
      );
      assert.equal(sent.res.status, 200);
    }
    const granted = (await search(s, { q: 'hummus', anonymousId: 'granted-guest' })).json;
    assert.equal(granted.personalized, true);
    assert.equal(hits(granted)[0]!.id, usual.id);
    assert.equal(hits(granted)[0]!.personal, 'ordered_before');
    // The refusal is recorded after the orders: from then on, nothing personal is read.
    await grantConsent(
      s.db,
      s.tenant.id,
      { anonymousId: 'refusing-guest' },
      { necessary: true, preferences: true, personalization: false, analytics: true, marketing: false },
      'custom',
    );
    const refused = (await search(s, { q: 'hummus', anonymousId: 'refusing-guest' })).json;
    assert.equal(refused.personalized, false);
    assert.ok(hits(refused).every((h) => h.personal === undefined));
    const anonymous = (await search(s, { q: 'hummus' })).json;
    assert.notEqual(hits(anonymous)[0]!.id, usual.id, 'the usual copy ranks first only through the blend');
    assert.equal(anonymous.personalized, false);
  });

  test('a catalogue upload is searchable on the next request; the compact index follows it', async () => {
    const s = await withCatalog();
    const before = (await search(s, { q: 'schawarma' })).json;
    assert.ok(!hits(before).some((h) => h.name === 'Hähnchenschawarma'));
    const index1 = await call<SearchIndexResponse>(s.app, 'GET', '/v1/search/index', { writeKey: s.tenant.writeKey });
    assert.equal(index1.res.status, 200);
    const etag = index1.res.headers.get('etag')!;
    const again = await s.app.request('/v1/search/index', {
      headers: {
        authorization: `Basic ${Buffer.from(`${s.tenant.writeKey}:`).toString('base64')}`,
        'if-none-match': etag,
      },
    });
    assert.equal(again.status, 304);
    const upload = await call(s.app, 'POST', '/v1/admin/catalog', {
      headers: { authorization: `Bearer ${s.tenant.secret}` },
      body: {
        items: [
          {
            id: 'd-new',
            kind: 'dish',
            name: 'Hähnchenschawarma',
            restaurantId: 'r-001',
            diet: ['halal'],
            allergens: [],
            tags: [],
          },
        ],
      },
    });
    assert.equal(upload.res.status, 200);
    s.advance(1000);
    const after = hits((await search(s, { q: 'schawarma' })).json);
    const found = after.find((h) => h.id === 'd-new');
    assert.ok(found);
    assert.deepEqual(marked(found.name, found.highlights), ['schawarma']);
    const index2 = await call<SearchIndexResponse>(s.app, 'GET', '/v1/search/index', { writeKey: s.tenant.writeKey });
    assert.notEqual(index2.res.headers.get('etag'), etag);
    const decoded = decodeSearchIndex(index2.json);
    assert.equal(decoded.filter((i) => i.kind === 'dish').length, CATALOG.dishes.length + 1);
    const falafel = decoded.find((i) => i.id === CATALOG.dishes[0]!.id)!;
    assert.deepEqual([...falafel.allergens].sort(), [...CATALOG.dishes[0]!.allergens].sort());
    assert.deepEqual([...falafel.diet].sort(), [...CATALOG.dishes[0]!.diet].sort());
  });
});
