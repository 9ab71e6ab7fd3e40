import type { Order } from '../restaurant-orders.ts';
import { type Aggregates, type GroupStats, newAggregates, type SubjectStats } from './aggregates.ts';

/**
 * Aggregates as JSON text for the rows a separate worker stores (aggregate-store.ts): Maps become entry lists, typed
 * arrays plain arrays. Three shapes, because a request reads only what it needs: the tenant-wide part, one subject,
 * one restaurant's orders.
 */

type Entries<V> = Array<[string, V]>;
type NumberEntries = Array<[number, number]>;

interface SharedJson {
  watermark: number;
  builtAt: number;
  latestAt: number;
  itemDays: Entries<NumberEntries>;
  itemHours: Entries<number[]>;
  itemWeekdays: Entries<number[]>;
  itemTotal: Entries<number>;
  co: Entries<Entries<number>>;
  groups: Entries<{ traits: Record<string, unknown>; featureDays: Entries<NumberEntries> }>;
}

interface SubjectJson {
  orders: number;
  itemCounts: Entries<number>;
  hours: number[];
  interest: Entries<number>;
  lastOrder: string[];
  lastOrderAt: number;
  itemLastAt: Entries<number>;
  itemSlots: Entries<number[]>;
  groups: string[];
}

const mapOf = <V, W>(entries: Entries<V>, value: (v: V) => W) => new Map(entries.map(([k, v]) => [k, value(v)]));
const entriesOf = <V, W>(map: Map<string, V>, value: (v: V) => W): Entries<W> =>
  [...map].map(([k, v]) => [k, value(v)]);
const same = <V>(v: V) => v;

export function encodeShared(agg: Aggregates): string {
  const json: SharedJson = {
    watermark: agg.watermark,
    builtAt: agg.builtAt,
    latestAt: agg.latestAt,
    itemDays: entriesOf(agg.itemDays, (days) => [...days]),
    itemHours: entriesOf(agg.itemHours, (hours) => [...hours]),
    itemWeekdays: entriesOf(agg.itemWeekdays, (days) => [...days]),
    itemTotal: [...agg.itemTotal],
    co: entriesOf(agg.co, (row) => [...row]),
    groups: entriesOf(agg.groups, (group) => ({
      traits: group.traits,
      featureDays: entriesOf(group.featureDays, (days) => [...days]),
    })),
  };
  return JSON.stringify(json);
}

/** The tenant-wide part; subjects and restaurant orders start empty and are filled per request. */
export function decodeShared(tenantId: string, version: number, text: string): Aggregates {
  const json = JSON.parse(text) as SharedJson;
  const agg = newAggregates(tenantId, json.builtAt);
  agg.version = version;
  agg.watermark = json.watermark;
  agg.latestAt = json.latestAt;
  agg.itemDays = mapOf(json.itemDays, (days) => new Map(days));
  agg.itemHours = mapOf(json.itemHours, (hours) => Uint32Array.from(hours));
  agg.itemWeekdays = mapOf(json.itemWeekdays, (days) => Uint32Array.from(days));
  agg.itemTotal = new Map(json.itemTotal);
  agg.co = mapOf(json.co, (row) => new Map(row));
  agg.groups = mapOf(
    json.groups,
    (group): GroupStats => ({
      traits: group.traits,
      featureDays: mapOf(group.featureDays, (days) => new Map(days)),
    }),
  );
  return agg;
}

export function encodeSubject(stats: SubjectStats): string {
  const json: SubjectJson = {
    orders: stats.orders,
    itemCounts: [...stats.itemCounts],
    hours: [...stats.hours],
    interest: [...stats.interest],
    lastOrder: stats.lastOrder,
    lastOrderAt: stats.lastOrderAt,
    itemLastAt: [...stats.itemLastAt],
    itemSlots: entriesOf(stats.itemSlots, (slots) => [...slots]),
    groups: stats.groups,
  };
  return JSON.stringify(json);
}

export function decodeSubject(text: string): SubjectStats {
  const json = JSON.parse(text) as SubjectJson;
  return {
    orders: json.orders,
    itemCounts: new Map(json.itemCounts),
    hours: Uint16Array.from(json.hours),
    interest: new Map(json.interest),
    lastOrder: json.lastOrder,
    lastOrderAt: json.lastOrderAt,
    itemLastAt: new Map(json.itemLastAt),
    itemSlots: mapOf(json.itemSlots, (slots) => Uint16Array.from(slots)),
    groups: json.groups,
  };
}

export function encodeOrders(orders: Map<string, Order>): string {
  return JSON.stringify(entriesOf(orders, same));
}

export function decodeOrders(text: string): Map<string, Order> {
  return new Map(JSON.parse(text) as Entries<Order>);
}
