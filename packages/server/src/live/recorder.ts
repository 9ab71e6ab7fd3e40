/**
 * The live event debugger's side of ingest: the routes hand it what came in (a push into a buffer, nothing more on
 * the request path), and a timer writes the buffer to `live_events` a moment later in one INSERT, where the stream
 * of any instance reads it (routes/live-events.ts). Only tenants with a debugger open (`live_watchers`, renewed by
 * the stream and the poll) are written, and at most MAX_PER_SECOND messages per tenant and second: with nobody
 * watching, a message costs a push and a discard. Rows are bounded per tenant and pruned by age: this is a
 * debugger's window on the last minutes, not a log. Losing a buffer to a crash loses nothing the tenant keeps.
 */
import type { LiveRefusal } from '@matbakh/contract';
import type { Db } from '../db.ts';
import { subjectPredicate, type VerifiedSubject } from '../subject.ts';
import { type LiveMessage, refusalOnly, summarize } from './summary.ts';

/** Rows kept per tenant; and their age limit. */
export const LIVE_MAX_PER_TENANT = 1000;
export const LIVE_MAX_AGE_MS = 60 * 60 * 1000;
/** How long an incoming message waits in the buffer: well under the debugger's 2 s promise. */
const FLUSH_MS = 100;
/** Beyond this many waiting entries (a flood, a stalled database), new ones are dropped. */
const MAX_BUFFER = 10_000;
const ROWS_PER_INSERT = 100;
/** A tenant's count bound is enforced at most this often. */
const PRUNE_EVERY_MS = 5_000;
/** More than a person can read as they scroll by; beyond, a flood's messages are left out (and counted). */
export const MAX_PER_SECOND = 200;
/** How long a look-up of who watches is trusted. */
const WATCHERS_TTL_MS = 2_000;
/** How long a debugger counts as open after its last renewal (the stream renews every WATCH_RENEW_MS). */
export const WATCH_MS = 60_000;
export const WATCH_RENEW_MS = 20_000;

export interface LiveNote {
  tenantId: string;
  at: number;
  path: string;
  message?: LiveMessage;
  refusal?: LiveRefusal;
}

export class LiveRecorder {
  readonly #db: Db;
  #buffer: LiveNote[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();
  readonly #prunedAt = new Map<string, number>();
  /** Per tenant: until when a debugger is open (ms), and when that was read (monotonic ms). */
  readonly #watched = new Map<string, { until: number; readAt: number }>();
  /** Per tenant: the second being counted, and the messages written in it. */
  readonly #rate = new Map<string, { second: number; count: number }>();
  dropped = 0;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Notes what came in; written within FLUSH_MS. */
  note(entry: LiveNote): void {
    if (this.#buffer.length >= MAX_BUFFER) {
      this.dropped++;
      return;
    }
    this.#buffer.push(entry);
    if (this.#timer === undefined) {
      this.#timer = setTimeout(() => void this.flush(), FLUSH_MS);
      this.#timer.unref();
    }
  }

  /** Writes what is waiting now (the timer calls it; tests may too). Never throws: a debugger must not hurt ingest. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const entries = this.#buffer;
    this.#buffer = [];
    this.#flushing = this.#flushing.then(() => this.#write(entries)).catch(() => {});
    return this.#flushing;
  }

  /** The entries of watched tenants within their rate; the others are discarded unread. */
  async #wanted(entries: readonly LiveNote[]): Promise<LiveNote[]> {
    const stale = [...new Set(entries.map((e) => e.tenantId))].filter(
      (id) => performance.now() - (this.#watched.get(id)?.readAt ?? Number.NEGATIVE_INFINITY) > WATCHERS_TTL_MS,
    );
    if (stale.length > 0) {
      const rows = await this.#db.all<{ tenant_id: string; until: string }>(
        `SELECT tenant_id, until FROM live_watchers WHERE tenant_id IN (${stale.map(() => '?').join(', ')})`,
        stale,
      );
      const until = new Map(rows.map((row) => [row.tenant_id, Date.parse(row.until)]));
      for (const id of stale) this.#watched.set(id, { until: until.get(id) ?? 0, readAt: performance.now() });
    }
    return entries.filter((entry) => {
      if (entry.at > (this.#watched.get(entry.tenantId)?.until ?? 0)) return false;
      const second = Math.floor(entry.at / 1000);
      const rate = this.#rate.get(entry.tenantId);
      if (rate?.second !== second) this.#rate.set(entry.tenantId, { second, count: 1 });
      else if (++rate.count > MAX_PER_SECOND) {
        this.dropped++;
        return false;
      }
      return true;
    });
  }

  async #write(all: readonly LiveNote[]): Promise<void> {
    if (all.length === 0) return;
    const entries = await this.#wanted(all);
    if (entries.length === 0) return;
    const rows = entries.map((entry) => {
      const base = { receivedAt: new Date(entry.at).toISOString(), path: entry.path };
      const summary = entry.message ? summarize(entry.message, base, entry.refusal) : refusalOnly(entry.refusal!, base);
      return [
        entry.tenantId,
        base.receivedAt,
        JSON.stringify(summary),
        summary.anonymousId ?? null,
        summary.userId ?? null,
      ];
    });
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const chunk = rows.slice(i, i + ROWS_PER_INSERT);
      await this.#db.run(
        `INSERT INTO live_events (tenant_id, received_at, data, anonymous_id, user_id)
         VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
        chunk.flat(),
      );
    }
    const now = Date.now();
    for (const tenantId of new Set(entries.map((e) => e.tenantId))) {
      if (now - (this.#prunedAt.get(tenantId) ?? 0) < PRUNE_EVERY_MS) continue;
      this.#prunedAt.set(tenantId, now);
      await keepNewest(this.#db, tenantId);
    }
  }
}

/** Deletes a tenant's rows beyond the newest LIVE_MAX_PER_TENANT. */
async function keepNewest(db: Db, tenantId: string): Promise<void> {
  const edge = await db.get<{ id: number }>(
    'SELECT id FROM live_events WHERE tenant_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?',
    [tenantId, LIVE_MAX_PER_TENANT],
  );
  if (edge) await db.run('DELETE FROM live_events WHERE tenant_id = ? AND id <= ?', [tenantId, edge.id]);
}

/**
 * A debugger of the tenant is open until `at + WATCH_MS`; messages are recorded from the next flush of every
 * instance on (each re-reads within WATCHERS_TTL_MS).
 */
export async function watch(db: Db, tenantId: string, at: number): Promise<void> {
  await db.run(
    `INSERT INTO live_watchers (tenant_id, until) VALUES (?, ?)
     ON CONFLICT (tenant_id) DO UPDATE SET until = excluded.until WHERE excluded.until > live_watchers.until`,
    [tenantId, new Date(at + WATCH_MS).toISOString()],
  );
}

/** Rows older than LIVE_MAX_AGE_MS, of every tenant (the worker's pass). */
export async function pruneLiveEvents(db: Db, at: number): Promise<Record<string, number>> {
  const { changes } = await db.run('DELETE FROM live_events WHERE received_at < ?', [
    new Date(at - LIVE_MAX_AGE_MS).toISOString(),
  ]);
  return changes > 0 ? { liveEventsPruned: changes } : {};
}

const recorders = new WeakMap<Db, LiveRecorder>();

/**
 * Removes the subject's rows from the live window (an erasure: privacy.ts). Messages still in a recorder's buffer
 * are written first, so none of them lands after the delete.
 */
export async function eraseLiveEvents(db: Db, tenantId: string, subject: VerifiedSubject): Promise<number> {
  await recorders.get(db)?.flush();
  const where = subjectPredicate(subject);
  return (await db.run(`DELETE FROM live_events WHERE tenant_id = ? AND ${where.sql}`, [tenantId, ...where.params]))
    .changes;
}

/** The recorder of a database (one per process and database, shared by the app's routes). */
export function liveRecorder(db: Db): LiveRecorder {
  let recorder = recorders.get(db);
  if (!recorder) {
    recorder = new LiveRecorder(db);
    recorders.set(db, recorder);
  }
  return recorder;
}
