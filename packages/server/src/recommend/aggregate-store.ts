import { randomBytes } from 'node:crypto';
import type { Db } from '../db.ts';
import { recordHeartbeat } from '../worker-heartbeat.ts';
import {
  decodeOrders,
  decodeShared,
  decodeSubject,
  encodeOrders,
  encodeShared,
  encodeSubject,
} from './aggregate-codec.ts';
import {
  type AggregateSource,
  type Aggregates,
  invalidateAggregates,
  newAggregates,
  refreshAggregates,
  restaurantKey,
  trackTenants,
} from './aggregates.ts';

/**
 * Aggregates stored in the database, for API instances that run no worker of their own (`MB_WORKER=off`) and a
 * separate `worker` process that keeps them current. Per tenant: one row with the tenant-wide part (popularity,
 * co-occurrence, groups; what every request reads) and a version, plus one row per subject and per restaurant (what
 * one request reads). An instance re-reads the tenant row only when its version changed, checked at most once per
 * TTL, and a request reads its own subject's row by primary key: the cost of a request does not grow with the
 * tenant's history, and never with another tenant's.
 */

/** How often a long pass records its progress as a heartbeat. */
const PROGRESS_BEAT_MS = 5_000;

/** `agg.version` as last written; absent: never written by this process, so the next write is a full one. */
const written = new WeakMap<Aggregates, number>();

/** Rows per INSERT: one round trip per 100 subjects on PostgreSQL. */
const PARTS_PER_STATEMENT = 100;

async function upsertParts(tx: Db, tenantId: string, version: number, parts: ReadonlyArray<[string, string]>) {
  for (let i = 0; i < parts.length; i += PARTS_PER_STATEMENT) {
    const chunk = parts.slice(i, i + PARTS_PER_STATEMENT);
    await tx.run(
      `INSERT INTO aggregate_parts (tenant_id, key, version, data) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}
       ON CONFLICT (tenant_id, key) DO UPDATE SET version = excluded.version, data = excluded.data`,
      chunk.flatMap(([key, data]) => [tenantId, key, version, data]),
    );
  }
}

/** The rows to write: all of them after a (re)build, else the subjects and restaurants changed since the last write. */
function changedParts(agg: Aggregates, full: boolean): Array<[string, string]> {
  const parts: Array<[string, string]> = [];
  const subjects = full ? agg.subjects.keys() : (agg.changes?.subjects ?? []);
  const restaurants = full ? agg.restaurantOrders.keys() : (agg.changes?.restaurants ?? []);
  for (const key of subjects) {
    const stats = agg.subjects.get(key);
    if (stats) parts.push([key, encodeSubject(stats)]);
  }
  for (const id of restaurants) {
    const orders = agg.restaurantOrders.get(id);
    if (orders) parts.push([restaurantKey(id), encodeOrders(orders)]);
  }
  return parts;
}

/**
 * Writes what changed in `agg` since this process last wrote it, in one transaction with a new tenant version; after
 * a (re)build every row, and rows the build did not write (erased subjects, purged history) are deleted. Returns the
 * rows written (0: nothing changed).
 */
export async function writeAggregates(db: Db, agg: Aggregates, now: number): Promise<number> {
  const last = written.get(agg);
  if (last === agg.version) return 0;
  const full = last === undefined;
  const parts = changedParts(agg, full);
  const shared = encodeShared(agg);
  const version = agg.version;
  agg.changes = { subjects: new Set(), restaurants: new Set() };
  try {
    await db.transaction(async (tx) => {
      const row = await tx.get<{ version: number }>('SELECT version FROM aggregate_tenants WHERE tenant_id = ?', [
        agg.tenantId,
      ]);
      const next = (row?.version ?? 0) + 1;
      await upsertParts(tx, agg.tenantId, next, parts);
      if (full) await tx.run('DELETE FROM aggregate_parts WHERE tenant_id = ? AND version < ?', [agg.tenantId, next]);
      const stamp = new Date(now).toISOString();
      await tx.run(
        `INSERT INTO aggregate_tenants (tenant_id, version, watermark, built_at, updated_at, shared)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (tenant_id) DO UPDATE SET version = excluded.version, watermark = excluded.watermark,
           built_at = excluded.built_at, updated_at = excluded.updated_at, shared = excluded.shared`,
        [agg.tenantId, next, agg.watermark, new Date(agg.builtAt).toISOString(), stamp, shared],
      );
    });
  } catch (error) {
    // The changes of this write are unknown now: the next write is a full one.
    written.delete(agg);
    throw error;
  }
  written.set(agg, version);
  return parts.length + 1;
}

interface RebuildRequest {
  tenant_id: string;
  request: string;
}

/**
 * One pass of a separate worker: rebuild requests (erasures) first, then every tenant's aggregates caught up (built
 * on the first pass) and written out.
 */
export async function refreshStoredAggregates(db: Db, now: number): Promise<Record<string, number>> {
  const requests = await db.all<RebuildRequest>('SELECT tenant_id, request FROM aggregate_rebuilds');
  for (const { tenant_id } of requests) await invalidateAggregates(db, tenant_id);
  const tenants = await db.all<{ id: string }>('SELECT id FROM tenants ORDER BY id');
  trackTenants(
    db,
    tenants.map((t) => t.id),
    now,
  );
  let parts = 0;
  const started = performance.now();
  let beatAt = started;
  const { rows } = await refreshAggregates(db, now, async (agg) => {
    parts += await writeAggregates(db, agg, now);
    // A first pass over big tenants takes a while: progress between tenants keeps instances from calling it a stall.
    if (performance.now() - beatAt > PROGRESS_BEAT_MS) {
      await recordHeartbeat(db, now + (performance.now() - started));
      beatAt = performance.now();
    }
  });
  for (const { tenant_id, request } of requests) {
    await db.run('DELETE FROM aggregate_rebuilds WHERE tenant_id = ? AND request = ?', [tenant_id, request]);
  }
  return { tenants: tenants.length, rows, parts, rebuilt: requests.length };
}

interface Cached {
  version: number;
  agg: Aggregates;
  checkedAt: number;
  /** Part keys with no row at this version (a visitor without history): not asked for again. */
  absent: Set<string>;
}

/** Subjects and restaurants kept per tenant between version changes; beyond, the cache starts over. */
const MAX_CACHED_PARTS = 20_000;

const hasPart = (agg: Aggregates, key: string) =>
  key.startsWith('r:') ? agg.restaurantOrders.has(key.slice(2)) : agg.subjects.has(key);

/** The reading side, for API instances without a worker (`useAggregateSource`). */
export class StoredAggregates implements AggregateSource {
  readonly #db: Db;
  readonly #ttlMs: number;
  readonly #clock: () => number;
  readonly #cache = new Map<string, Cached>();
  readonly #checking = new Map<string, Promise<Cached>>();

  /** `clock` is monotonic time for the TTL (not the app's clock, which tests pin). */
  constructor(db: Db, options: { ttlMs: number; clock?: () => number }) {
    this.#db = db;
    this.#ttlMs = options.ttlMs;
    this.#clock = options.clock ?? (() => performance.now());
  }

  async read(tenantId: string, parts: readonly string[], now: number): Promise<Aggregates> {
    const cached = await this.#current(tenantId, now);
    const missing = parts.filter((key) => !cached.absent.has(key) && !hasPart(cached.agg, key));
    if (missing.length > 0) await this.#loadParts(cached, missing);
    return cached.agg;
  }

  async invalidate(tenantId: string, parts: readonly string[]): Promise<void> {
    if (parts.length > 0) {
      await this.#db.run(
        `DELETE FROM aggregate_parts WHERE tenant_id = ? AND key IN (${parts.map(() => '?').join(', ')})`,
        [tenantId, ...parts],
      );
    }
    await this.#db.run(
      `INSERT INTO aggregate_rebuilds (tenant_id, request) VALUES (?, ?)
       ON CONFLICT (tenant_id) DO UPDATE SET request = excluded.request`,
      [tenantId, `${new Date().toISOString()} ${randomBytes(6).toString('hex')}`],
    );
    this.#cache.delete(tenantId);
  }

  #current(tenantId: string, now: number): Promise<Cached> {
    const cached = this.#cache.get(tenantId);
    if (cached && this.#clock() - cached.checkedAt < this.#ttlMs) return Promise.resolve(cached);
    let checking = this.#checking.get(tenantId);
    if (!checking) {
      checking = this.#check(tenantId, cached, now).finally(() => this.#checking.delete(tenantId));
      this.#checking.set(tenantId, checking);
    }
    return checking;
  }

  /** One round trip: the version, and the tenant-wide part only when the version is not the cached one. */
  async #check(tenantId: string, cached: Cached | undefined, now: number): Promise<Cached> {
    const checkedAt = this.#clock();
    const row = await this.#db.get<{ version: number; shared: string | null }>(
      'SELECT version, CASE WHEN version = ? THEN NULL ELSE shared END AS shared FROM aggregate_tenants WHERE tenant_id = ?',
      [cached?.version ?? 0, tenantId],
    );
    const version = row?.version ?? 0;
    if (cached && cached.version === version) {
      cached.checkedAt = checkedAt;
      return cached;
    }
    const agg = row?.shared == null ? newAggregates(tenantId, now) : decodeShared(tenantId, version, row.shared);
    const fresh: Cached = { version, agg, checkedAt, absent: new Set() };
    this.#cache.set(tenantId, fresh);
    return fresh;
  }

  async #loadParts(cached: Cached, keys: readonly string[]): Promise<void> {
    const { agg } = cached;
    if (agg.subjects.size + agg.restaurantOrders.size + cached.absent.size > MAX_CACHED_PARTS) {
      agg.subjects.clear();
      agg.restaurantOrders.clear();
      cached.absent.clear();
    }
    const rows = await this.#db.all<{ key: string; data: string }>(
      `SELECT key, data FROM aggregate_parts WHERE tenant_id = ? AND key IN (${keys.map(() => '?').join(', ')})`,
      [agg.tenantId, ...keys],
    );
    const found = new Set<string>();
    for (const { key, data } of rows) {
      found.add(key);
      if (key.startsWith('r:')) agg.restaurantOrders.set(key.slice(2), decodeOrders(data));
      else agg.subjects.set(key, decodeSubject(data));
    }
    for (const key of keys) if (!found.has(key)) cached.absent.add(key);
  }
}
