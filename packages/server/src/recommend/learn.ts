/**
 * Per-tenant weights, learned from the tenant's own orders (pure: the worker feeds it orders and stores the result).
 *
 * 1. Hold out each sampled subject's last order; build the aggregates from everything else.
 * 2. For each held-out order, compute the features of the dishes it could have been shown (the hard filters of
 *    the subject applied): its own dishes are positives; the 30 best other dishes under the current weights (hard
 *    negatives) and 20 random ones are negatives.
 * 3. Fit a linear scorer with a sampled-softmax (listwise logistic) loss, by Adam on standardised features, starting
 *    from the defaults and pulled toward them (a prior): no dependency, 150 passes over ≈ 150 k rows.
 * 4. On a fifth of the held-out orders kept apart, choose how much of the fit to use (blended with the defaults)
 *    and the diversity strength, by NDCG@10 of the ranking the server would return (scores, then `diversify`).
 * Long because: the learning steps above with the feature vectors they share; split, each step would need the same
 * private state passed around.
 */
import type { Allergen, Diet } from '@matbakh/contract';
import { type Aggregates, addOrder, anonymousKey, newAggregates, type OrderFact, userKey } from './aggregates.ts';
import type { Catalog } from './catalog.ts';
import { type Candidate, diversify } from './diversify.ts';
import { dot, FEATURE_COUNT, type FeatureContext, weightVector } from './features.ts';
import { popularityOf } from './popularity.ts';
import { hash32, prng } from './prng.ts';
import { type RankInput, rankContext, type Scored, scoreDishes } from './rank.ts';
import { DEFAULT_WEIGHTS, FEATURES, type FeatureName, type FeatureWeights, type Weights } from './weights.ts';

export interface FitOptions {
  /** Held-out orders to learn from (subjects sampled deterministically by key). */
  maxQueries?: number;
  /** Fewer usable held-out orders than this: the defaults are kept. */
  minQueries?: number;
  /**
   * What the tenant knows of the subject beyond orders: stored diet/allergen choices (so candidates are what they
   * could have been shown) and the delivery area from traits or preferences (as requests will pass it).
   */
  contextOf?: (order: OrderFact) => SubjectContext | undefined;
  /** Features left out of the fit (their weights stay 0): to measure what a feature adds. */
  exclude?: readonly FeatureName[];
  /** Adam iterations over the training rows. */
  iterations?: number;
  seed?: number;
}

export interface SubjectContext {
  diet: readonly Diet[];
  allergens: readonly Allergen[];
  homeRegion?: string | undefined;
}

/**
 * The ranker's input for guessing one held-out order: a dish list at the order's own hour and weekday, under the
 * guest's constraints. One definition for fitting (here) and evaluating (eval/harness.ts), so both ask the same.
 */
export function heldOutInput(
  catalog: Catalog,
  popularity: RankInput['popularity'],
  agg: Pick<Aggregates, 'co' | 'itemTotal'>,
  order: Pick<OrderFact, 'hour' | 'at'>,
  context: SubjectContext | undefined,
  profile: RankInput['profile'],
  weights: Weights,
): RankInput {
  return {
    catalog,
    popularity,
    co: agg.co,
    itemTotal: agg.itemTotal,
    query: {
      kind: 'dish',
      limit: K,
      locale: 'en',
      diet: context?.diet ?? [],
      allergens: context?.allergens ?? [],
      homeRegion: context?.homeRegion,
      hour: order.hour,
      weekday: new Date(order.at).getUTCDay(),
    },
    profile,
    feedback: { hidden: new Set(), liked: [] },
    now: order.at,
    weights,
  };
}

export interface FitReport {
  source: 'fitted' | 'default';
  /** Why these weights: in words, for the tenant's admin view. */
  why: string;
  orders: number;
  subjects: number;
  /** Held-out orders learned from, and those kept apart to validate. */
  trainQueries: number;
  validationQueries: number;
  /** NDCG@10 on the validation orders: the defaults, and the weights returned. */
  ndcgDefault: number;
  ndcgChosen: number;
  /** The "as of" time of the aggregates the features were read from (ms). */
  asOf: number;
  ms: number;
}

export interface FitResult {
  weights: Weights;
  report: FitReport;
}

const HARD_NEGATIVES = 30;
const RANDOM_NEGATIVES = 20;
const K = 10;
/** Pull toward the default weights (a Gaussian prior centred on them): small tenants stay near the defaults. */
const PRIOR = Number(process.env.MB_FIT_PRIOR ?? 0.01);
const VALIDATION_SHARE = 0.2;
/** Diversity strengths tried, as multiples of the typical score gap between places 1 and 10. */
const TOP_FOR_DIVERSITY = 60;
const DIVERSITY_GRID = [0, 0.03, 0.1, 0.2, 0.4, 0.8];
/** Shares of the fitted weights (the rest: the defaults) tried. */
const BLEND_GRID = [0, 0.25, 0.5, 0.75, 1];

const keyOf = (order: OrderFact) =>
  order.userId !== null ? userKey(order.userId) : order.anonymousId !== null ? anonymousKey(order.anonymousId) : '';

interface Query {
  input: RankInput;
  ctx: FeatureContext;
  relevant: Set<string>;
}

/** The held-out orders (each sampled subject's last) and the aggregates of all the other orders. */
function holdOut(orders: readonly OrderFact[], catalog: Catalog, options: FitOptions, maxQueries: number) {
  const last = new Map<string, number>();
  const count = new Map<string, number>();
  orders.forEach((order, i) => {
    const key = keyOf(order);
    if (key === '') return;
    count.set(key, (count.get(key) ?? 0) + 1);
    const previous = last.get(key);
    if (previous === undefined || order.at >= orders[previous]!.at) last.set(key, i);
  });
  const seed = options.seed ?? 1;
  const subjects = [...last.keys()].sort((a, b) => hash32(`${seed}:${a}`) - hash32(`${seed}:${b}`) || (a < b ? -1 : 1));
  const held = new Set(subjects.slice(0, maxQueries).map((key) => last.get(key)!));
  const agg = newAggregates('fit', 0);
  orders.forEach((order, i) => {
    if (!held.has(i)) addOrder(agg, order);
  });
  const popularity = popularityOf(agg);
  const dishIds = new Set(catalog.dishes.map((dish) => dish.id));
  const queries: Query[] = [];
  for (const i of [...held].sort((a, b) => a - b)) {
    const order = orders[i]!;
    const relevant = new Set(order.items.filter((id) => dishIds.has(id)));
    if (relevant.size === 0) continue;
    const context = options.contextOf?.(order);
    const input = heldOutInput(
      catalog,
      popularity,
      agg,
      order,
      context,
      agg.subjects.get(keyOf(order)),
      DEFAULT_WEIGHTS,
    );
    queries.push({ input, ctx: rankContext(input), relevant });
  }
  return { queries, subjects: count.size, asOf: popularity.asOf };
}

/** Training rows: per query, its positives first, then its negatives. */
interface Rows {
  x: Float64Array;
  /**
   * How many candidates a row stands for in the softmax: 1 for positives and hard negatives, (other candidates /
   * sampled ones) for a random negative — without it the sample over-represents the hard cases and the fit learns
   * to rank them, not the whole catalogue.
   */
  weight: Float64Array;
  /** Per group: start row, positive count, negative count. */
  groups: { start: number; positives: number; negatives: number }[];
  rows: number;
}

function trainingRows(queries: readonly Query[], seed: number): Rows {
  const random = prng(seed);
  const chunks: Float64Array[] = [];
  const weights: number[] = [];
  const groups: Rows['groups'] = [];
  let rows = 0;
  for (const query of queries) {
    const scored = scoreDishes(query.input, query.ctx).sort((a, b) => b.score - a.score);
    const positives = scored.filter((s) => query.relevant.has(s.item.id));
    if (positives.length === 0) continue;
    const others = scored.filter((s) => !query.relevant.has(s.item.id));
    const negatives: Scored[] = others.slice(0, HARD_NEGATIVES);
    const rest = others.slice(HARD_NEGATIVES);
    const restCount = rest.length;
    for (let n = 0; n < RANDOM_NEGATIVES && rest.length > 0; n++) {
      negatives.push(rest.splice(Math.floor(random() * rest.length), 1)[0]!);
    }
    if (negatives.length === 0) continue;
    const sampled = negatives.length - Math.min(HARD_NEGATIVES, others.length);
    groups.push({ start: rows, positives: positives.length, negatives: negatives.length });
    for (const s of positives) {
      chunks.push(s.features);
      weights.push(1);
    }
    negatives.forEach((s, n) => {
      chunks.push(s.features);
      weights.push(n < HARD_NEGATIVES ? 1 : restCount / sampled);
    });
    rows += positives.length + negatives.length;
  }
  const x = new Float64Array(rows * FEATURE_COUNT);
  chunks.forEach((features, r) => {
    x.set(features, r * FEATURE_COUNT);
  });
  return { x, weight: Float64Array.from(weights), groups, rows };
}

/** Standardises the columns in place; returns each column's scale (0 for a constant column). */
function standardise(rows: Rows): { mean: Float64Array; scale: Float64Array } {
  const mean = new Float64Array(FEATURE_COUNT);
  const scale = new Float64Array(FEATURE_COUNT);
  const { x, rows: n } = rows;
  for (let r = 0; r < n; r++) for (let f = 0; f < FEATURE_COUNT; f++) mean[f]! += x[r * FEATURE_COUNT + f]! / n;
  for (let r = 0; r < n; r++) {
    for (let f = 0; f < FEATURE_COUNT; f++) scale[f]! += (x[r * FEATURE_COUNT + f]! - mean[f]!) ** 2 / n;
  }
  for (let f = 0; f < FEATURE_COUNT; f++) {
    const sd = Math.sqrt(scale[f]!);
    scale[f] = sd > 1e-9 ? sd : 0;
    for (let r = 0; r < n; r++) {
      const at = r * FEATURE_COUNT + f;
      x[at] = scale[f] === 0 ? 0 : (x[at]! - mean[f]!) / sd;
    }
  }
  return { mean, scale };
}

/**
 * Sampled-softmax loss: for each positive, −log(e^{s⁺} / (e^{s⁺} + Σ e^{s⁻})) over its query's negatives, + the prior;
 * minimised by Adam. Returns the weights on standardised features.
 */
function fitLinear(rows: Rows, iterations: number, prior: Float64Array): Float64Array {
  const w = Float64Array.from(prior);
  const m = new Float64Array(FEATURE_COUNT);
  const v = new Float64Array(FEATURE_COUNT);
  const grad = new Float64Array(FEATURE_COUNT);
  const scores = new Float64Array(rows.rows);
  const { x, groups, weight } = rows;
  const positives = groups.reduce((sum, g) => sum + g.positives, 0);
  const rate = 0.05;
  for (let t = 1; t <= iterations; t++) {
    grad.fill(0);
    for (let r = 0; r < rows.rows; r++) {
      let s = 0;
      for (let f = 0; f < FEATURE_COUNT; f++) s += w[f]! * x[r * FEATURE_COUNT + f]!;
      scores[r] = s;
    }
    for (const group of groups) {
      const negStart = group.start + group.positives;
      let negMax = Number.NEGATIVE_INFINITY;
      for (let r = negStart; r < negStart + group.negatives; r++) negMax = Math.max(negMax, scores[r]!);
      for (let p = group.start; p < negStart; p++) {
        const top = Math.max(negMax, scores[p]!);
        let sum = Math.exp(scores[p]! - top);
        for (let r = negStart; r < negStart + group.negatives; r++) sum += weight[r]! * Math.exp(scores[r]! - top);
        // d loss / d s⁺ = softmax(s⁺) − 1; d loss / d s⁻ = softmax(s⁻).
        const positive = Math.exp(scores[p]! - top) / sum - 1;
        for (let f = 0; f < FEATURE_COUNT; f++) grad[f]! += positive * x[p * FEATURE_COUNT + f]!;
        for (let r = negStart; r < negStart + group.negatives; r++) {
          const share = (weight[r]! * Math.exp(scores[r]! - top)) / sum;
          for (let f = 0; f < FEATURE_COUNT; f++) grad[f]! += share * x[r * FEATURE_COUNT + f]!;
        }
      }
    }
    for (let f = 0; f < FEATURE_COUNT; f++) {
      const g = grad[f]! / positives + PRIOR * (w[f]! - prior[f]!);
      m[f] = 0.9 * m[f]! + 0.1 * g;
      v[f] = 0.999 * v[f]! + 0.001 * g * g;
      const mHat = m[f]! / (1 - 0.9 ** t);
      const vHat = v[f]! / (1 - 0.999 ** t);
      w[f]! -= (rate * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
  }
  return w;
}

/** A validation query's candidates, scored once: their features do not depend on the weights. */
interface Validation {
  candidates: Scored[];
  relevant: Set<string>;
}

function validationSet(queries: readonly Query[]): Validation[] {
  return queries.map((query) => ({ candidates: scoreDishes(query.input, query.ctx), relevant: query.relevant }));
}

/**
 * NDCG@10 per query of the ranking these weights give (scores, then the same diversify step as `rankScored`), and
 * the share of the catalogue the lists cover.
 */
function judge(validation: readonly Validation[], weights: Weights, dishes: number) {
  const w = weightVector(weights.features);
  const listed = new Set<string>();
  const ndcgs = Float64Array.from(validation, ({ candidates, relevant }) => {
    const list = diversify(topScored(candidates, w), K, Math.max(0, weights.diversity));
    let dcg = 0;
    list.forEach((s, rank) => {
      listed.add(s.item.id);
      if (relevant.has(s.item.id)) dcg += 1 / Math.log2(rank + 2);
    });
    let ideal = 0;
    for (let i = 0; i < Math.min(K, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
    return dcg / ideal;
  });
  return { ndcg: mean(ndcgs), coverage: listed.size / Math.max(1, dishes) };
}

const mean = (values: Float64Array) =>
  values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;

/** Enough of the best candidates under `w`, best first, for diversify to pick 10 from (it stops far above 60). */
function topScored(candidates: readonly Scored[], w: Float64Array): Candidate[] {
  const scores = Float64Array.from(candidates, (s) => dot(w, s.features));
  const order = Array.from(scores.keys()).sort((a, b) => scores[b]! - scores[a]!);
  return order.slice(0, TOP_FOR_DIVERSITY).map((i) => ({ item: candidates[i]!.item, score: scores[i]! }));
}

/** The mean gap between the 1st and the 10th score: the unit the diversity strength is chosen in. */
function scoreGap(validation: readonly Validation[], weights: FeatureWeights): number {
  const w = weightVector(weights);
  let total = 0;
  for (const { candidates } of validation) {
    const scores = candidates.map((s) => dot(w, s.features)).sort((a, b) => b - a);
    total += (scores[0] ?? 0) - (scores[Math.min(K, scores.length) - 1] ?? 0);
  }
  return validation.length === 0 ? 1 : Math.max(1e-6, total / validation.length);
}

/**
 * Learns a tenant's weights from its orders (any order; each subject's last is held out to learn from).
 * Too few subjects, or a fit that ranks the held-apart orders worse than the defaults: the defaults, and why.
 */
export function fitWeights(orders: readonly OrderFact[], catalog: Catalog, options: FitOptions = {}): FitResult {
  const started = performance.now();
  const maxQueries = options.maxQueries ?? 3_000;
  const minQueries = options.minQueries ?? 150;
  const { queries, subjects, asOf } = holdOut(orders, catalog, options, maxQueries);
  const split = Math.max(1, Math.round(queries.length * (1 - VALIDATION_SHARE)));
  const train = queries.slice(0, split);
  const validation = queries.slice(split);
  const report = (source: FitReport['source'], why: string, ndcgDefault: number, ndcgChosen: number): FitReport => ({
    source,
    why,
    orders: orders.length,
    subjects,
    trainQueries: train.length,
    validationQueries: validation.length,
    ndcgDefault,
    ndcgChosen,
    asOf,
    ms: Math.round(performance.now() - started),
  });
  if (queries.length < minQueries) {
    const why = `${queries.length} usable held-out orders, fewer than the ${minQueries} needed to learn from`;
    return { weights: DEFAULT_WEIGHTS, report: report('default', why, 0, 0) };
  }
  const rows = trainingRows(train, options.seed ?? 1);
  for (const name of options.exclude ?? []) {
    const f = FEATURES.indexOf(name);
    for (let r = 0; r < rows.rows; r++) rows.x[r * FEATURE_COUNT + f] = 0;
  }
  const { scale } = standardise(rows);
  const prior = Float64Array.from(FEATURES, (name, f) => DEFAULT_WEIGHTS.features[name] * scale[f]!);
  const w = fitLinear(rows, options.iterations ?? 150, prior);
  const fitted = Object.fromEntries(
    FEATURES.map((name, f) => [name, scale[f] === 0 ? 0 : w[f]! / scale[f]!]),
  ) as FeatureWeights;
  const held = validationSet(validation);
  const ndcgDefault = judge(held, DEFAULT_WEIGHTS, catalog.dishes.length).ndcg;
  // The fit optimises likelihood, the lists are judged at the top: the blend with the defaults and the diversity
  // strength are chosen by NDCG@10 on the held-apart orders, on the defaults' score scale (so explicit feedback
  // keeps its strength). A blend of 0 is the defaults.
  const gapDefault = scoreGap(held, DEFAULT_WEIGHTS.features);
  const toScale = gapDefault / scoreGap(held, fitted);
  const tried: { weights: Weights; ndcg: number; coverage: number; blend: number }[] = [];
  for (const blend of BLEND_GRID) {
    const features = Object.fromEntries(
      FEATURES.map((name) => [
        name,
        round((1 - blend) * DEFAULT_WEIGHTS.features[name] + blend * toScale * fitted[name]),
      ]),
    ) as FeatureWeights;
    const unit = scoreGap(held, features);
    for (const step of DIVERSITY_GRID) {
      const weights: Weights = { ...DEFAULT_WEIGHTS, features, diversity: round(step * unit) };
      tried.push({ weights, blend, ...judge(held, weights, catalog.dishes.length) });
    }
  }
  // Within 1 % of the best NDCG (noise at these sizes), the widest catalogue coverage wins: a list that shows more
  // of the menu to more guests, at no measurable cost.
  const top = Math.max(...tried.map((t) => t.ndcg));
  const chosen = tried
    .filter((t) => t.ndcg >= 0.99 * top)
    .sort((a, b) => b.coverage - a.coverage || b.ndcg - a.ndcg)[0]!;
  const source = chosen.blend > 0 ? 'fitted' : 'default';
  const why =
    `learned from ${train.length} held-out last orders, blended ${Math.round(chosen.blend * 100)} % with the ` +
    `defaults; NDCG@10 on ${validation.length} others ${chosen.ndcg.toFixed(3)} (defaults ${ndcgDefault.toFixed(3)})`;
  return { weights: chosen.weights, report: report(source, why, ndcgDefault, chosen.ndcg) };
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
