import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALLERGENS, type Allergen, type CatalogItem, DIETS, type Diet } from '@matbakh/contract';
import fc from 'fast-check';
import { addOrder, newAggregates } from '../src/recommend/aggregates.ts';
import { buildCatalog } from '../src/recommend/catalog.ts';
import { popularityOf, rank } from '../src/recommend/rank.ts';

const NOW = Date.parse('2025-07-01T12:00:00Z');

/**
 * Adversarial catalogues: few restaurants, dishes with random (often nearly-matching) diet tags and allergens,
 * duplicated names, items the visitor loves (ordered often, liked, co-ordered) that carry a forbidden allergen.
 */
const dietArb = fc.uniqueArray(fc.constantFrom(...DIETS), { maxLength: DIETS.length });
const allergenArb = fc.uniqueArray(fc.constantFrom(...ALLERGENS), { maxLength: 5 });
const dishArb = fc.record({
  restaurant: fc.integer({ min: 0, max: 3 }),
  diet: dietArb,
  allergens: allergenArb,
  seasonal: fc.boolean(),
  isNew: fc.boolean(),
});
const scenarioArb = fc.record({
  dishes: fc.array(dishArb, { minLength: 1, maxLength: 40 }),
  orders: fc.array(
    fc.record({
      user: fc.integer({ min: 0, max: 3 }),
      items: fc.array(fc.nat(39), { minLength: 1, maxLength: 4 }),
      day: fc.nat(60),
      hour: fc.nat(23),
    }),
    { maxLength: 120 },
  ),
  diet: fc.uniqueArray(fc.constantFrom(...DIETS), { maxLength: 3 }),
  allergens: fc.uniqueArray(fc.constantFrom(...ALLERGENS), { maxLength: 6 }),
  liked: fc.array(fc.nat(39), { maxLength: 3 }),
  hidden: fc.array(fc.nat(39), { maxLength: 3 }),
  profiled: fc.boolean(),
  kind: fc.constantFrom('dish' as const, 'restaurant' as const),
  restaurantDiet: dietArb,
  restaurantAllergens: allergenArb,
  limit: fc.integer({ min: 1, max: 50 }),
  region: fc.option(fc.constantFrom('A', 'B'), { nil: undefined }),
  maxPerRestaurant: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
});

function violates(item: { diet: Diet[]; allergens: Allergen[] }, diet: Diet[], allergens: Allergen[]): boolean {
  return allergens.some((a) => item.allergens.includes(a)) || diet.some((d) => !item.diet.includes(d));
}

test('hard filters: no allergen the visitor excludes, every diet they chose — whatever the catalogue and history', async () => {
  fc.assert(
    fc.property(scenarioArb, (scenario) => {
      const rows: CatalogItem[] = [0, 1, 2, 3].map((r) => ({
        id: `r-${r}`,
        kind: 'restaurant',
        name: `R${r}`,
        cuisine: r % 2 ? 'x' : 'y',
        region: r % 2 ? 'A' : 'B',
        diet: scenario.restaurantDiet,
        allergens: r === 0 ? [] : scenario.restaurantAllergens,
        tags: [],
      }));
      scenario.dishes.forEach((dish, i) => {
        rows.push({
          id: `d-${i}`,
          kind: 'dish',
          name: 'Same name',
          restaurantId: `r-${dish.restaurant}`,
          diet: dish.diet,
          allergens: dish.allergens,
          tags: [],
          ...(dish.seasonal ? { seasonMonths: [7] } : {}),
          createdAt: new Date(NOW - (dish.isNew ? 2 : 100) * 86_400_000).toISOString(),
        });
      });
      const catalog = buildCatalog(rows);
      const agg = newAggregates('t', NOW);
      for (const order of scenario.orders) {
        const items = [...new Set(order.items.filter((i) => i < scenario.dishes.length).map((i) => `d-${i}`))];
        addOrder(agg, {
          userId: null,
          anonymousId: `u${order.user}`,
          at: NOW - order.day * 86_400_000,
          hour: order.hour,
          items,
        });
      }
      const profile = scenario.profiled ? agg.subjects.get('a:u0') : undefined;
      const items = rank({
        catalog,
        popularity: popularityOf(agg, NOW),
        co: agg.co,
        itemTotal: agg.itemTotal,
        query: {
          kind: scenario.kind,
          limit: scenario.limit,
          locale: 'en',
          diet: scenario.diet,
          allergens: scenario.allergens,
          region: scenario.region,
          hour: 12,
          maxPerRestaurant: scenario.maxPerRestaurant,
        },
        profile,
        feedback: { hidden: new Set(scenario.hidden.map((i) => `d-${i}`)), liked: scenario.liked.map((i) => `d-${i}`) },
        now: NOW,
      });
      assert.ok(items.length <= scenario.limit);
      for (const item of items) {
        assert.ok(!violates(item, scenario.diet, scenario.allergens), `${item.id} violates the filters`);
        // The response's attributes are the catalogue's, not something a ranker could launder.
        const source = catalog.byId.get(item.id)!;
        assert.deepEqual(item.allergens, source.allergens);
        assert.ok(!scenario.hidden.map((i) => `d-${i}`).includes(item.id));
        assert.ok(item.reasons.length >= 1);
      }
      const perRestaurant = new Map<string, number>();
      for (const item of items) {
        const key = item.restaurantId ?? item.id;
        perRestaurant.set(key, (perRestaurant.get(key) ?? 0) + 1);
      }
      // A partner's hard cap holds; without one, variety is the diversity re-ranking's job (no fixed cap).
      const cap = scenario.maxPerRestaurant ?? Number.POSITIVE_INFINITY;
      assert.ok([...perRestaurant.values()].every((n) => n <= cap));
    }),
    { numRuns: 300, seed: 20251125 },
  );
});
