import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ReasonCode, RecommendationItem } from '@matbakh/contract';
import { addOrder, anonymousKey, newAggregates } from '../src/recommend/aggregates.ts';
import { type Population, regularsPopulation, strictDietPopulation } from '../src/recommend/eval/populations.ts';
import { fitWeights } from '../src/recommend/learn.ts';
import { popularityOf, type RankInput, rank, reasonCodeOf, scoreDishes } from '../src/recommend/rank.ts';
import { DEFAULT_WEIGHTS, FEATURES, type Weights } from '../src/recommend/weights.ts';

/** Every listed item's reasons, checked against the weighted features that scored it. */
function checkReasons(population: Population, weights: Weights, liked: (guest: number) => string[]) {
  const agg = newAggregates('t', 0);
  for (const order of population.orders) addOrder(agg, order);
  const popularity = popularityOf(agg);
  let checked = 0;
  population.guests.slice(0, 40).forEach((guest, g) => {
    const input: RankInput = {
      catalog: population.catalog,
      popularity,
      co: agg.co,
      itemTotal: agg.itemTotal,
      query: {
        kind: 'dish',
        limit: 10,
        locale: 'en',
        diet: guest.diet,
        allergens: guest.allergens,
        hour: [12, 19, 20][g % 3]!,
        weekday: g % 7,
      },
      profile: agg.subjects.get(anonymousKey(guest.id)),
      feedback: { hidden: new Set(), liked: liked(g) },
      now: agg.latestAt,
      weights,
    };
    const scored = new Map(scoreDishes(input).map((s) => [s.item.id, s]));
    for (const item of rank(input)) {
      const s = scored.get(item.id)!;
      // The test's own bookkeeping: each feature's weight × value, summed per reason code.
      const sums = new Map<ReasonCode, number>();
      const seen = input.profile?.itemCounts.has(item.id) ?? false;
      FEATURES.forEach((name, i) => {
        const code = reasonCodeOf(name, seen);
        sums.set(code, (sums.get(code) ?? 0) + weights.features[name] * s.features[i]!);
      });
      if (s.more > 0) sums.set('more_like_this', (sums.get('more_like_this') ?? 0) + s.more);
      const total = [...sums.values()].reduce((a, b) => a + b, 0) - s.less;
      assert.ok(Math.abs(total - item.score) < 1e-3, `${item.id}: score ${item.score} is the features' sum ${total}`);
      const positive = [...sums].filter(([, v]) => v > 1e-9).sort((a, b) => b[1] - a[1]);
      const listed = reasonsOf(item);
      if (positive.length === 0) {
        assert.deepEqual(listed, ['popular']);
        continue;
      }
      assert.equal(
        listed[0],
        positive[0]![0],
        `${item.id}: top reason ${listed[0]}, largest contribution ${positive[0]![0]}`,
      );
      assert.deepEqual(
        listed,
        positive.slice(0, 2).map(([code]) => code),
      );
      checked++;
    }
  });
  return checked;
}

const reasonsOf = (item: RecommendationItem) =>
  item.reasons.filter((r) => r.code !== 'fits_your_diet').map((r) => r.code);

describe('reasons stay true', () => {
  const regulars = regularsPopulation({ guests: 200, seed: 3 });
  const strict = strictDietPopulation({ guests: 200, seed: 4 });

  test('default weights: the top reason is the largest contribution, the second the next', () => {
    assert.ok(checkReasons(regulars, DEFAULT_WEIGHTS, () => []) > 300);
    assert.ok(checkReasons(strict, DEFAULT_WEIGHTS, () => []) > 300);
  });

  test('learned weights (some negative) and "more like this" feedback', () => {
    const guests = new Map(strict.guests.map((g) => [g.id, g]));
    const { weights, report } = fitWeights(strict.orders, strict.catalog, {
      minQueries: 50,
      contextOf: (order) => guests.get(order.anonymousId!),
    });
    assert.equal(report.source, 'fitted');
    assert.ok(FEATURES.some((name) => weights.features[name] < 0));
    const dishes = strict.catalog.dishes;
    assert.ok(checkReasons(strict, weights, (g) => (g % 2 ? [dishes[(g * 13) % dishes.length]!.id] : [])) > 300);
  });
});
