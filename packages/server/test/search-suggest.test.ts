// Suggestions before typing and the context blend of search (issue 20), through the public HTTP API on SQLite and
// PostgreSQL: "your usual" only under the recorded personalization grant, "popular now" follows the hour and the
// region, "in season" follows the month and the region's seasons, stored diet/allergens filter every group, and
// with personalization, equal text matches are ordered by the part of the day and the region.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ALLERGENS,
  type CatalogItem,
  DIETS,
  daypartOf,
  passesHardFilters,
  type SearchResponse,
  type SearchSuggestionsResponse,
} from '@matbakh/contract';
import fc from 'fast-check';
import { upsertCatalog } from '../src/recommend/catalog.ts';
import { call, grantConsent, postBatch, type Setup, setup, T0, track } from './helpers.ts';

const dish = (id: string, name: string, extra: Partial<CatalogItem> = {}): CatalogItem => ({
  id,
  kind: 'dish',
  name,
  restaurantId: 'r-1',
  diet: [],
  allergens: [],
  tags: ['main'],
  ...extra,
});

/** T0 is 1 March: spring, and not asparagus time yet. */
const CATALOG: CatalogItem[] = [
  { id: 'r-1', kind: 'restaurant', name: 'Byblos', cuisine: 'lebanese', diet: [], allergens: [], tags: [] },
  dish('croissant', 'Croissant', { tags: ['breakfast'], allergens: ['gluten', 'milk'] }),
  dish('manakish', "Man'ousheh", { tags: ['breakfast'], diet: ['vegetarian'], allergens: ['gluten', 'sesame'] }),
  dish('mixed-grill', 'Mixed Grill', { tags: ['dinner'], diet: ['halal'] }),
  dish('falafel', 'Falafel-Teller', { diet: ['vegan', 'vegetarian'], allergens: ['sesame'], region: 'DE-BE' }),
  dish('hummus', 'Hummus', { diet: ['vegan', 'vegetarian'], allergens: ['sesame'], region: 'DE-HH' }),
  dish('baerlauch', 'Bärlauchsuppe', { seasonMonths: [3, 4], diet: ['vegan', 'vegetarian'], allergens: ['celery'] }),
  dish('spring-salad', 'Frühlingssalat', { tags: ['spring'], diet: ['vegan', 'vegetarian'] }),
  dish('asparagus', 'Spargel mit Sauce', { tags: ['asparagus'], allergens: ['eggs', 'milk'] }),
];

async function withCatalog(items = CATALOG): Promise<Setup> {
  const s = await setup({ rateLimit: 0 });
  await upsertCatalog(s.db, s.tenant.id, items, T0);
  return s;
}

const suggest = (s: Setup, query: Record<string, string> = {}) =>
  call<SearchSuggestionsResponse>(s.app, 'GET', `/v1/search/suggestions?${new URLSearchParams(query)}`, {
    writeKey: s.tenant.writeKey,
  });
const search = (s: Setup, query: Record<string, string>) =>
  call<SearchResponse>(s.app, 'GET', `/v1/search?${new URLSearchParams(query)}`, { writeKey: s.tenant.writeKey });

const group = (response: SearchSuggestionsResponse, kind: string) =>
  response.groups.find((g) => g.kind === kind)?.hits.map((h) => h.id) ?? [];

/** Orders of one dish by one guest at a UTC time (the hour histogram counts the event's hour). */
async function orders(s: Setup, anonymousId: string, id: string, times: string[]) {
  const batch = times.map((timestamp) =>
    track({
      event: 'Order Completed',
      anonymousId,
      timestamp,
      properties: { products: [{ product_id: id, quantity: 1, price: 5 }], revenue: 5 },
    }),
  );
  const sent = await postBatch(s.app, { batch }, { writeKey: s.tenant.writeKey });
  assert.equal(sent.res.status, 200);
}

const days = (hour: number, n: number) =>
  Array.from(
    { length: n },
    (_, i) => `2025-02-${String(10 + i).padStart(2, '0')}T${String(hour).padStart(2, '0')}:15:00.000Z`,
  );

describe('GET /v1/search/suggestions', () => {
  test('bad input: a JSON error naming the field, never a 5xx', async () => {
    const s = await withCatalog();
    const cases: [Record<string, string>, string][] = [
      [{ limit: '0' }, 'limit'],
      [{ limit: '21' }, 'limit'],
      [{ hour: '24' }, 'hour'],
      [{ hour: '-1' }, 'hour'],
      [{ hour: '7.5' }, 'hour'],
      [{ region: 'x'.repeat(101) }, 'region'],
      [{ userId: 'u-1' }, 'anonymousId'],
      [{ anonymousId: 'a-1', userHash: 'abc' }, 'userHash'],
    ];
    for (const [query, field] of cases) {
      const { res, json } = await suggest(s, query);
      assert.equal(res.status, 400, JSON.stringify(query));
      assert.equal((json as unknown as { error: { field: string } }).error.field, field, JSON.stringify(query));
    }
    const search400 = await search(s, { q: 'falafel', hour: '25' });
    assert.equal(search400.res.status, 400);
    assert.equal(await call(s.app, 'GET', '/v1/search/suggestions').then((r) => r.res.status), 401);
  });

  test('popular now follows the hour; near you prefers the region; nothing ordered, no popular group', async () => {
    const s = await withCatalog();
    assert.deepEqual(group((await suggest(s, { hour: '8' })).json, 'popular'), []);
    await orders(s, 'g-1', 'falafel', days(8, 6));
    await orders(s, 'g-2', 'mixed-grill', days(19, 6));
    await orders(s, 'g-3', 'hummus', days(8, 3));
    const morning = (await suggest(s, { hour: '8' })).json;
    assert.equal(morning.daypart, 'breakfast');
    assert.deepEqual(group(morning, 'popular').slice(0, 2), ['falafel', 'hummus']);
    const evening = (await suggest(s, { hour: '19' })).json;
    assert.equal(evening.daypart, 'dinner');
    assert.equal(group(evening, 'popular')[0], 'mixed-grill');
    const hamburg = (await suggest(s, { hour: '8', region: 'DE-HH' })).json;
    assert.deepEqual(group(hamburg, 'popular'), ['hummus']);
    // A region without orders of its own: the tenant's popular dishes.
    assert.equal(group((await suggest(s, { hour: '8', region: 'DE-BY' })).json, 'popular')[0], 'falafel');
  });

  test('in season: season months, the meteorological season, and the region’s open seasons', async () => {
    const s = await withCatalog();
    const march = (await suggest(s)).json;
    assert.equal(march.season, 'spring');
    assert.deepEqual(group(march, 'season').sort(), ['baerlauch', 'spring-salad']);
    // Asparagus time opens in May in Germany only.
    s.advance(Date.parse('2025-05-10T12:00:00Z') - T0);
    assert.ok(group((await suggest(s, { region: 'DE' })).json, 'season').includes('asparagus'));
    assert.ok(!group((await suggest(s, { region: 'FR' })).json, 'season').includes('asparagus'));
  });

  test('your usual: only under the recorded personalization grant, never for anyone else', async () => {
    const s = await withCatalog();
    await orders(s, 'regular', 'hummus', days(12, 3));
    await orders(s, 'regular', 'croissant', days(8, 1));
    await orders(s, 'refuser', 'hummus', days(12, 3));
    const mine = (await suggest(s, { anonymousId: 'regular', hour: '12' })).json;
    assert.equal(mine.personalized, true);
    assert.deepEqual(group(mine, 'usual'), ['hummus', 'croissant']);
    // A dish shows in one group only.
    assert.ok(!group(mine, 'popular').includes('hummus'));
    assert.deepEqual(group((await suggest(s, { hour: '12' })).json, 'usual'), []);
    await grantConsent(
      s.db,
      s.tenant.id,
      { anonymousId: 'refuser' },
      { necessary: true, preferences: true, personalization: false, analytics: true, marketing: false },
      'custom',
    );
    const refused = (await suggest(s, { anonymousId: 'refuser', hour: '12' })).json;
    assert.equal(refused.personalized, false);
    assert.deepEqual(group(refused, 'usual'), []);
  });

  test('property: no suggestion in any group violates the stored diet and allergens', async () => {
    const s = await withCatalog();
    for (const id of ['croissant', 'falafel', 'mixed-grill', 'asparagus', 'hummus']) {
      await orders(s, `p-${id}`, id, days(9, 2));
    }
    const byId = new Map(CATALOG.map((item) => [item.id, item]));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.constantFrom(...DIETS), { maxLength: 2 }),
        fc.uniqueArray(fc.constantFrom(...ALLERGENS), { maxLength: 4 }),
        fc.integer({ min: 0, max: 23 }),
        async (diet, allergens, hour) => {
          const anonymousId = `diet-${++run}`;
          await orders(s, anonymousId, 'croissant', days(hour, 1));
          const saved = await call(s.app, 'PUT', `/v1/preferences?anonymousId=${anonymousId}`, {
            writeKey: s.tenant.writeKey,
            headers: { 'if-match': '*' },
            body: { diet, allergens },
          });
          assert.equal(saved.res.status, 200);
          const { json } = await suggest(s, { anonymousId, hour: String(hour), limit: '20' });
          for (const g of json.groups) {
            for (const hit of g.hits) assert.ok(passesHardFilters(byId.get(hit.id)!, diet, allergens), hit.id);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('search ranking: the moment and the place (with personalization)', () => {
  test('property: for equal text relevance, the dish tagged for this part of the day and the one served in the guest’s region rank higher', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('Shakshuka', 'Ful Medames', 'Labneh Teller', 'Pfannkuchen'),
        fc.constantFrom('breakfast', 'lunch', 'dinner'),
        fc.integer({ min: 0, max: 23 }),
        async (name, tag, hour) => {
          const items = [
            CATALOG[0]!,
            dish('plain', name, { tags: ['main'] }),
            dish('tagged', name, { tags: ['main', tag] }),
            dish('local', name, { tags: ['main'], region: 'DE-HH' }),
          ];
          const s = await withCatalog(items);
          await grantConsent(s.db, s.tenant.id, { anonymousId: 'guest' });
          const ranked = async (extra: Record<string, string>) =>
            (await search(s, { q: name, hour: String(hour), anonymousId: 'guest', ...extra })).json.groups[0]!.hits.map(
              (h) => h.id,
            );
          const order = await ranked({});
          if (daypartOf(hour) === tag) assert.equal(order[0], 'tagged', `${tag} at ${hour}h`);
          else assert.equal(order.at(-1), 'tagged', `${tag} at ${hour}h`);
          const inHamburg = await ranked({ region: 'DE-HH' });
          assert.ok(inHamburg.indexOf('local') < inHamburg.indexOf('plain'), 'region');
          // Without a grant, no context: equal text, equal score.
          const anonymous = (await search(s, { q: name, hour: String(hour), region: 'DE-HH' })).json.groups[0]!.hits;
          assert.equal(new Set(anonymous.map((h) => h.score)).size, 1);
        },
      ),
      { numRuns: 12 },
    );
  });
});
