import type { ReasonCode } from './recommendations.ts';

/** Ranking quality of one set of weights on orders the fit never saw. */
export interface HeldOutScore {
  /** Share of held-out orders with at least one of their dishes in the top 10. */
  hitAt10: number;
  ndcgAt10: number;
}

/** One signal of the dish ranker: its weight in use, the default, and the reason it speaks for. */
export interface RecommenderSignal {
  name: string;
  weight: number;
  defaultWeight: number;
  reason: ReasonCode;
}

/**
 * `GET /v1/admin/recommender` (Authorization: Bearer <tenant secret>): the weights the tenant's recommendations use
 * now, where they came from and how they did on held-out orders. Read-only; the worker refits on a schedule.
 */
export interface RecommenderWeightsResponse {
  /** `fitted`: learned from the tenant's orders and kept because they did not lose to the defaults held out. */
  source: 'fitted' | 'default';
  /** In words: what was learned from, or why the defaults are in use. */
  why: string;
  /** ISO time of the last fit; null before the first. */
  fittedAt: string | null;
  signals: RecommenderSignal[];
  /** MMR-style variety strength of the re-ranking (0: pure score order). */
  diversity: number;
  sample: {
    /** The tenant's orders and guests the last fit read. */
    orders: number;
    guests: number;
    /** Each sampled guest's last order, kept out of the fit and scored with both weightings. */
    heldOutOrders: number;
  } | null;
  heldOut: { fitted: HeldOutScore; defaults: HeldOutScore } | null;
  /** What the schedule needs before the next fit: guests with orders, new orders, or time. */
  refit: { minGuests: number; newOrders: number; intervalHours: number };
}
