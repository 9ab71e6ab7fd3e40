import type { CatalogItem } from '@matbakh/contract';
import { type Aggregates, DAY_MS, slotOf } from './aggregates.ts';
import type { Catalog } from './catalog.ts';
import { type Popularity, TREND_BASE_DAYS, TREND_WINDOW_DAYS } from './popularity.ts';
import { FEATURES, type FeatureName, type FeatureWeights } from './weights.ts';

/** A dish is "new" for this long after it entered the catalogue. */
const NEW_ITEM_DAYS = 21;
/** Recency fades with this time constant. */
const RECENCY_DAYS = 30;

export const FEATURE_COUNT = FEATURES.length;
export const FEATURE_INDEX = Object.fromEntries(FEATURES.map((name, i) => [name, i])) as Record<FeatureName, number>;
const F = FEATURE_INDEX;

/** The personal signals of one subject (merged over its user id and anonymous id). */
export interface Profile {
  orders: number;
  itemCounts: Map<string, number>;
  hours: ArrayLike<number>;
  interest: Map<string, number>;
  lastOrder: string[];
  /** When each item was last ordered; absent in older profiles (no recency then). */
  itemLastAt?: Map<string, number> | undefined;
  /** Orders of each item per time slot; absent in older profiles (no habit signal then). */
  itemSlots?: Map<string, Uint16Array> | undefined;
}

/** What one request knows: the catalogue, the aggregates as of a time, the visitor and the moment. */
export interface FeatureInput {
  catalog: Catalog;
  popularity: Popularity;
  co: Aggregates['co'];
  profile?: Profile | undefined;
  hour: number;
  /** UTC weekday, Sunday 0. */
  weekday: number;
  /** The visitor's region, resolved (request, traits, or usual); undefined when unknown. */
  region?: string | undefined;
  /** The request's time: season and the catalogue's "new" use it. */
  now: number;
}

/** The per-request state every dish's features are read from, prepared once. */
export interface FeatureContext extends FeatureInput {
  month: number;
  slot: number;
  maxCount: number;
  usualHour: number;
  co: Aggregates['co'];
  coScore: Map<string, { value: number; from: string; best: number }>;
  maxCo: number;
  coLast: Map<string, number>;
  maxCoLast: number;
  restaurantShare: Map<string, number>;
  /** The visitor's most ordered dish per restaurant (what a `restaurant` reason names). */
  restaurantTop: Map<string, string>;
  cuisineShare: Map<string, number>;
  regionMax: number;
  lastOrder: Set<string>;
  totals: Totals;
}

/** Orders per restaurant and per cuisine (sums over their dishes), for the "share of" features. */
interface Totals {
  restaurant: Map<string, number>;
  cuisine: Map<string, number>;
}

const totalsCache = new WeakMap<Popularity, { stamp: string; totals: Totals }>();

function totalsOf(catalog: Catalog, popularity: Popularity): Totals {
  const cached = totalsCache.get(popularity);
  if (cached?.stamp === catalog.stamp) return cached.totals;
  const totals: Totals = { restaurant: new Map(), cuisine: new Map() };
  for (const dish of catalog.dishes) {
    const n = popularity.itemTotal.get(dish.id) ?? 0;
    if (n === 0) continue;
    if (dish.restaurantId !== undefined)
      totals.restaurant.set(dish.restaurantId, (totals.restaurant.get(dish.restaurantId) ?? 0) + n);
    if (dish.cuisine !== undefined) totals.cuisine.set(dish.cuisine, (totals.cuisine.get(dish.cuisine) ?? 0) + n);
  }
  totalsCache.set(popularity, { stamp: catalog.stamp, totals });
  return totals;
}

/** The peak of the order-hour histogram (±1 h), if it holds a real share of the orders; else -1. */
export function usualHourOf(profile: Profile | undefined): number {
  if (!profile || profile.orders < 2) return -1;
  let peak = 0;
  let usual = -1;
  for (let hour = 0; hour < 24; hour++) {
    const around =
      (profile.hours[hour] ?? 0) +
      0.5 * ((profile.hours[(hour + 23) % 24] ?? 0) + (profile.hours[(hour + 1) % 24] ?? 0));
    if (around > peak) {
      peak = around;
      usual = hour;
    }
  }
  return peak < profile.orders * 0.4 ? -1 : usual;
}

/** The region most of the subject's ordered dishes come from. */
export function usualRegion(catalog: Catalog, profile: Profile | undefined): string | undefined {
  if (!profile) return undefined;
  const regions = new Map<string, number>();
  for (const [id, count] of profile.itemCounts) {
    const region = catalog.byId.get(id)?.region;
    if (region !== undefined) regions.set(region, (regions.get(region) ?? 0) + count);
  }
  let best: string | undefined;
  let bestCount = 0;
  for (const [region, count] of regions) {
    if (count > bestCount || (count === bestCount && best !== undefined && region < best)) {
      best = region;
      bestCount = count;
    }
  }
  return best;
}

const cosine = (input: FeatureInput, count: number, a: string, b: string) =>
  count / Math.sqrt((input.popularity.itemTotal.get(a) ?? 1) * (input.popularity.itemTotal.get(b) ?? 1));

/** Co-occurrence with the visitor's history (orders, last order, views), naming the strongest source. */
function coScores(input: FeatureInput, profile: Profile): FeatureContext['coScore'] {
  const sources = new Map<string, number>();
  for (const [id, count] of profile.itemCounts) sources.set(id, count);
  for (const id of profile.lastOrder) sources.set(id, (sources.get(id) ?? 0) + 1);
  for (const [id, count] of profile.interest) sources.set(id, (sources.get(id) ?? 0) + 0.3 * count);
  const out: FeatureContext['coScore'] = new Map();
  for (const [from, weight] of sources) {
    for (const [to, count] of input.co.get(from) ?? []) {
      const value = weight * cosine(input, count, from, to);
      const entry = out.get(to);
      if (!entry) out.set(to, { value, from, best: value });
      else {
        entry.value += value;
        if (value > entry.best) {
          entry.best = value;
          entry.from = from;
        }
      }
    }
  }
  return out;
}

export function prepareFeatures(input: FeatureInput): FeatureContext {
  const { catalog, profile } = input;
  const ctx: FeatureContext = {
    ...input,
    month: new Date(input.now).getUTCMonth() + 1,
    slot: slotOf(input.hour, input.weekday),
    maxCount: 1,
    usualHour: usualHourOf(profile),
    coScore: new Map(),
    maxCo: 0,
    coLast: new Map(),
    maxCoLast: 0,
    restaurantShare: new Map(),
    restaurantTop: new Map(),
    cuisineShare: new Map(),
    regionMax: 0,
    lastOrder: new Set(profile?.lastOrder ?? []),
    totals: totalsOf(catalog, input.popularity),
  };
  if (input.region !== undefined) {
    for (const dish of catalog.dishes) {
      if (dish.region === input.region)
        ctx.regionMax = Math.max(ctx.regionMax, input.popularity.itemTotal.get(dish.id) ?? 0);
    }
  }
  if (!profile) return ctx;
  let totalItems = 0;
  const topCount = new Map<string, number>();
  for (const [id, count] of profile.itemCounts) {
    ctx.maxCount = Math.max(ctx.maxCount, count);
    totalItems += count;
    const item = catalog.byId.get(id);
    if (item?.cuisine) ctx.cuisineShare.set(item.cuisine, (ctx.cuisineShare.get(item.cuisine) ?? 0) + count);
    const restaurant = item?.restaurantId;
    if (restaurant !== undefined) {
      ctx.restaurantShare.set(restaurant, (ctx.restaurantShare.get(restaurant) ?? 0) + count);
      if (count > (topCount.get(restaurant) ?? 0)) {
        topCount.set(restaurant, count);
        ctx.restaurantTop.set(restaurant, id);
      }
    }
  }
  const share = (map: Map<string, number>) => {
    for (const [key, count] of map) map.set(key, count / Math.max(1, totalItems));
  };
  share(ctx.cuisineShare);
  share(ctx.restaurantShare);
  ctx.coScore = coScores(input, profile);
  for (const { value } of ctx.coScore.values()) ctx.maxCo = Math.max(ctx.maxCo, value);
  for (const from of profile.lastOrder) {
    for (const [to, count] of input.co.get(from) ?? []) {
      ctx.coLast.set(to, (ctx.coLast.get(to) ?? 0) + cosine(input, count, from, to));
    }
  }
  for (const value of ctx.coLast.values()) ctx.maxCoLast = Math.max(ctx.maxCoLast, value);
  return ctx;
}

const LIFT_PRIOR = 30;
/** How much more than its share `expected` of `all` orders fell into the slot (0: as expected), shrunk. */
const lift = (inSlot: number, all: number, expected: number) =>
  (inSlot + LIFT_PRIOR * expected) / (all + LIFT_PRIOR) / expected - 1;
const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
const near = (counts: ArrayLike<number>, at: number, size: number) =>
  (counts[at] ?? 0) + (counts[(at + size - 1) % size] ?? 0) + (counts[(at + 1) % size] ?? 0);

/**
 * How much more than its share of the dish's orders falls into `hour` ±1 (−1 … 2; 0: no pattern), or undefined
 * without orders. Shrunk toward 0 by LIFT_PRIOR orders' worth of "no pattern": a few orders are not a habit.
 */
export function hourLiftOf(popularity: Popularity, id: string, hour: number): number | undefined {
  const hours = popularity.hours.get(id);
  if (!hours) return undefined;
  return clamp(lift(near(hours, hour, 24), popularity.hourTotals.get(id) ?? 0, 3 / 24), -1, 2);
}

/** Writes the dish's FEATURES into `out` (length FEATURE_COUNT), each in FEATURES order. */
export function dishFeatures(ctx: FeatureContext, item: CatalogItem, out: Float64Array): Float64Array {
  const { popularity, profile } = ctx;
  const id = item.id;
  out.fill(0);
  const count = profile?.itemCounts.get(id) ?? 0;
  const seen = count > 0;
  if (profile) {
    if (seen) {
      out[F.repeat] = Math.log1p(count) / Math.log1p(ctx.maxCount);
      out[F.repeatShare] = count / Math.max(1, profile.orders);
      const last = profile.itemLastAt?.get(id);
      if (last !== undefined) out[F.recent] = Math.exp(-Math.max(0, popularity.asOf - last) / (RECENCY_DAYS * DAY_MS));
      if (ctx.lastOrder.has(id)) out[F.inLast] = 1;
      if (ctx.usualHour >= 0 && Math.abs(((ctx.usualHour - ctx.hour + 36) % 24) - 12) >= 10) out[F.usualHour] = 1;
      const slots = profile.itemSlots?.get(id);
      if (slots) out[F.habit] = slots[ctx.slot]! / count;
    } else out[F.novel] = 1;
    const co = ctx.coScore.get(id);
    if (co && ctx.maxCo > 0) out[F.co] = co.value / ctx.maxCo;
    const coLast = ctx.coLast.get(id);
    if (coLast !== undefined && ctx.maxCoLast > 0) out[F.coLast] = coLast / ctx.maxCoLast;
    if (item.restaurantId !== undefined) out[F.restaurant] = ctx.restaurantShare.get(item.restaurantId) ?? 0;
    if (item.cuisine !== undefined) out[F.cuisine] = ctx.cuisineShare.get(item.cuisine) ?? 0;
  }
  const total = popularity.itemTotal.get(id) ?? 0;
  const placeTotal = item.restaurantId === undefined ? 0 : (ctx.totals.restaurant.get(item.restaurantId) ?? 0);
  const dishShare = placeTotal >= 5 ? total / placeTotal : 0;
  out[F.dishShare] = dishShare;
  if (profile) {
    out[F.placeDish] = out[F.restaurant]! * dishShare;
    const cuisineTotal = item.cuisine === undefined ? 0 : (ctx.totals.cuisine.get(item.cuisine) ?? 0);
    if (cuisineTotal >= 5) out[F.cuisineDish] = (out[F.cuisine]! * total) / cuisineTotal;
  }
  const total35 = popularity.total35.get(id) ?? 0;
  out[F.pop] = Math.log1p(total35) / Math.log1p(Math.max(1, popularity.max35));
  out[F.popAll] = Math.log1p(total) / Math.log1p(Math.max(1, popularity.maxTotal));
  if (ctx.region !== undefined && item.region === ctx.region) {
    out[F.regionPop] = Math.log1p(total) / Math.log1p(Math.max(1, ctx.regionMax));
    out[F.inRegion] = 1;
  }
  const hour = hourLiftOf(popularity, id, ctx.hour);
  if (hour !== undefined) out[F.hour] = hour;
  const weekdays = popularity.weekdays.get(id);
  const all = popularity.hourTotals.get(id) ?? 0;
  if (weekdays) out[F.weekday] = clamp(lift(near(weekdays, ctx.weekday, 7), all, 3 / 7), -1, 2);
  const last7 = popularity.last7.get(id) ?? 0;
  const prev28 = popularity.prev28.get(id) ?? 0;
  const growth = last7 / TREND_WINDOW_DAYS / (Math.max(prev28, 1) / TREND_BASE_DAYS);
  if (last7 >= 3 && growth >= 1.25) out[F.trend] = Math.min(growth - 1, 2);
  if (item.seasonMonths?.includes(ctx.month)) out[F.season] = 1;
  const created = ctx.catalog.createdAt.get(id) ?? Number.NaN;
  if (!seen && ctx.now - created < NEW_ITEM_DAYS * DAY_MS && ctx.now >= created) out[F.fresh] = 1;
  return out;
}

/** The weights as a vector in FEATURES order. */
export function weightVector(weights: FeatureWeights): Float64Array {
  return Float64Array.from(FEATURES, (name) => weights[name]);
}

export function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}
