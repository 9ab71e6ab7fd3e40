/**
 * The visitor's own tracked events, compact and local, for the rules' event-count conditions: per event name
 * the timestamps in ascending order (bounded, oldest dropped first) and, for the few whitelisted properties,
 * their values. Counting "in the last N days" is a binary search, so 200 rules over 10k events stay far
 * below a millisecond or two.
 */

export type PropertyValue = string | number | boolean;
type Properties = Record<string, PropertyValue>;

interface Series {
  /** Epoch ms, ascending. */
  t: number[];
  /** Whitelisted properties per entry (`undefined` when none). */
  p: (Properties | undefined)[];
}

/** Stored form: per name, time deltas in seconds (first one absolute) and sparse properties by index. */
export interface StoredEventLog {
  [name: string]: { d: number[]; p?: Record<number, Properties> };
}

export interface EventLog {
  record(name: string, at: number, properties?: Record<string, unknown>): void;
  /** How many `name` events happened at or after `since` whose properties match every `where` value. */
  count(name: string, since?: number, where?: Record<string, PropertyValue>): number;
  /** Total entries kept, all names. */
  size(): number;
  toJSON(): StoredEventLog;
  clear(): void;
}

export interface EventLogOptions {
  /** Most entries kept per event name (default 2,000). */
  maxPerName?: number;
  /** Property names whose values are kept for `where` filters. */
  properties: readonly string[];
  /** Most event names kept (default 200): a page tracking ever-new names cannot grow the log without end. */
  maxNames?: number;
}

/** First index whose time is ≥ `since`. */
function lowerBound(times: number[], since: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((times[mid] as number) < since) low = mid + 1;
    else high = mid;
  }
  return low;
}

const MAX_VALUE_LENGTH = 100;

// Long because: one closure of small named functions sharing the log's private index (series per name, totals).
export function createEventLog(options: EventLogOptions, stored?: unknown): EventLog {
  const max = options.maxPerName ?? 2000;
  const maxNames = options.maxNames ?? 200;
  const series = new Map<string, Series>();
  let total = 0;

  const keep = (properties: Record<string, unknown> | undefined): Properties | undefined => {
    if (!properties) return undefined;
    let kept: Properties | undefined;
    for (const key of options.properties) {
      const value = properties[key];
      const ok =
        typeof value === 'boolean' ||
        (typeof value === 'number' && Number.isFinite(value)) ||
        (typeof value === 'string' && value.length <= MAX_VALUE_LENGTH);
      if (!ok) continue;
      kept ??= {};
      kept[key] = value as PropertyValue;
    }
    return kept;
  };

  const log: EventLog = {
    record(name, at, properties) {
      if (!Number.isFinite(at)) return;
      let entry = series.get(name);
      if (!entry) {
        if (series.size >= maxNames) return;
        entry = { t: [], p: [] };
        series.set(name, entry);
      }
      const kept = keep(properties);
      const last = entry.t[entry.t.length - 1];
      // Replayed pre-load calls may arrive with earlier times: insert in order.
      const index = last === undefined || at >= last ? entry.t.length : lowerBound(entry.t, at + 1);
      entry.t.splice(index, 0, at);
      entry.p.splice(index, 0, kept);
      total++;
      if (entry.t.length > max) {
        const drop = entry.t.length - max;
        entry.t.splice(0, drop);
        entry.p.splice(0, drop);
        total -= drop;
      }
    },
    count(name, since = Number.NEGATIVE_INFINITY, where) {
      const entry = series.get(name);
      if (!entry) return 0;
      const from = since === Number.NEGATIVE_INFINITY ? 0 : lowerBound(entry.t, since);
      if (!where) return entry.t.length - from;
      const keys = Object.keys(where);
      let matches = 0;
      for (let i = from; i < entry.t.length; i++) {
        const properties = entry.p[i];
        if (properties && keys.every((key) => properties[key] === where[key])) matches++;
      }
      return matches;
    },
    size: () => total,
    toJSON() {
      const out: StoredEventLog = {};
      for (const [name, entry] of series) {
        let previous = 0;
        const d = entry.t.map((time) => {
          const seconds = Math.round(time / 1000);
          const delta = seconds - previous;
          previous = seconds;
          return delta;
        });
        const p: Record<number, Properties> = {};
        let any = false;
        entry.p.forEach((properties, i) => {
          if (properties) {
            p[i] = properties;
            any = true;
          }
        });
        out[name] = any ? { d, p } : { d };
      }
      return out;
    },
    clear() {
      series.clear();
      total = 0;
    },
  };

  // Restore: anything malformed is skipped, entry by entry.
  if (stored && typeof stored === 'object') {
    for (const [name, raw] of Object.entries(stored as Record<string, unknown>)) {
      const item = raw as { d?: unknown; p?: unknown };
      if (!Array.isArray(item?.d)) continue;
      let seconds = 0;
      const props = (item.p && typeof item.p === 'object' ? item.p : {}) as Record<string, Record<string, unknown>>;
      item.d.forEach((delta, i) => {
        if (typeof delta !== 'number') return;
        seconds += delta;
        log.record(name, seconds * 1000, props[i]);
      });
    }
  }
  return log;
}
