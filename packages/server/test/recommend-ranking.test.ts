import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CatalogItem } from '@matbakh/contract';
import { addOrder, DAY_MS, newAggregates } from '../src/recommend/aggregates.ts';
import { buildCatalog } from '../src/recommend/catalog.ts';
import { diversify } from '../src/recommend/diversify.ts';
import { fitWeights } from '../src/recommend/learn.ts';
import { asOfTime, popularityOf } from '../src/recommend/popularity.ts';
import { DEFAULT_WEIGHTS } from '../src/recommend/weights.ts';

const NOW = Date.parse('2026-11-25T12:00:00Z');

const dish = (id: string, restaurantId: string, cuisine = 'x'): CatalogItem => ({
  id,
  kind: 'dish',
  name: id,
  restaurantId,
  cuisine,
  diet: [],
  allergens: [],
  tags: [],
});

describe('time: windows count back from the tenant’s latest event', () => {
  test('history imported 100 days late still counts as recent popularity', () => {
    const agg = newAggregates('t', NOW);
    const end = NOW - 100 * DAY_MS;
    for (let d = 0; d < 30; d++) {
      addOrder(agg, { userId: null, anonymousId: `g${d % 3}`, at: end - d * DAY_MS, hour: 12, items: ['a'] });
    }
    assert.equal(agg.latestAt, end);
    assert.equal(asOfTime(agg, NOW), end);
    assert.equal(popularityOf(agg).total35.get('a'), 30);
    // Against the server's clock the same history would count nothing: what the issue measured.
    assert.equal(popularityOf(agg, NOW).total35.get('a'), 0);
    // A clock far ahead cannot age everything out: the as-of time never passes `now`.
    addOrder(agg, { userId: null, anonymousId: 'g0', at: NOW + 400 * DAY_MS, hour: 12, items: ['b'] });
    assert.equal(asOfTime(agg, NOW), NOW);
  });
});

describe('diversify', () => {
  const candidates = [
    { item: dish('a1', 'A'), score: 3 },
    { item: dish('a2', 'A'), score: 2.9 },
    { item: dish('a3', 'A'), score: 2.8 },
    { item: dish('b1', 'B'), score: 2.7 },
    { item: dish('c1', 'C', 'y'), score: 1 },
  ];
  const ids = (list: { item: CatalogItem }[]) => list.map((c) => c.item.id);

  test('strength 0 keeps the score order; a strong habit keeps its places against a mild strength', () => {
    assert.deepEqual(ids(diversify(candidates, 4, 0)), ['a1', 'a2', 'a3', 'b1']);
    assert.deepEqual(ids(diversify(candidates, 3, 0.05)), ['a1', 'a2', 'a3']);
  });

  test('near-ties go to another restaurant as the strength grows', () => {
    assert.deepEqual(ids(diversify(candidates, 3, 0.2)), ['a1', 'a2', 'b1']);
    assert.deepEqual(ids(diversify(candidates, 3, 5)), ['a1', 'b1', 'c1']);
  });

  test("a partner's hard maximum per restaurant holds whatever the strength", () => {
    assert.deepEqual(ids(diversify(candidates, 4, 0, 1)), ['a1', 'b1', 'c1']);
  });
});

describe('fitWeights', () => {
  test('a tenant too small to learn from keeps the defaults, and the report says why', () => {
    const catalog = buildCatalog([dish('a', 'A'), dish('b', 'A')]);
    const orders = [0, 1, 2].map((g) => ({
      userId: null,
      anonymousId: `g${g}`,
      at: NOW - g * DAY_MS,
      hour: 12,
      items: ['a'],
    }));
    const { weights, report } = fitWeights(orders, catalog);
    assert.equal(weights, DEFAULT_WEIGHTS);
    assert.equal(report.source, 'default');
    assert.match(report.why, /fewer than the 150 needed/);
  });
});
