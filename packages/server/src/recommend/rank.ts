// Long because: the scoring features and the ranker that combines them: each feature is a small function and this
// file is their list, read with the weights.
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
import type { Aggregates } from './aggregates.ts';
import type { Catalog } from './catalog.ts';
import { diversify } from './diversify.ts';
import {
  dishFeatures,
  FEATURE_COUNT,
  type FeatureContext,
  type Profile,
  prepareFeatures,
  usualRegion,
  weightVector,
} from './features.ts';
import type { Popularity } from './popularity.ts';
import { DEFAULT_WEIGHTS, FEATURES, type FeatureName, type Weights } from './weights.ts';

export type { Profile } from './features.ts';
export { asOfTime, type Popularity, popularityOf } from './popularity.ts';

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
  /** This visit's region (a request parameter): its items are listed first, others only to fill the list. */
  region?: string | undefined;
  /** The visitor's home region from traits or preferences: a signal, not a limit. Else their usual region. */
  homeRegion?: string | undefined;
  hour: number;
  /** UTC weekday (Sunday 0); default: the weekday of `now`. */
  weekday?: number | undefined;
  /** A partner's hard cap on items of one restaurant in the list (the diversity re-ranking works without it). */
  maxPerRestaurant?: number | undefined;
}

export interface RankInput {
  catalog: Catalog;
  /** Popularity as of the tenant's latest event (or an explicit `at`): see popularityOf. */
  popularity: Popularity;
  /** Co-occurrence counts (from the aggregates); only read when a profile or liked items exist. */
  co: Aggregates['co'];
  itemTotal: Aggregates['itemTotal'];
  query: RankQuery;
  /** Only with personalization consent and some history. */
  profile?: Profile | undefined;
  feedback: FeedbackState;
  now: number;
  /** The tenant's weights (fitWeights); DEFAULT_WEIGHTS when absent. */
  weights?: Weights | undefined;
}

/**
 * The hard filters (one implementation, in the contract): an item carrying any of the chosen allergens, or missing
 * any chosen diet tag, is never shown. Applied to every candidate and once more to the final list.
 */
export { passesHardFilters };

export function seasonOf(now: number): Season {
  return seasonOfMonth(new Date(now).getUTCMonth() + 1);
}

/** A candidate: its score, the features behind it, and the feedback that moved it. */
export interface Scored {
  item: CatalogItem;
  score: number;
  features: Float64Array;
  /** What "more like this" added, and for which liked item. */
  more: number;
  moreFrom: string | undefined;
  /** What "not interested" took away. */
  less: number;
}

/** The per-request state: features prepared, weights as a vector. */
export function rankContext(input: RankInput): FeatureContext {
  const { query } = input;
  return prepareFeatures({
    catalog: input.catalog,
    popularity: input.popularity,
    co: input.co,
    profile: input.profile,
    hour: query.hour,
    weekday: query.weekday ?? new Date(input.now).getUTCDay(),
    region: query.region ?? query.homeRegion ?? usualRegion(input.catalog, input.profile),
    now: input.now,
  });
}

function similarity(input: RankInput, a: string, b: string): number {
  const count = input.co.get(a)?.get(b);
  if (!count) return 0;
  return count / Math.sqrt((input.itemTotal.get(a) ?? 1) * (input.itemTotal.get(b) ?? 1));
}

/** What explicit feedback adds to (liked neighbours) and takes from (hidden neighbours) one dish. */
function feedbackEffect(input: RankInput, item: CatalogItem, weights: Weights) {
  let more = 0;
  let moreFrom: string | undefined;
  let strongest = 0;
  for (const id of input.feedback.liked) {
    const like = input.catalog.byId.get(id);
    if (!like) continue;
    let sim = similarity(input, like.id, item.id) * 2;
    if (like.cuisine !== undefined && like.cuisine === item.cuisine) sim += 0.5;
    if (like.restaurantId !== undefined && like.restaurantId === item.restaurantId) sim += 0.3;
    if (like.id === item.id) sim += 0.5;
    const add = weights.moreLikeThis * Math.min(sim, 1.5);
    // The reason names the liked item that added most.
    if (add > strongest) {
      strongest = add;
      moreFrom = like.name;
    }
    more += add;
  }
  let less = 0;
  for (const id of input.feedback.hidden) {
    const no = input.catalog.byId.get(id);
    if (!no) continue;
    let sim = similarity(input, no.id, item.id) * 2;
    if (no.restaurantId !== undefined && no.restaurantId === item.restaurantId) sim += 0.4;
    if (no.cuisine !== undefined && no.cuisine === item.cuisine) sim += 0.3;
    less += weights.notInterested * Math.min(sim, 1.5);
  }
  return { more, moreFrom, less };
}

/** Scores every dish that passes the hard filters and is not hidden (exported for the evaluation and tests). */
export function scoreDishes(input: RankInput, ctx: FeatureContext = rankContext(input)): Scored[] {
  const { query, feedback } = input;
  const weights = input.weights ?? DEFAULT_WEIGHTS;
  const w = weightVector(weights.features);
  const hasFeedback = feedback.liked.length > 0 || feedback.hidden.size > 0;
  const out: Scored[] = [];
  for (const item of input.catalog.dishes) {
    if (feedback.hidden.has(item.id)) continue;
    if (!passesHardFilters(item, query.diet, query.allergens)) continue;
    const features = dishFeatures(ctx, item, new Float64Array(FEATURE_COUNT));
    let score = 0;
    for (let i = 0; i < FEATURE_COUNT; i++) score += w[i]! * features[i]!;
    if (!hasFeedback) {
      out.push({ item, score, features, more: 0, moreFrom: undefined, less: 0 });
      continue;
    }
    const { more, moreFrom, less } = feedbackEffect(input, item, weights);
    out.push({ item, score: score + more - less, features, more, moreFrom, less });
  }
  return out;
}

/** Which reason each feature speaks for (the test in recommend-reasons.test.ts holds the ranker to it). */
export const FEATURE_REASON: Record<FeatureName, ReasonCode> = {
  repeat: 'because_you_ordered',
  repeatShare: 'because_you_ordered',
  recent: 'because_you_ordered',
  inLast: 'because_you_ordered',
  usualHour: 'usually_at_this_time',
  habit: 'usually_at_this_time',
  co: 'because_you_ordered',
  coLast: 'because_you_ordered',
  restaurant: 'because_you_ordered',
  cuisine: 'new_for_you', // for a dish the visitor has ordered: because_you_ordered
  placeDish: 'because_you_ordered',
  cuisineDish: 'new_for_you', // as cuisine
  novel: 'new_for_you',
  pop: 'popular',
  popAll: 'popular',
  regionPop: 'popular_near_you',
  inRegion: 'popular_near_you',
  dishShare: 'popular',
  hour: 'popular',
  weekday: 'popular',
  trend: 'trending',
  season: 'seasonal',
  fresh: 'new_for_you',
};

/** Features that say "like what you order": `new_for_you` for an unseen dish, `because_you_ordered` for a seen one. */
const LIKE_WHAT_YOU_ORDER = new Set<FeatureName>(['cuisine', 'cuisineDish']);

/** The reason a feature speaks for, for a dish the visitor has (`seen`) or has not ordered. */
export function reasonCodeOf(name: FeatureName, seen: boolean): ReasonCode {
  return seen && LIKE_WHAT_YOU_ORDER.has(name) ? 'because_you_ordered' : FEATURE_REASON[name];
}

export interface Contribution {
  code: ReasonCode;
  params: ReasonParams;
  /** Summed score of the features behind this reason. */
  weight: number;
}

/** The params a feature's reason names: the history item, region, growth… that made it count. */
function paramsOf(name: FeatureName, scored: Scored, input: RankInput, ctx: FeatureContext): ReasonParams {
  const { item } = scored;
  const nameOf = (id: string | undefined) => (id === undefined ? undefined : input.catalog.byId.get(id)?.name);
  switch (name) {
    case 'co':
    case 'coLast':
      return { item: nameOf(ctx.coScore.get(item.id)?.from) ?? item.name };
    case 'restaurant':
    case 'placeDish':
      return { item: nameOf(ctx.restaurantTop.get(item.restaurantId ?? '')) ?? item.name };
    case 'usualHour':
      return { hour: ctx.usualHour };
    case 'habit':
      return { hour: ctx.hour };
    case 'regionPop':
    case 'inRegion':
      return { region: ctx.region ?? '' };
    case 'pop':
    case 'popAll':
    case 'hour':
    case 'weekday':
    case 'dishShare':
      return { count: input.popularity.itemTotal.get(item.id) ?? 0 };
    case 'trend': {
      const last7 = input.popularity.last7.get(item.id) ?? 0;
      const prev28 = input.popularity.prev28.get(item.id) ?? 0;
      return { growth: Math.round((last7 / 7 / (Math.max(prev28, 1) / 28) - 1) * 100) };
    }
    case 'season':
      return { season: seasonOf(input.now) };
    case 'cuisine':
    case 'cuisineDish':
    case 'novel':
    case 'fresh':
      return item.cuisine ? { cuisine: item.cuisine } : {};
    default:
      return { item: item.name };
  }
}

/**
 * The reasons behind a score, strongest first: each feature's contribution (weight × value) goes to the reason it
 * speaks for; a reason's weight is the sum, its params those of its largest part. Only positive sums are reasons.
 */
export function contributionsOf(scored: Scored, input: RankInput, ctx: FeatureContext): Contribution[] {
  const weights = input.weights ?? DEFAULT_WEIGHTS;
  const byCode = new Map<ReasonCode, Contribution & { best: number }>();
  const add = (code: ReasonCode, value: number, params: () => ReasonParams) => {
    if (value === 0) return;
    const entry = byCode.get(code);
    if (!entry) byCode.set(code, { code, params: params(), weight: value, best: value });
    else {
      entry.weight += value;
      if (value > entry.best) {
        entry.best = value;
        entry.params = params();
      }
    }
  };
  const seen = scored.features[FEATURES.indexOf('novel')] === 0 && ctx.profile !== undefined;
  FEATURES.forEach((name, i) => {
    const value = weights.features[name] * scored.features[i]!;
    const code = reasonCodeOf(name, seen);
    add(code, value, () =>
      code === 'because_you_ordered' && LIKE_WHAT_YOU_ORDER.has(name)
        ? { item: scored.item.name }
        : paramsOf(name, scored, input, ctx),
    );
  });
  if (scored.moreFrom !== undefined) add('more_like_this', scored.more, () => ({ item: scored.moreFrom! }));
  return [...byCode.values()]
    .filter((entry) => entry.weight > 0)
    .map(({ code, params, weight }) => ({ code, params, weight }))
    .sort((a, b) => b.weight - a.weight);
}

function toItem(scored: Scored, input: RankInput, ctx: FeatureContext): RecommendationItem {
  const { item } = scored;
  const { catalog, query } = input;
  const restaurant = item.restaurantId === undefined ? undefined : catalog.byId.get(item.restaurantId);
  const picked: Reason[] = contributionsOf(scored, input, ctx)
    .slice(0, 2)
    .map((entry) => reason(entry.code, entry.params, query.locale));
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

/** A restaurant is as good as its best fitting dish, and must fit the filters itself too. */
function restaurantsOf(input: RankInput, dishes: readonly Scored[]): Scored[] {
  const best = new Map<string, Scored>();
  for (const dish of dishes) {
    const id = dish.item.restaurantId;
    if (id === undefined) continue;
    const current = best.get(id);
    if (!current || dish.score > current.score) best.set(id, dish);
  }
  const out: Scored[] = [];
  for (const restaurant of input.catalog.restaurants) {
    if (input.feedback.hidden.has(restaurant.id)) continue;
    if (!passesHardFilters(restaurant, input.query.diet, input.query.allergens)) continue;
    const dish = best.get(restaurant.id);
    if (dish) out.push({ ...dish, item: restaurant });
  }
  return out;
}

const byScore = (a: Scored, b: Scored) => b.score - a.score || (a.item.id < b.item.id ? -1 : 1);

/** The ranked candidates, re-ranked for variety; items of this visit's region first, when it names one. */
export function rankScored(input: RankInput, ctx: FeatureContext = rankContext(input)): Scored[] {
  const { query } = input;
  const weights = input.weights ?? DEFAULT_WEIGHTS;
  const dishes = scoreDishes(input, ctx);
  const scored = (query.kind === 'restaurant' ? restaurantsOf(input, dishes) : dishes).sort(byScore);
  const strength = Math.max(0, weights.diversity);
  const region = query.region;
  if (region === undefined) return diversify(scored, query.limit, strength, query.maxPerRestaurant);
  const inside = diversify(
    scored.filter((s) => s.item.region === region),
    query.limit,
    strength,
    query.maxPerRestaurant,
  );
  if (inside.length === query.limit) return inside;
  const rest = diversify(
    scored.filter((s) => s.item.region !== region),
    query.limit - inside.length,
    strength,
    query.maxPerRestaurant,
  );
  return [...inside, ...rest];
}

/**
 * Ranks the catalogue for one request: scores every dish by the weighted features, then re-ranks for variety
 * (diversify). The hard filters are checked on every candidate and once more on the result.
 */
export function rank(input: RankInput): RecommendationItem[] {
  const ctx = rankContext(input);
  const { query } = input;
  return rankScored(input, ctx)
    .filter((candidate) => passesHardFilters(candidate.item, query.diet, query.allergens))
    .map((candidate) => toItem(candidate, input, ctx));
}
