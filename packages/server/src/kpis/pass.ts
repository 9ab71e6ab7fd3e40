/**
 * The worker step that keeps every tenant's KPI tables current (issue 16 item 3): it reads only what was stored
 * since its last pass — the tenant's events after its sequence watermark and consent-ledger rows after its id
 * watermark — and adds them to the tables, page by page, each page in one transaction with its watermark, so a
 * crash never counts a row twice or not at all. Requests read the tables, never the events.
 */
import {
  ATTRIBUTION_WINDOW_DAYS,
  CONSENT_CATEGORIES,
  isPlainObject,
  SEARCH_QUERY_RETENTION_DAYS,
} from '@matbakh/contract';
import type { Db } from '../db.ts';
import type { Logger } from '../log.ts';
import { applyEvent, type KpiEventRow } from './apply.ts';
import { Counters, METRIC } from './counters.ts';
import { dayOf } from './periods.ts';
import { kpiSubject } from './subject.ts';
import { VisitorState } from './visitors.ts';

/** The distinct-visitor marks an event can set (visitors.ts `mark`). */
const MARKS = [METRIC.active, METRIC.dashboardViewers, METRIC.reorderers, METRIC.preferenceUpdaters];

/** Rows per page (and transaction): the event loop gets a turn between pages. */
const PAGE_ROWS = 500;

interface State {
  events_seq: number;
  ledger_id: number;
}

/** An idle tenant's `computed_at` is refreshed at most this often (one write per tenant per minute, not per pass). */
const IDLE_STAMP_MS = 60_000;

const eventsSql = (db: Db) => `SELECT ${db.sql.eventSeq} AS seq, type, event, anonymous_id, user_id, timestamp,
    received_at, payload
  FROM events WHERE tenant_id = ? AND ${db.sql.eventSeq} > ? AND ${db.sql.eventSeq} <= ?
  ORDER BY ${db.sql.eventSeq} LIMIT ?`;

async function saveState(tx: Db, tenantId: string, state: State, at: number): Promise<void> {
  await tx.run(
    `INSERT INTO kpi_state (tenant_id, events_seq, ledger_id, computed_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (tenant_id) DO UPDATE SET events_seq = excluded.events_seq, ledger_id = excluded.ledger_id,
       computed_at = excluded.computed_at`,
    [tenantId, state.events_seq, state.ledger_id, new Date(at).toISOString()],
  );
}

/** Consent decisions and opt-ins per category, by the day of the decision. */
async function ledgerPages(db: Db, tenantId: string, state: State, at: number, deadline: number): Promise<number> {
  let read = 0;
  while (performance.now() < deadline) {
    const rows = await db.all<{ id: number; choices: string; timestamp: string }>(
      'SELECT id, choices, timestamp FROM consent_ledger WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?',
      [tenantId, state.ledger_id, PAGE_ROWS],
    );
    if (rows.length === 0) return read;
    const counters = new Counters();
    for (const row of rows) {
      const day = dayOf(row.timestamp);
      const choices: unknown = JSON.parse(row.choices);
      counters.add(day, METRIC.consentDecisions);
      for (const category of CONSENT_CATEGORIES) {
        if (isPlainObject(choices) && choices[category] === true) counters.add(day, METRIC.optIn(category));
      }
    }
    state.ledger_id = Number(rows[rows.length - 1]!.id);
    await db.transaction(async (tx) => {
      await counters.write(tx, tenantId);
      await saveState(tx, tenantId, state, at);
    });
    read += rows.length;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return read;
}

async function eventPages(db: Db, tenantId: string, state: State, at: number, deadline: number): Promise<number> {
  const top =
    (
      await db.get<{ top: number }>(
        `SELECT ${db.sql.eventSeq} AS top FROM events WHERE tenant_id = ? ORDER BY ${db.sql.eventSeq} DESC LIMIT 1`,
        [tenantId],
      )
    )?.top ?? 0;
  let read = 0;
  while (state.events_seq < Number(top) && performance.now() < deadline) {
    const rows = await db.all<KpiEventRow>(eventsSql(db), [tenantId, state.events_seq, top, PAGE_ROWS]);
    await db.transaction(async (tx) => {
      const counters = new Counters();
      const work = { tx, tenantId, counters, visitors: new VisitorState(tx, tenantId, counters) };
      await work.visitors.preload(
        rows.map((row) => kpiSubject(tenantId, row.user_id, row.anonymous_id)).filter((s) => s !== undefined),
        MARKS,
      );
      for (const row of rows) await applyEvent(work, row);
      await counters.write(tx, tenantId);
      state.events_seq = rows.length === PAGE_ROWS ? Number(rows[rows.length - 1]!.seq) : Number(top);
      await saveState(tx, tenantId, state, at);
    });
    read += rows.length;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return read;
}

/**
 * One tenant caught up, or as far as the deadline (`performance.now()` time) lets it: every page read is committed,
 * the next pass goes on from there. Returns the events and ledger rows read, and whether it caught up.
 */
export async function refreshTenantKpis(
  db: Db,
  tenantId: string,
  at: number,
  deadline = Number.POSITIVE_INFINITY,
): Promise<{ events: number; ledger: number; done: boolean }> {
  const row = await db.get<State & { computed_at: string }>(
    'SELECT events_seq, ledger_id, computed_at FROM kpi_state WHERE tenant_id = ?',
    [tenantId],
  );
  const state: State = { events_seq: Number(row?.events_seq ?? 0), ledger_id: Number(row?.ledger_id ?? 0) };
  // The ledger first: a visitor's first event then finds the decision it was sent under.
  const ledger = await ledgerPages(db, tenantId, state, at, deadline);
  const events = await eventPages(db, tenantId, state, at, deadline);
  const done = performance.now() < deadline;
  if (events === 0 && ledger === 0 && (!row || at - Date.parse(row.computed_at) >= IDLE_STAMP_MS)) {
    await db.transaction((tx) => saveState(tx, tenantId, state, at));
  }
  return { events, ledger, done };
}

const KPI_TABLES = [
  'kpi_daily',
  'kpi_experiment_days',
  'kpi_marks',
  'kpi_visitors',
  'kpi_clicks',
  'kpi_accepts',
  'kpi_exposures',
  'kpi_search_queries',
  'kpi_state',
] as const;

/** Every KPI table of the tenant emptied: the next pass counts its events and ledger from the start. */
export async function forgetTenantKpis(db: Db, tenantId: string): Promise<void> {
  for (const table of KPI_TABLES) await db.run(`DELETE FROM ${table} WHERE tenant_id = ?`, [tenantId]);
}

/** Clicks and acceptances older than the attribution window can no longer attribute anything. */
async function pruneWindowState(db: Db, at: number): Promise<void> {
  const before = new Date(at - (ATTRIBUTION_WINDOW_DAYS + 1) * 86_400_000).toISOString();
  await db.run('DELETE FROM kpi_clicks WHERE clicked_at < ?', [before]);
  await db.run('DELETE FROM kpi_accepts WHERE accepted_at < ?', [before]);
  // Search texts are what guests typed: only their counts outlive SEARCH_QUERY_RETENTION_DAYS.
  const day = new Date(at - SEARCH_QUERY_RETENTION_DAYS * 86_400_000).toISOString().slice(0, 10);
  await db.run('DELETE FROM kpi_search_queries WHERE day < ?', [day]);
}

export interface KpiPassOptions {
  log?: Logger;
  /**
   * Work time of one pass (ms, default 500): a backlog (the first pass over a big history, a burst) is read over
   * several passes, so the worker's other steps keep their rhythm and a stop never waits long.
   */
  budgetMs?: number;
}

/** Per database: the tenant the last pass did not finish, where the next one starts (every tenant gets its turn). */
const resumeAt = new WeakMap<Db, string>();

/**
 * One pass over every tenant, once across the processes sharing the database (its own lock, outside the
 * aggregation pass's: holding two pooled connections inside one another can starve a small pool).
 */
export async function refreshKpis(
  db: Db,
  at: number,
  options: KpiPassOptions = {},
): Promise<Record<string, number> | undefined> {
  return db.exclusive('kpi-worker', async () => {
    const started = performance.now();
    const deadline = started + (options.budgetMs ?? 500);
    const all = (await db.all<{ id: string }>('SELECT id FROM tenants ORDER BY id')).map((t) => t.id);
    const from = all.findIndex((id) => id >= (resumeAt.get(db) ?? ''));
    const tenants = from <= 0 ? all : [...all.slice(from), ...all.slice(0, from)];
    resumeAt.delete(db);
    let events = 0;
    let ledger = 0;
    for (const id of tenants) {
      const read = await refreshTenantKpis(db, id, at, deadline);
      events += read.events;
      ledger += read.ledger;
      if (!read.done) {
        resumeAt.set(db, id);
        break;
      }
    }
    await pruneWindowState(db, at);
    if (options.log && events + ledger > 0) {
      const ms = Math.round(performance.now() - started);
      options.log({ level: 'info', msg: 'kpis refreshed', tenants: tenants.length, events, ledger, ms });
    }
    return { kpiEvents: events, kpiLedger: ledger };
  });
}
