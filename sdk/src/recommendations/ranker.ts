/**
 * The on-device fallback ranker: ranks a catalogue snapshot (`GET /v1/catalog`) with the visitor's local
 * order history, on the visitor's device. Used when the server cannot answer (offline, 5xx, a bad answer)
 * and when the visitor allows personalization on this device only (see `index.ts` for the rule).
 *
 * Pure and synchronous: no storage, no network, no clock (the caller passes hour and month). Budget: 5,000
 * candidates in ≤ 5 ms (`tests/bench/ranker.mjs`). One pass scores every candidate that passes the hard
 * filters, one sort, then a diversity pass.
 *
 * Hard filters, never violated: an item carrying any allergen the visitor avoids, or lacking any diet the
 * visitor follows, is never returned — whatever its score, whatever the history says.
 */
import type {
  Allergen,
  CatalogItem,
  Diet,
  Locale,
  RecommendationAudience,
  RecommendationItem,
} from '@matbakh/contract';
import { passesHardFilters, seasonOfMonth } from '@matbakh/contract';
import { type Collected, toRecommendation } from './ranked-item.ts';

/** One completed order as the device remembers it (only with personalization consent). */
export interface LocalOrder {
  /** Product ids of the order. */
  ids: string[];
  /** Local hour (0–23) it was placed. */
  hour: number;
}

export interface RankInput {
  catalog: readonly CatalogItem[];
  /** The visitor's orders, oldest first; empty without personalization consent. */
  history: readonly LocalOrder[];
  /** Items the visitor asked for more of (feedback), used like orders but with the `more_like_this` reason. */
  liked?: readonly string[];
  /** Items never to show (feedback "not interested"). */
  excluded?: ReadonlySet<string>;
  diet: readonly Diet[];
  allergens: readonly Allergen[];
  audience: RecommendationAudience;
  region?: string;
  /** Local hour 0–23. */
  hour: number;
  /** Month 1–12 (season). */
  month: number;
  limit: number;
  locale: Locale;
  /** Diversity: at most this many items of one restaurant (default 2). */
  maxPerRestaurant?: number;
}

/** Whether an item may be shown to a visitor with these diets and allergens: the contract's one rule, never relaxed. */
export { passesHardFilters };

/** Weights of the signals; the score is their sum. Tuned so history beats popularity, popularity breaks ties. */
const W = { popularity: 1, trend: 0.8, region: 0.6, season: 0.4, ordered: 1.6, repeat: 1.2, liked: 1.4, novelty: 0.2 };

/** What the history says, prepared once per ranking. */
interface Signals {
  region?: string;
  hour: number;
  month: number;
  logMax: number;
  personal: boolean;
  orderedCount: Map<string, number>;
  orderedHours: Map<string, number[]>;
  /** restaurantId / cuisine → title of something ordered (or liked) there. */
  fromRestaurant: Map<string, string>;
  fromCuisine: Map<string, string>;
  likedRestaurant: Map<string, string>;
  likedCuisine: Map<string, string>;
}

/**
 * The item's score; with `reasons`, also what made it (code, params, weight). Two passes use it: numbers only
 * over every candidate, then with reasons for the few that are returned — the hot loop allocates nothing.
 */
function scoreOf(item: CatalogItem, s: Signals, reasons?: Collected): number {
  let score = (W.popularity * Math.log1p(Math.max(0, item.popularity ?? 0))) / s.logMax;
  const trend = item.trend ?? 1;
  if (trend > 1.2) {
    const bonus = W.trend * Math.min(1, trend - 1);
    score += bonus;
    reasons?.push(['trending', { growth: Math.round((trend - 1) * 100) }, bonus]);
  }
  if (s.region && item.region === s.region) {
    score += W.region;
    reasons?.push(['popular_near_you', { region: s.region }, W.region]);
  }
  if (item.seasonMonths?.length && item.seasonMonths.includes(s.month)) {
    score += W.season;
    reasons?.push(['seasonal', { season: seasonOfMonth(s.month) }, W.season]);
  }
  const restaurant = item.kind === 'restaurant' ? item.id : item.restaurantId;
  if (s.personal) {
    const times = s.orderedCount.get(item.id) ?? 0;
    if (times) {
      const usual = usualHour(s.orderedHours.get(item.id)!);
      const distance = Math.abs(usual - s.hour);
      const atThisTime = distance <= 1 || distance >= 23;
      const bonus = W.repeat * Math.min(1, times / 3) + (atThisTime ? W.repeat / 2 : 0);
      score += bonus;
      reasons?.push(
        atThisTime
          ? ['usually_at_this_time', { hour: usual }, bonus]
          : ['because_you_ordered', { item: item.name }, bonus],
      );
    } else {
      const ordered =
        (restaurant && s.fromRestaurant.get(restaurant)) || (item.cuisine && s.fromCuisine.get(item.cuisine));
      if (ordered) {
        score += W.ordered;
        reasons?.push(['because_you_ordered', { item: ordered }, W.ordered]);
      } else {
        score += W.novelty;
        reasons?.push(['new_for_you', item.cuisine ? { cuisine: item.cuisine } : {}, W.novelty]);
      }
    }
  }
  if (s.likedRestaurant.size || s.likedCuisine.size) {
    const liked =
      (restaurant && s.likedRestaurant.get(restaurant)) || (item.cuisine && s.likedCuisine.get(item.cuisine));
    if (liked) {
      score += W.liked;
      reasons?.push(['more_like_this', { item: liked }, W.liked]);
    }
  }
  return score;
}

/**
 * Ranks `input.catalog` for the visitor and returns at most `limit` items, best first, each with at least one
 * reason whose text is in `input.locale`. Items of the wrong audience (guests: dishes and restaurants; owners:
 * features) and features with setup requirements (the device cannot check the setup) are skipped.
 */
export function rank(input: RankInput): RecommendationItem[] {
  const { catalog, diet, allergens, locale } = input;
  const limit = Math.max(0, Math.floor(input.limit));
  if (!limit) return [];

  // Only the items the history and feedback name, and the restaurants (for names), are looked up by id.
  const wanted = new Set<string>(input.liked ?? []);
  for (const order of input.history) for (const id of order.ids) wanted.add(id);
  const byId = new Map<string, CatalogItem>();
  let maxPopularity = 1;
  for (const item of catalog) {
    if (item.kind === 'restaurant' || wanted.has(item.id)) byId.set(item.id, item);
    if ((item.popularity ?? 0) > maxPopularity) maxPopularity = item.popularity ?? 0;
  }

  const signals: Signals = {
    region: input.region,
    hour: input.hour,
    month: input.month,
    logMax: Math.log1p(maxPopularity),
    personal: input.history.length > 0,
    orderedCount: new Map(),
    orderedHours: new Map(),
    fromRestaurant: new Map(),
    fromCuisine: new Map(),
    likedRestaurant: new Map(),
    likedCuisine: new Map(),
  };
  const remember = (id: string, into: Map<string, string>, cuisineInto: Map<string, string>) => {
    const item = byId.get(id);
    if (!item) return;
    const restaurant = item.kind === 'restaurant' ? item.id : item.restaurantId;
    if (restaurant && !into.has(restaurant)) into.set(restaurant, item.name);
    if (item.cuisine && !cuisineInto.has(item.cuisine)) cuisineInto.set(item.cuisine, item.name);
  };
  for (const order of input.history) {
    for (const id of order.ids) {
      signals.orderedCount.set(id, (signals.orderedCount.get(id) ?? 0) + 1);
      const hours = signals.orderedHours.get(id) ?? [];
      hours.push(order.hour);
      signals.orderedHours.set(id, hours);
      remember(id, signals.fromRestaurant, signals.fromCuisine);
    }
  }
  for (const id of input.liked ?? []) remember(id, signals.likedRestaurant, signals.likedCuisine);

  // Pass 1: numbers only. Candidates that pass the filters, with their scores, in parallel arrays.
  const candidates: CatalogItem[] = [];
  const scores: number[] = [];
  const owner = input.audience === 'owner';
  for (const item of catalog) {
    if (owner ? item.kind !== 'feature' || item.requirements : item.kind === 'feature') continue;
    if (input.excluded?.has(item.id) || !passesHardFilters(item, diet, allergens)) continue;
    candidates.push(item);
    scores.push(scoreOf(item, signals));
  }

  // Best first; only the head is sorted unless diversity skips so many that it runs out.
  const order = topIndices(scores, candidates, Math.min(candidates.length, limit * 4 + 16));
  let chosen = diversify(order, candidates, limit, input.maxPerRestaurant ?? 2);
  if (chosen.length < limit && order.length < candidates.length) {
    chosen = diversify(
      topIndices(scores, candidates, candidates.length),
      candidates,
      limit,
      input.maxPerRestaurant ?? 2,
    );
  }

  // Pass 2: reasons and texts for the chosen few.
  return chosen.map((index) => {
    const item = candidates[index]!;
    const reasons: Collected = [];
    const score = scoreOf(item, signals, reasons);
    return toRecommendation(item, score, reasons, byId, locale, diet);
  });
}

/** Indices of the `k` best scores, best first (ties: lower id first, so the order is stable across runs). */
function topIndices(scores: number[], items: CatalogItem[], k: number): number[] {
  const before = (a: number, b: number) =>
    scores[a]! > scores[b]! || (scores[a] === scores[b] && items[a]!.id < items[b]!.id);
  const head: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (head.length === k && !before(i, head[k - 1]!)) continue;
    // Insertion into a short sorted head: k is small (≈ 4 × limit).
    let at = head.length === k ? k - 1 : head.length;
    while (at > 0 && before(i, head[at - 1]!)) {
      head[at] = head[at - 1]!;
      at--;
    }
    head[at] = i;
    if (head.length > k) head.length = k;
  }
  return head;
}

/** At most `max` dishes of one restaurant, in rank order, until `limit`. */
function diversify(order: number[], items: CatalogItem[], limit: number, max: number): number[] {
  const perRestaurant = new Map<string, number>();
  const out: number[] = [];
  for (const index of order) {
    if (out.length >= limit) break;
    const item = items[index]!;
    const restaurant = item.kind === 'dish' ? item.restaurantId : undefined;
    if (restaurant) {
      const count = perRestaurant.get(restaurant) ?? 0;
      if (count >= max) continue;
      perRestaurant.set(restaurant, count + 1);
    }
    out.push(index);
  }
  return out;
}

/** The hour the visitor orders most often (ties: the latest order's). */
function usualHour(hours: number[]): number {
  const counts = new Map<number, number>();
  let best = hours[hours.length - 1] ?? 0;
  for (const h of hours) {
    const count = (counts.get(h) ?? 0) + 1;
    counts.set(h, count);
    if (count > (counts.get(best) ?? 0)) best = h;
  }
  return best;
}
