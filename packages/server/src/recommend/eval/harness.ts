/**
 * Offline evaluation of the dish ranker against baselines on one population, without a database: the training
 * orders go through `addOrder` into in-memory aggregates, exactly what the server's aggregates hold.
 *
 * Splits: `last` holds out each guest's last order (guests with one order become cold-start cases); `time` trains
 * on everything before the time 85 % of the orders were placed and tests each guest's first order after it.
 * Our ranker's weights are what the worker's refit decides on the training orders only (refit.ts: fitWeights, then
 * a held-out check against the defaults on the training guests' own last orders).
 */

import { addOrder, anonymousKey, newAggregates, type OrderFact } from '../aggregates.ts';
import { usualRegion } from '../features.ts';
import { heldOutInput } from '../learn.ts';
import { popularityOf } from '../popularity.ts';
import { passesHardFilters, rank } from '../rank.ts';
import { fitAndCheck, type RefitDecision } from '../refit.ts';
import { DEFAULT_WEIGHTS, type FeatureName, type Weights } from '../weights.ts';
import type { Guest, Population } from './populations.ts';

export const K = 10;
export const RANKERS = [
  'ours',
  'ours (defaults)',
  'simple + filters',
  'simple',
  'regional popularity',
  'global popularity',
] as const;
export type RankerName = (typeof RANKERS)[number];
export const SEGMENTS = ['repeat', 'new dish', 'constrained', 'cold start'] as const;
export type Segment = (typeof SEGMENTS)[number];

export interface Metrics {
  n: number;
  hit: number;
  ndcg: number;
  mrr: number;
  /** Share of the catalogue's dishes recommended to anyone. */
  coverage: number;
  /** Mean self-information of recommended dishes, −log2(share of orders): higher is less obvious. */
  novelty: number;
  /** Recommended dishes that break the guest's diet or allergens. */
  violations: number;
  segments: Record<Segment, { n: number; hit: number; ndcg: number }>;
}

export interface EvalResult {
  population: string;
  split: 'last' | 'time';
  trainOrders: number;
  testOrders: number;
  /** What the worker's refit decided on the training orders: the weights "ours" ranks with, and why. */
  fit: RefitDecision;
  weights: Weights;
  rankers: Record<RankerName, Metrics>;
  ms: number;
}

export interface EvalOptions {
  split: 'last' | 'time';
  /** At most this many test orders (the first by guest order). */
  maxTests?: number;
  /** Held-out orders fitWeights learns from. */
  fitQueries?: number;
  /** Features left out of the fit (a feature's worth is the difference with and without it). */
  exclude?: readonly FeatureName[];
  /** Guests the refit needs before it learns (default: the worker's REFIT.minGuests). */
  minGuests?: number;
}

interface Test {
  guest: Guest;
  order: OrderFact;
}

function splitOrders(population: Population, split: EvalOptions['split']): { train: OrderFact[]; tests: Test[] } {
  const guests = new Map(population.guests.map((g) => [g.id, g]));
  const train: OrderFact[] = [];
  const tests: Test[] = [];
  const { orders } = population;
  if (split === 'last') {
    const last = new Map<string, number>();
    orders.forEach((o, i) => {
      last.set(o.anonymousId!, i);
    });
    orders.forEach((o, i) => {
      if (last.get(o.anonymousId!) === i) tests.push({ guest: guests.get(o.anonymousId!)!, order: o });
      else train.push(o);
    });
  } else {
    const cut = orders[Math.floor(orders.length * 0.85)]!.at;
    const tested = new Set<string>();
    for (const o of orders) {
      if (o.at <= cut) train.push(o);
      else if (!tested.has(o.anonymousId!)) {
        tested.add(o.anonymousId!);
        tests.push({ guest: guests.get(o.anonymousId!)!, order: o });
      }
    }
  }
  return { train, tests };
}

const topBy = (ids: readonly string[], score: (id: string) => number, k = K) =>
  [...ids].sort((a, b) => score(b) - score(a) || (a < b ? -1 : 1)).slice(0, k);

function ndcgAt(list: readonly string[], relevant: ReadonlySet<string>): { hit: number; ndcg: number; rr: number } {
  let dcg = 0;
  let rr = 0;
  list.forEach((id, i) => {
    if (!relevant.has(id)) return;
    dcg += 1 / Math.log2(i + 2);
    if (rr === 0) rr = 1 / (i + 1);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(K, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return { hit: rr > 0 ? 1 : 0, ndcg: ideal > 0 ? dcg / ideal : 0, rr };
}

class Tally {
  n = 0;
  hit = 0;
  ndcg = 0;
  mrr = 0;
  novelty = 0;
  listed = 0;
  violations = 0;
  covered = new Set<string>();
  segments = new Map<Segment, { n: number; hit: number; ndcg: number }>(
    SEGMENTS.map((s) => [s, { n: 0, hit: 0, ndcg: 0 }]),
  );

  result(dishes: number): Metrics {
    const segments = Object.fromEntries(
      [...this.segments].map(([name, s]) => [name, { n: s.n, hit: s.hit / (s.n || 1), ndcg: s.ndcg / (s.n || 1) }]),
    ) as Metrics['segments'];
    return {
      n: this.n,
      hit: this.hit / (this.n || 1),
      ndcg: this.ndcg / (this.n || 1),
      mrr: this.mrr / (this.n || 1),
      coverage: this.covered.size / dishes,
      novelty: this.novelty / (this.listed || 1),
      violations: this.violations,
      segments,
    };
  }
}

/**
 * Trains on the split's training orders, fits our weights on them, and scores every ranker on the tests.
 * Long because: the evaluation's steps in order (train, fit, score each ranker, time it) filling one result object.
 */
export function evaluate(population: Population, options: EvalOptions): EvalResult {
  const started = performance.now();
  const { catalog } = population;
  const { train, tests: allTests } = splitOrders(population, options.split);
  const tests = allTests.slice(0, options.maxTests ?? allTests.length);
  const guests = new Map(population.guests.map((g) => [g.id, g]));
  // Our weights are what the worker would serve: fitted on the training orders and kept only if they beat the
  // defaults on the training guests' own held-out last orders (refit.ts).
  const fit = fitAndCheck(train, catalog, (order) => guests.get(order.anonymousId!), {
    ...(options.minGuests === undefined ? {} : { minGuests: options.minGuests }),
    fit: { maxQueries: options.fitQueries ?? 3_000, exclude: options.exclude ?? [] },
  });
  const agg = newAggregates('eval', 0);
  for (const order of train) addOrder(agg, order);
  const popularity = popularityOf(agg);
  const dishIds = catalog.dishes.map((d) => d.id);
  const total = (id: string) => agg.itemTotal.get(id) ?? 0;
  let orderTotal = 0;
  for (const n of agg.itemTotal.values()) orderTotal += n;
  const globalTop = topBy(dishIds, total);
  const regionTop = new Map<string, string[]>();
  for (const r of new Set(catalog.dishes.map((d) => d.region ?? ''))) {
    regionTop.set(
      r,
      topBy(
        catalog.dishes.filter((d) => d.region === r).map((d) => d.id),
        total,
      ),
    );
  }

  const tallies = new Map<RankerName, Tally>(RANKERS.map((name) => [name, new Tally()]));
  for (const { guest, order } of tests) {
    const relevant = new Set(order.items.filter((id) => catalog.byId.has(id)));
    if (relevant.size === 0) continue;
    const profile = agg.subjects.get(anonymousKey(guest.id));
    const region = guest.homeRegion ?? usualRegion(catalog, profile);
    const constrained = guest.diet.length > 0 || guest.allergens.length > 0;
    const segments: Segment[] = [];
    if (!profile) segments.push('cold start');
    else segments.push([...relevant].some((id) => profile.itemCounts.has(id)) ? 'repeat' : 'new dish');
    if (constrained) segments.push('constrained');

    const ours = (weights: Weights) =>
      rank(heldOutInput(catalog, popularity, agg, order, guest, profile, weights)).map((item) => item.id);
    // The simple ranker: 3 × own count + 0.5 × co-occurrence with the history + 0.01 × regional popularity.
    const simpleScore = new Map<string, number>();
    if (profile) {
      for (const [id, count] of profile.itemCounts) simpleScore.set(id, (simpleScore.get(id) ?? 0) + 3 * count);
      for (const from of profile.itemCounts.keys()) {
        for (const [to, count] of agg.co.get(from) ?? []) simpleScore.set(to, (simpleScore.get(to) ?? 0) + 0.5 * count);
      }
    }
    const simple = (ids: readonly string[]) =>
      topBy(ids, (id) => (simpleScore.get(id) ?? 0) + (catalog.byId.get(id)!.region === region ? 0.01 * total(id) : 0));
    const allowed = dishIds.filter((id) => passesHardFilters(catalog.byId.get(id)!, guest.diet, guest.allergens));
    const lists: Record<RankerName, string[]> = {
      ours: ours(fit.weights),
      'ours (defaults)': ours(DEFAULT_WEIGHTS),
      'simple + filters': simple(allowed),
      simple: simple(dishIds),
      'regional popularity': (region !== undefined ? regionTop.get(region) : undefined) ?? globalTop,
      'global popularity': globalTop,
    };
    for (const name of RANKERS) {
      const list = lists[name];
      const tally = tallies.get(name)!;
      const { hit, ndcg, rr } = ndcgAt(list, relevant);
      tally.n++;
      tally.hit += hit;
      tally.ndcg += ndcg;
      tally.mrr += rr;
      for (const id of list) {
        tally.covered.add(id);
        tally.listed++;
        tally.novelty += -Math.log2((total(id) + 1) / (orderTotal + dishIds.length));
        if (!passesHardFilters(catalog.byId.get(id)!, guest.diet, guest.allergens)) tally.violations++;
      }
      for (const segment of segments) {
        const s = tally.segments.get(segment)!;
        s.n++;
        s.hit += hit;
        s.ndcg += ndcg;
      }
    }
  }
  const rankers = Object.fromEntries(
    RANKERS.map((name) => [name, tallies.get(name)!.result(dishIds.length)]),
  ) as Record<RankerName, Metrics>;
  return {
    population: population.name,
    split: options.split,
    trainOrders: train.length,
    testOrders: tests.length,
    fit,
    weights: fit.weights,
    rankers,
    ms: Math.round(performance.now() - started),
  };
}

/** The targets for one result: what passed and what did not, in words. */
export function targets(result: EvalResult): { name: string; ok: boolean; detail: string }[] {
  const ours = result.rankers.ours;
  const simple = result.rankers['simple + filters'];
  const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.POSITIVE_INFINITY);
  const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '∞');
  /** Ours at least `factor` times the baseline ranker `base` on one metric. */
  const beats = (metric: 'hit' | 'ndcg', factor: number, base: RankerName) => {
    const theirs = result.rankers[base];
    return {
      name: `${metric === 'hit' ? 'hit@10' : 'NDCG@10'} ≥ ${factor} × ${base}`,
      ok: ours[metric] >= factor * theirs[metric],
      detail: fmt(ratio(ours[metric], theirs[metric])),
    };
  };
  return [
    beats('hit', 1.05, 'simple + filters'),
    beats('ndcg', 1.05, 'simple + filters'),
    beats('hit', 3, 'global popularity'),
    beats('ndcg', 3, 'global popularity'),
    { name: '0 violations', ok: ours.violations === 0, detail: String(ours.violations) },
    {
      name: 'coverage ≥ simple + filters',
      ok: ours.coverage >= simple.coverage,
      detail: `${(ours.coverage * 100).toFixed(1)} % vs ${(simple.coverage * 100).toFixed(1)} %`,
    },
  ];
}
