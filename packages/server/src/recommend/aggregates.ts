// Long because: the full rebuild and the per-order update of the aggregate tables must count the same, so they stay
// side by side on both engines.
import type { Db } from '../db.ts';
import type { GroupProof } from '../events.ts';
import { addRestaurantOrder, orderRestaurants, type RestaurantOrders } from '../restaurant-orders.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** How often the aggregates are rebuilt from scratch, so rows removed by retention or erasure stop counting. */
export const REBUILD_INTERVAL_MS = 6 * 60 * 60 * 1000;
/** Orders kept per subject for "next order" co-occurrence: the last one is enough for the transition signal. */
const RECENT_FEATURE_DAYS = 28;

/** What one subject (a user id, or an anonymous id without user id) did: the ranker's personal signals. */
export interface SubjectStats {
  orders: number;
  /** Orders containing the item. */
  itemCounts: Map<string, number>;
  /** Orders by local hour of day. */
  hours: Uint16Array;
  /** Product Viewed / Product Added, a weaker signal than orders. */
  interest: Map<string, number>;
  lastOrder: string[];
  lastOrderAt: number;
  /** When the subject last ordered each item (ms): the recency signal. */
  itemLastAt: Map<string, number>;
  /** How often the subject ordered each item per time slot (slotOf: daypart × weekend): their habits. */
  itemSlots: Map<string, Uint16Array>;
  /** The groups (restaurants) this subject acts for, latest last. */
  groups: string[];
}

export interface GroupStats {
  traits: Record<string, unknown>;
  /** Feature Used by day index: feature → day → count. */
  featureDays: Map<string, Map<number, number>>;
}

/**
 * Incremental aggregates of one tenant's tracked events: everything the recommender reads, so a request never
 * scans the events table. Built once from the table, then caught up with the rows added since (`watermark`).
 */
export interface Aggregates {
  tenantId: string;
  /** The events sequence number (rowid / seq) read up to, for this tenant. */
  watermark: number;
  builtAt: number;
  /** Bumped on every change; caches derived from the aggregates key on it. */
  version: number;
  /** Orders containing the item, per day index (ms / DAY_MS). */
  itemDays: Map<string, Map<number, number>>;
  /** Orders containing the item, per local hour. */
  itemHours: Map<string, Uint32Array>;
  /** Orders containing the item, per UTC weekday (Sunday first). */
  itemWeekdays: Map<string, Uint32Array>;
  /**
   * The latest event time seen (ms; 0 before any): the "as of" time popularity and trend windows count back
   * from, so imported or stale history still counts instead of aging against the server's clock.
   */
  latestAt: number;
  itemTotal: Map<string, number>;
  /** Co-occurrence: same order (weight 1) and consecutive orders of one subject (weight 0.5). */
  co: Map<string, Map<string, number>>;
  /** Key `u:<userId>` or `a:<anonymousId>` (rows without user id). */
  subjects: Map<string, SubjectStats>;
  groups: Map<string, GroupStats>;
  /** Each restaurant's orders for the owner insights (restaurant-orders.ts). */
  restaurantOrders: RestaurantOrders;
  /**
   * Set only where the aggregates are stored for other processes (aggregate-store.ts): the subjects and restaurants
   * changed since the last write, so a pass writes those rows and no others.
   */
  changes?: AggregateChanges;
}

export interface AggregateChanges {
  subjects: Set<string>;
  restaurants: Set<string>;
}

export const userKey = (userId: string) => `u:${userId}`;
export const anonymousKey = (anonymousId: string) => `a:${anonymousId}`;

/** The aggregate keys of a subject: its user id first, then its anonymous id (the rows `subjectPredicate` gives it). */
export function subjectKeys(subject: { anonymousId: string; userId?: string | undefined }): string[] {
  const keys = [anonymousKey(subject.anonymousId)];
  if (subject.userId !== undefined) keys.unshift(userKey(subject.userId));
  return keys;
}

function emptySubject(): SubjectStats {
  return {
    orders: 0,
    itemCounts: new Map(),
    hours: new Uint16Array(24),
    interest: new Map(),
    lastOrder: [],
    lastOrderAt: 0,
    itemLastAt: new Map(),
    itemSlots: new Map(),
    groups: [],
  };
}

function emptyAggregates(tenantId: string, now: number): Aggregates {
  return {
    tenantId,
    watermark: 0,
    builtAt: now,
    version: 0,
    itemDays: new Map(),
    itemHours: new Map(),
    itemWeekdays: new Map(),
    latestAt: 0,
    itemTotal: new Map(),
    co: new Map(),
    subjects: new Map(),
    groups: new Map(),
    restaurantOrders: new Map(),
  };
}

const hourFormats = new Map<string, Intl.DateTimeFormat | null>();

/** Local hour of an instant in the visitor's time zone (SDK context.timezone), else UTC. */
export function localHour(ms: number, timeZone: string | null): number {
  if (timeZone === null) return new Date(ms).getUTCHours();
  let format = hourFormats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' });
    } catch {
      format = null; // unknown zone: UTC, and don't try again
    }
    hourFormats.set(timeZone, format);
  }
  if (format === null) return new Date(ms).getUTCHours();
  const hour = Number(format.format(ms));
  return Number.isInteger(hour) && hour >= 0 && hour < 24 ? hour : new Date(ms).getUTCHours();
}

function bump<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function addCo(agg: Aggregates, a: string, b: string, weight: number): void {
  let row = agg.co.get(a);
  if (!row) {
    row = new Map();
    agg.co.set(a, row);
  }
  bump(row, b, weight);
}

/** The product ids of an order's `products` (Segment e-commerce spec), each once. */
export function productIds(properties: Record<string, unknown> | undefined): string[] {
  const products = properties?.products;
  if (!Array.isArray(products)) return [];
  const ids = new Set<string>();
  for (const product of products) {
    if (typeof product !== 'object' || product === null) continue;
    const id = (product as Record<string, unknown>).product_id;
    if (typeof id === 'string' && id !== '') ids.add(id);
    else if (typeof id === 'number') ids.add(String(id));
  }
  return [...ids];
}

function subjectOf(agg: Aggregates, userId: string | null, anonymousId: string | null): SubjectStats | undefined {
  const key = userId !== null ? userKey(userId) : anonymousId !== null ? anonymousKey(anonymousId) : undefined;
  if (key === undefined) return undefined;
  agg.changes?.subjects.add(key);
  let stats = agg.subjects.get(key);
  if (!stats) {
    stats = emptySubject();
    agg.subjects.set(key, stats);
  }
  return stats;
}

/** An order as the aggregates take it (also used by the bench to train without the database). */
export interface OrderFact {
  userId: string | null;
  anonymousId: string | null;
  at: number;
  hour: number;
  items: string[];
}

export const SLOT_COUNT = 8;

/** The time slot of an order: morning, lunch, evening or night (local hour), on a weekday or at the weekend. */
export function slotOf(hour: number, weekday: number): number {
  const daypart = hour >= 5 && hour <= 10 ? 0 : hour >= 11 && hour <= 15 ? 1 : hour >= 16 && hour <= 22 ? 2 : 3;
  return daypart + (weekday === 0 || weekday === 6 ? 4 : 0);
}

export function addOrder(agg: Aggregates, order: OrderFact): void {
  const { items } = order;
  if (items.length === 0) return;
  const day = Math.floor(order.at / DAY_MS);
  const weekday = new Date(order.at).getUTCDay();
  if (order.at > agg.latestAt) agg.latestAt = order.at;
  for (const item of items) {
    let days = agg.itemDays.get(item);
    if (!days) {
      days = new Map();
      agg.itemDays.set(item, days);
    }
    bump(days, day);
    let hours = agg.itemHours.get(item);
    if (!hours) {
      hours = new Uint32Array(24);
      agg.itemHours.set(item, hours);
    }
    hours[order.hour]! += 1;
    let weekdays = agg.itemWeekdays.get(item);
    if (!weekdays) {
      weekdays = new Uint32Array(7);
      agg.itemWeekdays.set(item, weekdays);
    }
    weekdays[weekday]! += 1;
    bump(agg.itemTotal, item);
    for (const other of items) if (other !== item) addCo(agg, item, other, 1);
  }
  const subject = subjectOf(agg, order.userId, order.anonymousId);
  if (subject) {
    for (const previous of subject.lastOrder) {
      for (const item of items) if (item !== previous) addCo(agg, previous, item, 0.5);
    }
    subject.orders++;
    subject.hours[order.hour]! += 1;
    for (const item of items) {
      bump(subject.itemCounts, item);
      if (order.at > (subject.itemLastAt.get(item) ?? -1)) subject.itemLastAt.set(item, order.at);
      let slots = subject.itemSlots.get(item);
      if (!slots) {
        slots = new Uint16Array(SLOT_COUNT);
        subject.itemSlots.set(item, slots);
      }
      slots[slotOf(order.hour, weekday)]! += 1;
    }
    if (order.at >= subject.lastOrderAt) {
      subject.lastOrder = items;
      subject.lastOrderAt = order.at;
    }
  }
  agg.version++;
}

interface EventRow {
  seq: number;
  message_id: string;
  group_id: string | null;
  type: string;
  event: string | null;
  anonymous_id: string | null;
  user_id: string | null;
  timestamp: string;
  tz: string | null;
  payload: string;
}

interface GroupPayload {
  groupId?: string;
  traits?: Record<string, unknown>;
  groupProof?: GroupProof;
}

/**
 * A restaurant's record from `group` traits: server-side rows (`overwrite`) set values; a browser's proven call only
 * fills keys the record lacks, so traits from a page never overwrite what the partner's backend stored.
 */
function mergeTraits(record: Record<string, unknown>, traits: Record<string, unknown> | undefined, overwrite: boolean) {
  if (typeof traits !== 'object' || traits === null) return;
  for (const [key, value] of Object.entries(traits)) {
    if (key === '__proto__') continue;
    if (overwrite || !Object.hasOwn(record, key)) record[key] = value;
  }
}

function apply(agg: Aggregates, row: EventRow): void {
  const at = Date.parse(row.timestamp);
  if (at > agg.latestAt) agg.latestAt = at;
  if (row.type === 'group') {
    const payload = JSON.parse(row.payload) as GroupPayload;
    // Without a proof (server-side, or the backend's groupHash) a group() call claims nothing: anyone holding the
    // public write key could send one for any restaurant.
    if (typeof payload.groupId !== 'string' || payload.groupProof === undefined) return;
    let group = agg.groups.get(payload.groupId);
    if (!group) {
      group = { traits: {}, featureDays: new Map() };
      agg.groups.set(payload.groupId, group);
    }
    mergeTraits(group.traits, payload.traits, payload.groupProof === 'server');
    const subject = subjectOf(agg, row.user_id, row.anonymous_id);
    if (subject) {
      subject.groups = subject.groups.filter((id) => id !== payload.groupId);
      subject.groups.push(payload.groupId);
    }
    agg.version++;
    return;
  }
  const payload = JSON.parse(row.payload) as { properties?: Record<string, unknown> };
  const properties = payload.properties;
  switch (row.event) {
    case 'Order Completed': {
      const restaurants = orderRestaurants(row.group_id, properties);
      const items = productIds(properties);
      const guest = row.user_id ? userKey(row.user_id) : row.anonymous_id ? anonymousKey(row.anonymous_id) : undefined;
      addRestaurantOrder(agg.restaurantOrders, restaurants, row.message_id, at, properties, { guest, items });
      for (const id of restaurants) agg.changes?.restaurants.add(id);
      addOrder(agg, {
        userId: row.user_id,
        anonymousId: row.anonymous_id,
        at,
        hour: localHour(at, row.tz),
        items,
      });
      return;
    }
    case 'Product Viewed':
    case 'Product Added': {
      const id = properties?.product_id;
      const subject = subjectOf(agg, row.user_id, row.anonymous_id);
      if (subject && (typeof id === 'string' || typeof id === 'number')) {
        bump(subject.interest, String(id), row.event === 'Product Added' ? 2 : 1);
        agg.version++;
      }
      return;
    }
    case 'Feature Used': {
      const feature = properties?.feature;
      const subject = subjectOf(agg, row.user_id, row.anonymous_id);
      const groupId =
        typeof properties?.groupId === 'string' ? properties.groupId : subject?.groups[subject.groups.length - 1];
      // Usage counts for a restaurant only from someone proven to act for it.
      if (typeof feature !== 'string' || groupId === undefined || !subject?.groups.includes(groupId)) return;
      let group = agg.groups.get(groupId);
      if (!group) {
        group = { traits: {}, featureDays: new Map() };
        agg.groups.set(groupId, group);
      }
      let days = group.featureDays.get(feature);
      if (!days) {
        days = new Map();
        group.featureDays.set(feature, days);
      }
      bump(days, Math.floor(at / DAY_MS));
      agg.version++;
      return;
    }
    default:
      return;
  }
}

/** Feature Used count of a group in the last 28 days. */
export function recentFeatureUses(group: GroupStats, feature: string, now: number): number {
  const today = Math.floor(now / DAY_MS);
  let total = 0;
  for (const [day, count] of group.featureDays.get(feature) ?? []) {
    if (day > today - RECENT_FEATURE_DAYS && day <= today) total += count;
  }
  return total;
}

/** Rows read per query while catching up: the event loop gets a turn between pages, so a big tenant stalls nobody. */
const PAGE_ROWS = 250;

export const catchUpSql = (db: Db) => `SELECT ${db.sql.eventSeq} AS seq, message_id, type, event, anonymous_id,
    user_id, timestamp, ${db.sql.jsonText('context', 'timezone')} AS tz, ${db.sql.jsonText('context', 'groupId')} AS group_id,
    payload
  FROM events
  WHERE tenant_id = ? AND ${db.sql.eventSeq} > ? AND ${db.sql.eventSeq} <= ?
    AND (type = 'group' OR (type = 'track' AND event IN ('Order Completed', 'Product Viewed', 'Product Added', 'Feature Used')))
  ORDER BY ${db.sql.eventSeq}
  LIMIT ?`;

const inFlight = new WeakMap<Aggregates, Promise<number>>();

/**
 * Reads the tenant's rows stored since the last call into the aggregates. Only this tenant's index range is read
 * (tenant_id, sequence): another tenant's volume costs nothing here. The watermark moves to the tenant's newest row
 * even when the rows after it are of types the aggregates ignore, so those are never read twice. Concurrent calls
 * for one aggregate share one catch-up.
 */
export function catchUp(db: Db, agg: Aggregates): Promise<number> {
  const running = inFlight.get(agg);
  if (running) return running;
  const work = (async () => {
    // ORDER BY … LIMIT 1 is one step to the end of the tenant's index range on both engines (max() may walk it).
    const top =
      (
        await db.get<{ top: number }>(
          `SELECT ${db.sql.eventSeq} AS top FROM events WHERE tenant_id = ? ORDER BY ${db.sql.eventSeq} DESC LIMIT 1`,
          [agg.tenantId],
        )
      )?.top ?? 0;
    let read = 0;
    const sql = catchUpSql(db);
    while (agg.watermark < top) {
      const rows = await db.all<EventRow>(sql, [agg.tenantId, agg.watermark, top, PAGE_ROWS]);
      for (const row of rows) apply(agg, row);
      read += rows.length;
      agg.watermark = rows.length === PAGE_ROWS ? rows[rows.length - 1]!.seq : top;
      if (rows.length === PAGE_ROWS) await new Promise((resolve) => setImmediate(resolve));
    }
    return read;
  })();
  inFlight.set(agg, work);
  return work.finally(() => inFlight.delete(agg));
}

const store = new WeakMap<Db, Map<string, Aggregates>>();

function perDb(db: Db): Map<string, Aggregates> {
  let map = store.get(db);
  if (!map) {
    map = new Map();
    store.set(db, map);
  }
  return map;
}

/**
 * Where a database's API instances read aggregates from when no worker runs in their process (`MB_WORKER=off`): the
 * rows a separate worker stores (aggregate-store.ts). `parts` names the subject and restaurant rows the request needs.
 */
export interface AggregateSource {
  read(tenantId: string, parts: readonly string[], now: number): Promise<Aggregates>;
  /** An erasure: the subject's rows go now, the tenant-wide counts at the worker's rebuild. */
  invalidate(tenantId: string, parts: readonly string[]): Promise<void>;
}

const sources = new WeakMap<Db, AggregateSource>();

/** Reads of `db`'s aggregates go to `source` from now on (an API instance without its own worker). */
export function useAggregateSource(db: Db, source: AggregateSource): void {
  sources.set(db, source);
}

/** The part key of a restaurant's orders (subjects use userKey / anonymousKey). */
export const restaurantKey = (groupId: string) => `r:${groupId}`;

/**
 * The tenant's aggregates, current as of this call: built on first use, otherwise caught up with the tenant's rows
 * stored since (the aggregation worker keeps that remainder small, and rebuilds every REBUILD_INTERVAL_MS off the
 * request path). Without a worker in this process, the stored copy a separate worker keeps (`parts`: the subject and
 * restaurant keys the caller reads; the in-memory copy has them all).
 */
export async function aggregatesFor(
  db: Db,
  tenantId: string,
  now: number,
  parts: readonly string[] = [],
): Promise<Aggregates> {
  const source = sources.get(db);
  if (source) return source.read(tenantId, parts, now);
  const tenants = perDb(db);
  let agg = tenants.get(tenantId);
  if (!agg) {
    agg = emptyAggregates(tenantId, now);
    tenants.set(tenantId, agg);
  }
  await catchUp(db, agg);
  return agg;
}

/**
 * One pass of the aggregation worker: every tenant whose aggregates are in memory is caught up, and one built more
 * than REBUILD_INTERVAL_MS ago is rebuilt beside the live one and swapped in when current (so rows removed by
 * retention stop counting without a request ever waiting for a rebuild).
 */
export async function refreshAggregates(
  db: Db,
  now: number,
  /** Called with each tenant's live aggregates once caught up (the separate worker writes them out here). */
  afterTenant?: (agg: Aggregates) => Promise<void>,
): Promise<{ tenants: number; rows: number }> {
  const tenants = perDb(db);
  let rows = 0;
  for (const [tenantId, agg] of [...tenants]) {
    let live = agg;
    if (now - agg.builtAt > REBUILD_INTERVAL_MS || now < agg.builtAt) {
      const fresh = emptyAggregates(tenantId, now);
      rows += await catchUp(db, fresh);
      // Erased or replaced meanwhile: the newer state wins.
      if (tenants.get(tenantId) === agg) {
        tenants.set(tenantId, fresh);
        live = fresh;
      }
    } else {
      rows += await catchUp(db, agg);
    }
    await afterTenant?.(live);
  }
  return { tenants: tenants.size, rows };
}

/**
 * After a retention purge: the worker's next pass rebuilds the tenant's aggregates beside the live ones, so the
 * purged rows stop counting without a request waiting for a rebuild.
 */
export function markAggregatesStale(db: Db, tenantId: string): void {
  const agg = store.get(db)?.get(tenantId);
  if (agg) agg.builtAt = Number.NEGATIVE_INFINITY;
}

/**
 * After an erasure: the next read rebuilds from the events table, so nothing of the erased subject remains. With a
 * separate worker, the subject's stored rows (`parts`) are deleted at once and the worker rebuilds the tenant.
 */
export async function invalidateAggregates(db: Db, tenantId: string, parts: readonly string[] = []): Promise<void> {
  store.get(db)?.delete(tenantId);
  await sources.get(db)?.invalidate(tenantId, parts);
}

/**
 * The separate worker's view: every tenant named gets aggregates (built at the next refresh), tenants no longer
 * named are dropped; returns the live aggregates after the change.
 */
export function trackTenants(db: Db, tenantIds: readonly string[], now: number): Aggregates[] {
  const tenants = perDb(db);
  const wanted = new Set(tenantIds);
  for (const id of tenants.keys()) if (!wanted.has(id)) tenants.delete(id);
  for (const id of wanted) if (!tenants.has(id)) tenants.set(id, emptyAggregates(id, now));
  return [...tenants.values()];
}

/** An empty, detached aggregate (tests and the bench's in-memory training). */
export function newAggregates(tenantId: string, now: number): Aggregates {
  return emptyAggregates(tenantId, now);
}
