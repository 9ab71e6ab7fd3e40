/**
 * The check a refit must pass before its weights are used: each sampled guest's last order is kept out of the
 * fit, and the fitted and the default weights rank those orders from the same history. Pure (no database).
 */
import type { HeldOutScore } from '@matbakh/contract';
import { addOrder, anonymousKey, newAggregates, type OrderFact, userKey } from './aggregates.ts';
import type { Catalog } from './catalog.ts';
import { heldOutInput, type SubjectContext } from './learn.ts';
import { popularityOf } from './popularity.ts';
import { hash32 } from './prng.ts';
import { rankScored } from './rank.ts';
import type { Weights } from './weights.ts';

const K = 10;

export const orderKey = (order: Pick<OrderFact, 'userId' | 'anonymousId'>): string =>
  order.userId !== null ? userKey(order.userId) : order.anonymousId !== null ? anonymousKey(order.anonymousId) : '';

export interface HeldOutSplit {
  /** Everything the fit may see. */
  train: OrderFact[];
  /** The sampled guests' last orders. */
  tests: OrderFact[];
  /** Guests with at least one order. */
  subjects: number;
}

/**
 * Keeps out the last order of `share` of the guests (at most `max`), sampled by a hash of their key (a different
 * sample than fitWeights draws from the rest, so the check never sees the orders the fit chose its blend on).
 */
export function splitLastOrders(orders: readonly OrderFact[], share: number, max: number): HeldOutSplit {
  const last = new Map<string, number>();
  orders.forEach((order, i) => {
    const key = orderKey(order);
    if (key === '') return;
    const previous = last.get(key);
    if (previous === undefined || order.at >= orders[previous]!.at) last.set(key, i);
  });
  const keys = [...last.keys()].sort((a, b) => hash32(`held-out:${a}`) - hash32(`held-out:${b}`) || (a < b ? -1 : 1));
  const count = Math.min(max, Math.round(keys.length * share));
  const held = new Set(keys.slice(0, count).map((key) => last.get(key)!));
  const train: OrderFact[] = [];
  const tests: OrderFact[] = [];
  orders.forEach((order, i) => {
    (held.has(i) ? tests : train).push(order);
  });
  return { train, tests, subjects: keys.length };
}

/** hit@10 and NDCG@10 of each weighting on the held-out orders, ranked from the training orders' aggregates. */
export function scoreHeldOut(
  split: Pick<HeldOutSplit, 'train' | 'tests'>,
  catalog: Catalog,
  weightings: readonly Weights[],
  contextOf: (order: OrderFact) => SubjectContext | undefined,
): HeldOutScore[] {
  const agg = newAggregates('held-out', 0);
  for (const order of split.train) addOrder(agg, order);
  const popularity = popularityOf(agg);
  const totals = weightings.map(() => ({ hit: 0, ndcg: 0 }));
  let n = 0;
  for (const order of split.tests) {
    const relevant = new Set(order.items.filter((id) => catalog.byId.get(id)?.kind === 'dish'));
    if (relevant.size === 0) continue;
    n++;
    const profile = agg.subjects.get(orderKey(order));
    const context = contextOf(order);
    weightings.forEach((weights, w) => {
      const list = rankScored(heldOutInput(catalog, popularity, agg, order, context, profile, weights));
      let dcg = 0;
      let hit = 0;
      list.slice(0, K).forEach((s, rank) => {
        if (!relevant.has(s.item.id)) return;
        dcg += 1 / Math.log2(rank + 2);
        hit = 1;
      });
      let ideal = 0;
      for (let i = 0; i < Math.min(K, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
      totals[w]!.hit += hit;
      totals[w]!.ndcg += dcg / ideal;
    });
  }
  const round = (value: number) => Math.round(value * 10_000) / 10_000;
  return totals.map((t) => ({ hitAt10: round(t.hit / Math.max(1, n)), ndcgAt10: round(t.ndcg / Math.max(1, n)) }));
}
