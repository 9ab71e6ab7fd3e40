import {
  type Allergen,
  type CatalogItem,
  type Diet,
  type Locale,
  passesHardFilters,
  type Reason,
  type ReasonCode,
  type ReasonParams,
  type RecommendationItem,
  reason,
  type Season,
  seasonOfMonth,
} from '@matbakh/contract';
import { type Aggregates, DAY_MS } from './aggregates.ts';
import type { Catalog } from './catalog.ts';

/** At most this many items from one restaurant in one list. */
export const MAX_PER_RESTAURANT = 2;
const TREND_WINDOW_DAYS = 7;
const TREND_BASE_DAYS = 28;
/** A dish is "new" for this long after it entered the catalogue. */
const NEW_ITEM_DAYS = 21;

/** Per-item popularity over the last 35 days, derived from the aggregates once per day and data change. */
export interface Popularity {
  last7: Map<string, number>;
  prev28: Map<string, number>;
  total35: Map<string, number>;
  max35: number;
  hours: Map<string, Uint32Array>;
  /** Sum of `hours` per item. */
  hourTotals: Map<string, number>;
}

const popularityCache = new WeakMap<Aggregates, { key: string; value: Popularity }>();

export function popularityOf(agg: Aggregates, now: number): Popularity {
  const today = Math.floor(now / DAY_MS);
  const key = `${agg.version}:${today}`;
  const cached = popularityCache.get(agg);
  if (cached?.key === key) return cached.value;
  const value: Popularity = {
    last7: new Map(),
    prev28: new Map(),
    total35: new Map(),
    max35: 0,
    hours: agg.itemHours,
    hourTotals: new Map(),
  };
  for (const [item, hours] of agg.itemHours) {
    let all = 0;
    for (let h = 0; h < 24; h++) all += hours[h]!;
    value.hourTotals.set(item, all);
  }
  for (const [item, days] of agg.itemDays) {
    let last7 = 0;
    let prev28 = 0;
    for (const [day, count] of days) {
      const age = today - day;
      if (age < 0) continue;
      if (age < TREND_WINDOW_DAYS) last7 += count;
      else if (age < TREND_WINDOW_DAYS + TREND_BASE_DAYS) prev28 += count;
    }
    value.last7.set(item, last7);
    value.prev28.set(item, prev28);
    value.total35.set(item, last7 + prev28);
    value.max35 = Math.max(value.max35, last7 + prev28);
  }
  popularityCache.set(agg, { key, value });
  return value;
}

/** The personal signals of one subject (merged over its user id and anonymous id). */
export interface Profile {
  orders: number;
  itemCounts: Map<string, number>;
  hours: ArrayLike<number>;
  interest: Map<string, number>;
  lastOrder: string[];
}

/** Feedback of the subject: hidden items are excluded; their neighbours demoted; liked items' neighbours boosted. */
export interface FeedbackState {
  hidden: Set<string>;
  liked: string[];
}

export interface RankQuery {
  kind: 'dish' | 'restaurant';
  limit: number;
  locale: Locale;
  diet: readonly Diet[];
  allergens: readonly Allergen[];
  region?: string | undefined;
  hour: number;
}

export interface RankInput {
  catalog: Catalog;
  popularity: Popularity;
  /** Co-occurrence counts (from the aggregates); only read when a profile or liked items exist. */
  co: Aggregates['co'];
  itemTotal: Aggregates['itemTotal'];
  query: RankQuery;
  /** Only with personalization consent and some history. */
  profile?: Profile | undefined;
  feedback: FeedbackState;
  now: number;
}

/**
 * The hard filters (one implementation, in the contract): an item carrying any of the chosen allergens, or missing
 * any chosen diet tag, is never shown. Applied to every candidate and once more to the final list.
 */
export { passesHardFilters };

export function seasonOf(now: number): Season {
  return seasonOfMonth(new Date(now).getUTCMonth() + 1);
}

/** A candidate's score and what each signal added; reasons are written only for the items that make the list. */
interface Scored {
  item: CatalogItem;
  score: number;
  seen: boolean;
  pop: number;
  inRegion: boolean;
  total35: number;
  trend: number;
  growth: number;
  season: number;
  fresh: number;
  repeat: number;
  usual: boolean;
  co: number;
  coFrom: string | undefined;
  cuisine: number;
  more: number;
  moreFrom: string | undefined;
}

/** The peak of the order-hour histogram (±1 h), if it holds a real share of the orders; else -1. */
function usualHourOf(profile: Profile | undefined): number {
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

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** Cosine-normalised co-occurrence of `a` with `b`. */
function similarity(input: RankInput, a: string, b: string): number {
  const count = input.co.get(a)?.get(b);
  if (!count) return 0;
  return count / Math.sqrt((input.itemTotal.get(a) ?? 1) * (input.itemTotal.get(b) ?? 1));
}

/** Scores every dish that passes the hard filters; the reasons carry how much each signal added. */
function scoreDishes(input: RankInput): Scored[] {
  const { catalog, popularity, query, profile, feedback, now } = input;
  const month = new Date(now).getUTCMonth() + 1;
  const maxPop = Math.log1p(Math.max(1, popularity.max35));

  // Personal signals prepared once per request.
  let maxCount = 1;
  let cuisineShare = new Map<string, number>();
  let usualHour = -1;
  const coScore = new Map<string, { value: number; from: string; best: number }>();
  if (profile) {
    let totalItems = 0;
    const cuisines = new Map<string, number>();
    for (const [id, count] of profile.itemCounts) {
      maxCount = Math.max(maxCount, count);
      totalItems += count;
      const cuisine = catalog.byId.get(id)?.cuisine;
      if (cuisine) cuisines.set(cuisine, (cuisines.get(cuisine) ?? 0) + count);
    }
    cuisineShare = new Map([...cuisines].map(([cuisine, count]) => [cuisine, count / Math.max(1, totalItems)]));
    usualHour = usualHourOf(profile);
    const sources = new Map<string, number>();
    for (const [id, count] of profile.itemCounts) sources.set(id, count);
    for (const id of profile.lastOrder) sources.set(id, (sources.get(id) ?? 0) + 1);
    for (const [id, count] of profile.interest) sources.set(id, (sources.get(id) ?? 0) + 0.3 * count);
    for (const [from, weight] of sources) {
      const row = input.co.get(from);
      if (!row) continue;
      const fromTotal = input.itemTotal.get(from) ?? 1;
      for (const [to, count] of row) {
        const value = (weight * count) / Math.sqrt(fromTotal * (input.itemTotal.get(to) ?? 1));
        const entry = coScore.get(to);
        if (!entry) coScore.set(to, { value, from, best: value });
        else {
          entry.value += value;
          // The reason names the history item that contributed most.
          if (value > entry.best) {
            entry.best = value;
            entry.from = from;
          }
        }
      }
    }
  }
  let maxCo = 0;
  for (const { value } of coScore.values()) maxCo = Math.max(maxCo, value);

  const hidden = [...feedback.hidden].map((id) => catalog.byId.get(id)).filter((item) => item !== undefined);
  const liked = feedback.liked.map((id) => catalog.byId.get(id)).filter((item) => item !== undefined);
  const nearHour = (hours: ArrayLike<number>, hour: number) =>
    (hours[hour] ?? 0) + (hours[(hour + 23) % 24] ?? 0) + (hours[(hour + 1) % 24] ?? 0);

  const out: Scored[] = [];
  for (const item of catalog.dishes) {
    if (feedback.hidden.has(item.id)) continue;
    if (!passesHardFilters(item, query.diet, query.allergens)) continue;
    const total35 = popularity.total35.get(item.id) ?? 0;
    const pop = Math.log1p(total35) / maxPop;
    let score = 0.5 * pop;
    const inRegion = query.region !== undefined && item.region === query.region;

    const hours = popularity.hours.get(item.id);
    const all = popularity.hourTotals.get(item.id) ?? 0;
    if (hours && all >= 10) score += 0.075 * clamp(nearHour(hours, query.hour) / all / (3 / 24) - 1, -1, 2);
    const last7 = popularity.last7.get(item.id) ?? 0;
    const prev28 = popularity.prev28.get(item.id) ?? 0;
    const growth = last7 / TREND_WINDOW_DAYS / (Math.max(prev28, 1) / TREND_BASE_DAYS);
    const trend = last7 >= 3 && growth >= 1.25 ? 0.1 * Math.min(growth - 1, 2) : 0;
    const season = item.seasonMonths?.includes(month) ? 0.1 : 0;
    const count = profile?.itemCounts.get(item.id) ?? 0;
    const seen = count > 0;
    const created = catalog.createdAt.get(item.id) ?? Number.NaN;
    const fresh = !seen && now - created < NEW_ITEM_DAYS * DAY_MS && now >= created ? 0.05 : 0;
    score += trend + season + fresh;

    let repeat = 0;
    let usual = false;
    let co = 0;
    let coFrom: string | undefined;
    let cuisine = 0;
    if (profile) {
      if (count > 0) {
        repeat = 0.8 * (Math.log1p(count) / Math.log1p(maxCount));
        usual = usualHour >= 0 && Math.abs(((usualHour - query.hour + 36) % 24) - 12) >= 10;
        score += repeat + (usual ? 0.1 : 0);
      }
      const entry = coScore.get(item.id);
      if (entry && maxCo > 0) {
        co = 0.6 * (entry.value / maxCo);
        coFrom = entry.from;
        score += co;
      }
      const share = item.cuisine ? (cuisineShare.get(item.cuisine) ?? 0) : 0;
      cuisine = 0.4 * share;
      score += cuisine;
    }

    let more = 0;
    let moreFrom: string | undefined;
    for (const like of liked) {
      let sim = similarity(input, like.id, item.id) * 2;
      if (like.cuisine !== undefined && like.cuisine === item.cuisine) sim += 0.5;
      if (like.restaurantId !== undefined && like.restaurantId === item.restaurantId) sim += 0.3;
      if (like.id === item.id) sim += 0.5;
      const add = 0.4 * Math.min(sim, 1.5);
      if (add > more) moreFrom = like.name;
      more = Math.max(more, add);
      score += add;
    }
    for (const no of hidden) {
      let sim = similarity(input, no.id, item.id) * 2;
      if (no.restaurantId !== undefined && no.restaurantId === item.restaurantId) sim += 0.4;
      if (no.cuisine !== undefined && no.cuisine === item.cuisine) sim += 0.3;
      score -= 0.3 * Math.min(sim, 1.5);
    }
    if (query.region !== undefined && !inRegion) score *= 0.35;
    out.push({
      item,
      score,
      seen,
      pop,
      inRegion,
      total35,
      trend,
      growth,
      season,
      fresh,
      repeat,
      usual,
      co,
      coFrom,
      cuisine,
      more,
      moreFrom,
    });
  }
  return out;
}

/** The reasons behind a score, strongest first: what each signal added decides the order. */
function reasonsOf(scored: Scored, input: RankInput): { code: ReasonCode; params: ReasonParams; weight: number }[] {
  const { item } = scored;
  const out: { code: ReasonCode; params: ReasonParams; weight: number }[] = [];
  if (scored.inRegion)
    out.push({ code: 'popular_near_you', params: { region: item.region! }, weight: 0.5 * scored.pop });
  else out.push({ code: 'popular', params: { count: scored.total35 }, weight: 0.4 * scored.pop });
  if (scored.trend > 0) {
    out.push({
      code: 'trending',
      params: { growth: Math.round((scored.growth - 1) * 100) },
      weight: scored.trend + 0.05,
    });
  }
  if (scored.season > 0) out.push({ code: 'seasonal', params: { season: seasonOf(input.now) }, weight: scored.season });
  if (scored.fresh > 0) {
    out.push({ code: 'new_for_you', params: item.cuisine ? { cuisine: item.cuisine } : {}, weight: scored.fresh });
  }
  if (scored.repeat > 0) {
    out.push(
      scored.usual
        ? { code: 'usually_at_this_time', params: { hour: usualHourOf(input.profile) }, weight: scored.repeat + 0.1 }
        : { code: 'because_you_ordered', params: { item: item.name }, weight: scored.repeat },
    );
  }
  const from = scored.coFrom === undefined ? undefined : input.catalog.byId.get(scored.coFrom);
  if (scored.co > 0 && from && from.id !== item.id) {
    out.push({ code: 'because_you_ordered', params: { item: from.name }, weight: scored.co });
  }
  if (scored.cuisine > 0 && !scored.seen && item.cuisine) {
    out.push({ code: 'new_for_you', params: { cuisine: item.cuisine }, weight: scored.cuisine * 0.5 });
  }
  if (scored.more > 0 && scored.moreFrom !== undefined) {
    out.push({ code: 'more_like_this', params: { item: scored.moreFrom }, weight: scored.more + 0.2 });
  }
  return out;
}

function toItem(scored: Scored, input: RankInput): RecommendationItem {
  const { item } = scored;
  const { catalog, query } = input;
  const restaurant = item.restaurantId === undefined ? undefined : catalog.byId.get(item.restaurantId);
  const ordered = reasonsOf(scored, input).sort((a, b) => b.weight - a.weight);
  const picked: Reason[] = [];
  const seen = new Set<string>();
  for (const candidate of ordered) {
    const key = `${candidate.code}:${JSON.stringify(candidate.params)}`;
    if (seen.has(key) || candidate.weight <= 0) continue;
    seen.add(key);
    picked.push(reason(candidate.code, candidate.params, query.locale));
    if (picked.length === 2) break;
  }
  if (query.diet.length > 0) picked.push(reason('fits_your_diet', { diets: query.diet.join(',') }, query.locale));
  if (picked.length === 0) picked.push(reason('popular', {}, query.locale));
  const out: RecommendationItem = {
    id: item.id,
    kind: item.kind,
    title: item.name,
    tags: [...item.tags],
    diet: [...item.diet],
    allergens: [...item.allergens],
    reasons: picked,
    score: Math.round(scored.score * 10_000) / 10_000,
  };
  const subtitle = item.kind === 'dish' ? restaurant?.name : item.cuisine;
  if (subtitle !== undefined) out.subtitle = subtitle;
  if (item.restaurantId !== undefined) out.restaurantId = item.restaurantId;
  if (restaurant) out.restaurantName = restaurant.name;
  if (item.price) out.price = { ...item.price };
  if (item.image) out.image = { ...item.image };
  if (item.url) out.url = item.url;
  if (item.region !== undefined) out.region = item.region;
  return out;
}

/**
 * Ranks the catalogue for one request: scores, then picks greedily by score with at most MAX_PER_RESTAURANT
 * items per restaurant and, for a personalized list, room for items the visitor has not ordered yet (novelty).
 * The hard filters are checked on every candidate and once more on the result.
 */
export function rank(input: RankInput): RecommendationItem[] {
  const { query } = input;
  let scored = scoreDishes(input);
  if (query.kind === 'restaurant') {
    // A restaurant is as good as its best fitting dish, and must fit the filters itself too.
    const best = new Map<string, Scored>();
    for (const dish of scored) {
      const id = dish.item.restaurantId;
      if (id === undefined) continue;
      const current = best.get(id);
      if (!current || dish.score > current.score) best.set(id, dish);
    }
    scored = [];
    for (const restaurant of input.catalog.restaurants) {
      if (input.feedback.hidden.has(restaurant.id)) continue;
      if (!passesHardFilters(restaurant, query.diet, query.allergens)) continue;
      const dish = best.get(restaurant.id);
      if (!dish) continue;
      scored.push({ ...dish, item: restaurant, inRegion: dish.inRegion });
    }
  }
  scored.sort((a, b) => b.score - a.score || (a.item.id < b.item.id ? -1 : 1));
  const maxSeen = input.profile && query.limit >= 4 ? query.limit - 2 : query.limit;
  const perRestaurant = new Map<string, number>();
  const picked: Scored[] = [];
  let seenCount = 0;
  for (const candidate of scored) {
    if (picked.length === query.limit) break;
    const restaurant = candidate.item.kind === 'restaurant' ? candidate.item.id : candidate.item.restaurantId;
    if (restaurant !== undefined && (perRestaurant.get(restaurant) ?? 0) >= MAX_PER_RESTAURANT) continue;
    if (candidate.seen && seenCount >= maxSeen) continue;
    if (restaurant !== undefined) perRestaurant.set(restaurant, (perRestaurant.get(restaurant) ?? 0) + 1);
    if (candidate.seen) seenCount++;
    picked.push(candidate);
  }
  return picked
    .filter((candidate) => passesHardFilters(candidate.item, query.diet, query.allergens))
    .map((candidate) => toItem(candidate, input));
}
