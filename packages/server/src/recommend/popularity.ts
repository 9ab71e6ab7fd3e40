import { type Aggregates, DAY_MS } from './aggregates.ts';

export const TREND_WINDOW_DAYS = 7;
export const TREND_BASE_DAYS = 28;

/** Per-item popularity as of one time, derived from the aggregates once per "as of" day and data change. */
export interface Popularity {
  /** The time the windows count back from (ms). */
  asOf: number;
  last7: Map<string, number>;
  prev28: Map<string, number>;
  total35: Map<string, number>;
  max35: number;
  /** All orders per item, and the largest. */
  itemTotal: Map<string, number>;
  maxTotal: number;
  hours: Map<string, Uint32Array>;
  /** Sum of `hours` per item. */
  hourTotals: Map<string, number>;
  weekdays: Map<string, Uint32Array>;
}

/**
 * The default "as of" time: the tenant's latest event, so imported or quiet history still counts — but never
 * later than `now`, so one event with a clock far ahead cannot age everything else out.
 */
export function asOfTime(agg: Aggregates, now: number): number {
  return agg.latestAt > 0 ? Math.min(agg.latestAt, now) : now;
}

const popularityCache = new WeakMap<Aggregates, { key: string; value: Popularity }>();

/** Popularity with windows counted back from `at` (default: the latest event in the aggregates). */
export function popularityOf(agg: Aggregates, at: number = agg.latestAt): Popularity {
  const today = Math.floor(at / DAY_MS);
  const key = `${agg.version}:${today}`;
  const cached = popularityCache.get(agg);
  if (cached?.key === key) return cached.value;
  let maxTotal = 0;
  for (const total of agg.itemTotal.values()) maxTotal = Math.max(maxTotal, total);
  const value: Popularity = {
    asOf: at,
    last7: new Map(),
    prev28: new Map(),
    total35: new Map(),
    max35: 0,
    itemTotal: agg.itemTotal,
    maxTotal,
    hours: agg.itemHours,
    hourTotals: new Map(),
    weekdays: agg.itemWeekdays,
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
