import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CatalogItem } from '@matbakh/contract';
import { addOrder, anonymousKey, newAggregates } from '../src/recommend/aggregates.ts';
import { buildCatalog } from '../src/recommend/catalog.ts';
import { dishFeatures, FEATURE_COUNT, FEATURE_INDEX, prepareFeatures } from '../src/recommend/features.ts';
import { popularityOf } from '../src/recommend/popularity.ts';

const NOW = Date.parse('2026-11-25T12:00:00Z');

const place = (id: string, name: string, tags: string[]): CatalogItem => ({
  id,
  kind: 'restaurant',
  name,
  cuisine: 'x',
  diet: [],
  allergens: [],
  tags: ['x', ...tags],
});
const dish = (id: string, restaurantId: string, course: string, amount: number): CatalogItem => ({
  id,
  kind: 'dish',
  name: id,
  restaurantId,
  diet: [],
  allergens: [],
  tags: ['x', course],
  price: { amount, currency: 'EUR' },
});

describe('kind-of-dish features: course, price band, restaurant type and size', () => {
  // Two locations of one chain (quick service) and a fine-dining place with a short menu.
  const catalog = buildCatalog([
    place('c1', 'Chain', ['quick_service']),
    place('c2', 'Chain', ['quick_service']),
    place('f', 'Fine', ['fine_dining']),
    dish('c1-burger', 'c1', 'main', 8),
    dish('c1-cola', 'c1', 'drink', 3),
    dish('c1-fries', 'c1', 'side', 4),
    dish('c2-burger', 'c2', 'main', 8),
    dish('c2-shake', 'c2', 'drink', 5),
    dish('f-steak', 'f', 'main', 30),
    dish('f-wine', 'f', 'drink', 12),
  ]);
  const agg = newAggregates('t', NOW);
  for (let i = 0; i < 3; i++) {
    addOrder(agg, { userId: null, anonymousId: 'g', at: NOW - i * 86_400_000, hour: 12, items: ['c1-cola'] });
  }
  addOrder(agg, { userId: null, anonymousId: 'g', at: NOW, hour: 12, items: ['c1-burger'] });
  const ctx = prepareFeatures({
    catalog,
    popularity: popularityOf(agg),
    co: agg.co,
    profile: agg.subjects.get(anonymousKey('g')),
    hour: 12,
    weekday: 3,
    now: NOW,
  });
  const feature = (id: string, name: 'course' | 'priceBand' | 'placeType' | 'placeSize') =>
    dishFeatures(ctx, catalog.byId.get(id)!, new Float64Array(FEATURE_COUNT))[FEATURE_INDEX[name]];

  test("each is the share of the guest's dishes of the same kind", () => {
    // Three of the guest's four dishes were drinks, one a main.
    assert.equal(feature('c2-shake', 'course'), 0.75);
    assert.equal(feature('f-steak', 'course'), 0.25);
    assert.equal(feature('c1-fries', 'course'), 0);
    // Price terciles of 3, 4, 5, 8, 8, 12, 30: up to 5 low, up to 8 mid: cola and fries low, burgers mid.
    assert.equal(feature('c1-fries', 'priceBand'), 0.75);
    assert.equal(feature('c2-burger', 'priceBand'), 0.25);
    assert.equal(feature('f-steak', 'priceBand'), 0);
    // All four from a quick-service chain: another location counts fully, the fine-dining place not at all.
    assert.equal(feature('c2-shake', 'placeType'), 1);
    assert.equal(feature('f-wine', 'placeType'), 0);
    assert.equal(feature('c2-burger', 'placeSize'), 1);
    assert.equal(feature('f-wine', 'placeSize'), 0);
  });
});
