/**
 * Every weight the dish ranker uses, named in one place. A score is the sum of `weight × feature` over FEATURES
 * (see features.ts for what each one measures, all roughly in [0, 1] or [-1, 2]), plus the visitor's explicit
 * feedback, and a list is then re-ranked for variety with the `diversity` strength.
 *
 * DEFAULT_WEIGHTS are hand-set priors for tenants too small to learn from; `fitWeights` (learn.ts) replaces them
 * with weights learned from the tenant's own recent orders.
 */
export const FEATURES = [
  /** log(1 + times the visitor ordered the dish), relative to their most ordered dish. */
  'repeat',
  /** Share of the visitor's orders that contained the dish (a habit's strength, in absolute terms). */
  'repeatShare',
  /** How recently the visitor last ordered the dish: 1 today, fading over a month. */
  'recent',
  /** The dish was in the visitor's last order. */
  'inLast',
  /** A dish the visitor ordered, asked for at their usual order hour. */
  'usualHour',
  /** Share of the visitor's orders of the dish placed in this time slot (daypart × weekday/weekend). */
  'habit',
  /** Ordered together with (or right after) what the visitor ordered, cosine-normalised, relative to the best. */
  'co',
  /** The same, from the visitor's last order only. */
  'coLast',
  /** Share of the visitor's ordered dishes that came from this dish's restaurant. */
  'restaurant',
  /** Share of the visitor's ordered dishes of this dish's cuisine. */
  'cuisine',
  /** Share of the visitor's dishes from this restaurant × the dish's share of the restaurant's orders. */
  'placeDish',
  /** Share of the visitor's dishes of this cuisine × the dish's share of the cuisine's orders. */
  'cuisineDish',
  /** A dish the visitor (with history) has not ordered yet: novelty earns a place only if this weight says so. */
  'novel',
  /** Orders of the dish in the 35 days before the "as of" time, log-scaled, relative to the best seller. */
  'pop',
  /** All orders of the dish, log-scaled, relative to the best seller. */
  'popAll',
  /** All orders of the dish relative to the best seller of the visitor's region; 0 outside it. */
  'regionPop',
  /** The dish's share of its restaurant's orders: what people order there. */
  'dishShare',
  /** The dish is in the visitor's region (the request's, the traits', or where they usually order). */
  'inRegion',
  /** How much more the dish is ordered around this hour than on average (−1 … 2). */
  'hour',
  /** How much more the dish is ordered on this weekday than on average (−1 … 2). */
  'weekday',
  /** Growth of the last 7 days over the 28 before, when clearly up (0 … 2). */
  'trend',
  /** The dish is in season this month. */
  'season',
  /** The dish is new on the menu (3 weeks) and new to the visitor. */
  'fresh',
] as const;

export type FeatureName = (typeof FEATURES)[number];
export type FeatureWeights = Record<FeatureName, number>;

export interface Weights {
  features: FeatureWeights;
  /** MMR-style strength: each dish already listed from the same restaurant costs this much score (¼ for the same cuisine). */
  diversity: number;
  /** Added × similarity (0 … 1.5) to a dish the visitor asked "more like this" of. */
  moreLikeThis: number;
  /** Subtracted × similarity (0 … 1.5) from dishes like one the visitor said "not interested" to. */
  notInterested: number;
}

/** Priors: own history first, then what goes with it, the visitor's places and region, then popularity. */
export const DEFAULT_WEIGHTS: Weights = {
  features: {
    repeat: 1,
    repeatShare: 1.5,
    recent: 0.3,
    inLast: 0.2,
    usualHour: 0.1,
    habit: 0.3,
    co: 0.6,
    coLast: 0.2,
    restaurant: 0.6,
    cuisine: 0.4,
    placeDish: 1,
    cuisineDish: 1,
    novel: 0,
    pop: 0.3,
    popAll: 0.2,
    regionPop: 0.3,
    dishShare: 0.2,
    inRegion: 0.2,
    hour: 0.075,
    weekday: 0.05,
    trend: 0.1,
    season: 0.1,
    fresh: 0.05,
  },
  diversity: 0.1,
  moreLikeThis: 2,
  notInterested: 1,
};
