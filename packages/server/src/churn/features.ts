/**
 * What the churn model knows about one guest at one restaurant at a moment `t`: only the guest's own orders before
 * `t` (recency, frequency, tenure, usual interval, the trend of the last gaps and of the spend). The same function
 * builds the training rows at past cut-offs and the scores now, so the model never sees a feature it was not
 * trained on.
 */
import { type BgNbd, pAlive, pNoOrderWithin, type Rft } from './bgnbd.ts';

export const DAY = 86_400_000;

/** A regular: at least this many orders before the cut-off (one order has no interval). */
export const MIN_ORDERS = 2;
/** The horizon ("their usual interval") is kept within [MIN, MAX] days: a daily guest is judged over a week. */
export const MIN_HORIZON_DAYS = 7;
export const MAX_HORIZON_DAYS = 90;
/**
 * A guest whose last order is more than LAPSED_INTERVALS usual intervals (or ACTIVE_DAYS) ago has left already:
 * no longer "at risk while there is still time", so neither scored nor trained on. The owner's list is about the
 * ones still within reach.
 */
export const LAPSED_INTERVALS = 3;
export const ACTIVE_DAYS = 180;
/** The window of "fewer orders than usual" and of the revenue at risk. */
export const RECENT_DAYS = 90;

export interface GuestOrder {
  at: number;
  revenue: number;
}

/** One guest's orders at one restaurant, oldest first. */
export interface GuestHistory {
  guest: string;
  restaurant: string;
  orders: GuestOrder[];
}

/** The numbers behind a score, in the owner's units (also what the reasons quote). */
export interface GuestStats {
  orders: number;
  usualIntervalDays: number;
  daysSinceLastOrder: number;
  tenureDays: number;
  averageOrder: number;
  /** Mean of the last two gaps (days); equals the usual interval when there are fewer than three gaps. */
  recentIntervalDays: number;
  /** Mean value of the last two orders vs of the ones before (NaN-free; 1 when there are fewer than four orders). */
  recentSpend: number;
  earlierSpend: number;
  /** Coefficient of variation of the gaps (sd / mean); 0.7 (a typical guest's) while there are fewer than three. */
  gapVariation: number;
  /** Orders in the last RECENT_DAYS and how many the usual interval would have given over the same time. */
  recentOrders: number;
  expectedRecentOrders: number;
  revenueRecent: number;
  /** BG/NBD's view (bgnbd.ts): repeat orders, day of the last one since the first, tenure. */
  rft: Rft;
}

export const FEATURE_NAMES = [
  'overdue',
  'overduePastUsual',
  'logOrders',
  'logTenure',
  'logInterval',
  'slowing',
  'spendTrend',
  'recentShare',
  'overdueSquared',
  'overdueByOrders',
  'irregularity',
  'overdueByRegularity',
  'bgAlive',
  'bgNoOrder',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

export interface GuestFeatures {
  x: number[];
  stats: GuestStats;
  horizonDays: number;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const sd = (values: readonly number[]) => {
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / values.length);
};
const TYPICAL_GAP_VARIATION = 0.7;
const clamp = (value: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, value));

/** The orders strictly before `t`. */
export function ordersBefore(history: GuestHistory, t: number): GuestOrder[] {
  const found: GuestOrder[] = [];
  for (const order of history.orders) {
    if (order.at >= t) break;
    found.push(order);
  }
  return found;
}

/** The guest's numbers at `t` from the orders before it; undefined when not (or no longer) a regular. */
export function guestStats(orders: readonly GuestOrder[], t: number): GuestStats | undefined {
  if (orders.length < MIN_ORDERS) return undefined;
  const first = orders[0]!.at;
  const last = orders.at(-1)!.at;
  const daysSinceLastOrder = (t - last) / DAY;
  const gaps: number[] = [];
  for (let i = 1; i < orders.length; i++) gaps.push((orders[i]!.at - orders[i - 1]!.at) / DAY);
  // Two orders on one evening are one visit's worth of interval, not a zero-day habit.
  const usualIntervalDays = Math.max(1, median(gaps));
  const lapsedAfter = Math.min(ACTIVE_DAYS, Math.max(MIN_HORIZON_DAYS, LAPSED_INTERVALS * usualIntervalDays));
  if (daysSinceLastOrder > lapsedAfter) return undefined;
  const tenureDays = (t - first) / DAY;
  const revenues = orders.map((o) => o.revenue);
  const recent = orders.filter((o) => o.at >= t - RECENT_DAYS * DAY);
  const observed = Math.min(tenureDays, RECENT_DAYS);
  return {
    orders: orders.length,
    usualIntervalDays,
    daysSinceLastOrder,
    tenureDays,
    averageOrder: mean(revenues),
    recentIntervalDays: gaps.length >= 3 ? mean(gaps.slice(-2)) : usualIntervalDays,
    recentSpend: orders.length >= 4 ? mean(revenues.slice(-2)) : mean(revenues),
    earlierSpend: orders.length >= 4 ? mean(revenues.slice(0, -2)) : mean(revenues),
    gapVariation: gaps.length >= 3 ? sd(gaps) / Math.max(mean(gaps), 1e-9) : TYPICAL_GAP_VARIATION,
    recentOrders: recent.length,
    expectedRecentOrders: observed / usualIntervalDays,
    revenueRecent: recent.reduce((sum, o) => sum + o.revenue, 0),
    rft: { x: orders.length - 1, tx: (last - first) / DAY, T: tenureDays },
  };
}

/** "Within their usual interval", from `t` on, kept within the horizon bounds. */
export const horizonDays = (stats: GuestStats) =>
  clamp(Math.round(stats.usualIntervalDays), MIN_HORIZON_DAYS, MAX_HORIZON_DAYS);

const logit = (p: number) => {
  const q = clamp(p, 1e-4, 1 - 1e-4);
  return Math.log(q / (1 - q));
};

/**
 * The model's inputs, in FEATURE_NAMES order. Logs of ratios: a guest at twice their interval is twice as late.
 * `bg` is the tenant's BG/NBD fit at the same moment (none: both of its inputs are 0, a constant the fit ignores).
 */
export function featureVector(s: GuestStats, bg?: BgNbd): number[] {
  const overdue = Math.log((s.daysSinceLastOrder + 1) / (s.usualIntervalDays + 1));
  return [
    overdue,
    Math.max(0, overdue),
    Math.log(s.orders),
    Math.log(s.tenureDays + 1),
    Math.log(s.usualIntervalDays),
    clamp(Math.log(s.recentIntervalDays / s.usualIntervalDays), -2, 2),
    clamp(Math.log((s.recentSpend + 1) / (s.earlierSpend + 1)), -2, 2),
    clamp(Math.log((s.recentOrders + 1) / (s.expectedRecentOrders + 1)), -2, 2),
    // The same lateness means more from a guest with a long, steady rhythm than from one with three orders.
    overdue * overdue,
    overdue * Math.log(s.orders),
    // A guest who orders like clockwork and is late is a stronger sign than a late guest who never kept a rhythm.
    Math.log(s.gapVariation + 0.1),
    Math.max(0, overdue) * -Math.log(s.gapVariation + 0.1),
    // Lateness measured against the guest's own rate shrunk towards the tenant's, and the model's own answer.
    bg ? logit(pAlive(bg, s.rft)) : 0,
    bg ? logit(pNoOrderWithin(bg, s.rft, horizonDays(s))) : 0,
  ];
}

export function guestFeatures(history: GuestHistory, t: number, bg?: BgNbd): GuestFeatures | undefined {
  const stats = guestStats(ordersBefore(history, t), t);
  if (!stats) return undefined;
  return { x: featureVector(stats, bg), stats, horizonDays: horizonDays(stats) };
}

/** Whether the guest ordered in [t, t + horizon): the outcome a training row learns (false = churned). */
export function orderedWithin(history: GuestHistory, t: number, days: number): boolean {
  const end = t + days * DAY;
  return history.orders.some((o) => o.at >= t && o.at < end);
}
