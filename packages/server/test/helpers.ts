import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchResponse, ErrorBody } from '@matbakh/contract';
import { type App, createApp } from '../src/app.ts';
import { loadConfig, type ServerConfig } from '../src/config.ts';
import { appendConsent } from '../src/consent.ts';
import { latestChoices } from '../src/consent-gate.ts';
import { type Db, openDb } from '../src/db.ts';
import type { LogRecord } from '../src/log.ts';
import { EVENT_COLUMNS, insertEventRows } from '../src/storage/event-rows.ts';
import type { Param } from '../src/storage/port.ts';
import { createTenant, findByWriteKey, type Tenant } from '../src/tenants.ts';

export const T0 = Date.parse('2025-03-01T12:00:00.000Z');
export const SHOP_ORIGIN = 'https://shop.example';

export interface Setup {
  db: Db;
  app: App;
  tenant: Tenant;
  config: ServerConfig;
  records: LogRecord[];
  advance(ms: number): void;
}

let databases = 0;

/**
 * A fresh, empty, migrated database for one test: in-memory SQLite, or — when `MB_TEST_DATABASE_URL` names a
 * PostgreSQL server (`npm run test:server:pg` starts one) — a schema of its own there. The same tests run on both.
 */
export function openTestDb(): Promise<Db> {
  const url = process.env.MB_TEST_DATABASE_URL;
  if (!url) return openDb(':memory:');
  databases++;
  return openDb(url, { schema: `t${process.pid}_${databases}`, max: 4, idleTimeoutMs: 200 });
}

/** Which engine the suite runs on (for the few tests of one engine's own behaviour). */
export const ENGINE: 'sqlite' | 'postgres' = process.env.MB_TEST_DATABASE_URL ? 'postgres' : 'sqlite';

let stores = 0;

/**
 * A database that a server or CLI process opens from its own environment (`env`), and `open()` for the test's own
 * look at it: an SQLite file in `dir`, or — on PostgreSQL — a fresh schema named in `DATABASE_URL`'s options.
 */
export async function serverStore(
  dir: string,
  name: string,
): Promise<{ env: Record<string, string>; open(): Promise<Db> }> {
  const url = process.env.MB_TEST_DATABASE_URL;
  if (!url) {
    const path = join(dir, `${name}.sqlite`);
    return { env: { MB_DB_PATH: path, DATABASE_URL: '' }, open: () => openDb(path) };
  }
  stores++;
  const schema = `srv${process.pid}_${stores}_${name}`;
  await (await openDb(url, { schema, max: 1 })).close(); // creates and migrates the schema
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return { env: { DATABASE_URL: scoped.href }, open: () => openDb(url, { schema, max: 2 }) };
}

/** A fresh database with one tenant and an app whose clock stands still unless advanced. */
export async function setup(overrides: Partial<ServerConfig> = {}): Promise<Setup> {
  const db = await openTestDb();
  const tenant = await createTenant(db, { name: 'Falafel Haus', origins: [SHOP_ORIGIN, 'http://localhost:*'] });
  const config = { ...loadConfig({ MB_DB_PATH: ':memory:' }), ...overrides };
  const records: LogRecord[] = [];
  let clock = T0;
  const app = createApp({ db, config, log: (record) => records.push(record), now: () => clock });
  appDbs.set(app, db);
  return {
    db,
    app,
    tenant,
    config,
    records,
    advance: (ms) => {
      clock += ms;
    },
  };
}

export function basic(writeKey: string): string {
  return `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
}

let seq = 0;
export function track(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  return {
    type: 'track',
    event: 'Dish Viewed',
    messageId: `msg-${seq}`,
    timestamp: '2025-03-01T11:59:00.000Z',
    anonymousId: 'anon-1',
    properties: { dish: 'falafel' },
    context: { library: { name: 'test', version: '0.0.0' }, session: { id: 'sess-1', index: 1, start: '' } },
    ...overrides,
  };
}

export interface PostOptions {
  writeKey?: string;
  headers?: Record<string, string>;
  /**
   * Default true: first record an accept-all decision in the ledger for every subject of the batch that has none
   * yet, as the SDK does before it sends anything (the server stores no event without a recorded analytics grant).
   * Tests of that rule pass false.
   */
  consent?: boolean;
}

const appDbs = new WeakMap<App, Db>();

const ALL_GRANTED = { necessary: true, preferences: true, personalization: true, analytics: true, marketing: true };

/** Appends a decision to the subject's ledger directly (what `POST /v1/consent` stores), accept-all by default. */
export async function grantConsent(
  db: Db,
  tenantId: string,
  subject: { anonymousId: string; userId?: string },
  choices: Record<string, boolean> = ALL_GRANTED,
  action: 'accept_all' | 'custom' | 'withdraw' = 'accept_all',
): Promise<void> {
  await appendConsent(
    db,
    tenantId,
    subject,
    {
      consentId: `consent-test-${++seq}`,
      anonymousId: subject.anonymousId,
      policyVersion: 1,
      action,
      choices,
      channels: {},
      source: 'api',
      timestamp: '2025-03-01T11:59:30.000Z',
      userAgentClass: 'unknown',
    },
    T0,
  );
}

/**
 * Accept-all for a subject with no ledger entry yet: what the SDK records before it asks for profiled
 * recommendations or sends feedback. A recorded decision (also a withdrawal) is left as it is.
 */
export async function grantIfUndecided(
  db: Db,
  tenantId: string,
  subject: { anonymousId: string; userId?: string },
): Promise<void> {
  if (!(await latestChoices(db, tenantId, subject))) await grantConsent(db, tenantId, subject);
}

/** Lets `postBatch` record the SDK's grant for an app a test made itself (`setup()` does this). */
export function recordGrantsFor(app: App, db: Db): void {
  appDbs.set(app, db);
}

/** Accept-all for each subject of a batch body without a ledger entry (see PostOptions.consent). */
async function grantBatchSubjects(app: App, body: unknown, writeKey: string | undefined): Promise<void> {
  const db = appDbs.get(app);
  if (!db || typeof body !== 'object' || body === null || !Array.isArray((body as { batch?: unknown }).batch)) return;
  const key = writeKey ?? (body as { writeKey?: unknown }).writeKey;
  const tenant = typeof key === 'string' ? await findByWriteKey(db, key) : undefined;
  if (!tenant) return;
  for (const message of (body as { batch: unknown[] }).batch) {
    if (typeof message !== 'object' || message === null) continue;
    const { anonymousId, userId } = message as { anonymousId?: unknown; userId?: unknown };
    const subjects: { anonymousId: string; userId?: string }[] = [];
    if (typeof anonymousId === 'string' && anonymousId !== '') subjects.push({ anonymousId });
    if (typeof userId === 'string' && userId !== '') {
      subjects.push({ anonymousId: typeof anonymousId === 'string' && anonymousId ? anonymousId : 'test', userId });
    }
    for (const subject of subjects) await grantIfUndecided(db, tenant.id, subject);
  }
}

/** POSTs a batch with Basic auth (unless `headers.authorization` is given or writeKey is empty). */
export async function postBatch(app: App, body: unknown, options: PostOptions = {}) {
  // A database a test closed on purpose answers the server's 500, not the helper's.
  if (options.consent !== false) await grantBatchSubjects(app, body, options.writeKey).catch(() => {});
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.writeKey && headers.authorization === undefined) headers.authorization = basic(options.writeKey);
  const res = await app.request('/v1/batch', {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await res.json()) as BatchResponse & ErrorBody;
  return { res, json };
}

export async function countRows(db: Db, tenantId?: string): Promise<number> {
  const row =
    tenantId === undefined
      ? await db.get<{ n: number }>('SELECT count(*) AS n FROM events')
      : await db.get<{ n: number }>('SELECT count(*) AS n FROM events WHERE tenant_id = ?', [tenantId]);
  return row!.n;
}

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'matbakh-server-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A valid `POST /v1/consent` body; ids are unique per call. */
export function consentRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  return {
    consentId: `consent-${seq}`,
    anonymousId: 'anon-1',
    policyVersion: 1,
    action: 'accept_all',
    choices: { necessary: true, preferences: true, personalization: true, analytics: true, marketing: true },
    channels: { in_app: true, email: false },
    source: 'banner',
    timestamp: '2025-03-01T11:59:30.000Z',
    userAgentClass: 'desktop',
    ...overrides,
  };
}

export interface CallOptions {
  /** Sent as Basic auth unless `headers.authorization` is given. */
  writeKey?: string;
  headers?: Record<string, string>;
  /** Serialised as JSON unless a string. */
  body?: unknown;
}

/** One request to the app with a JSON body; answers the response and its parsed JSON (or null for no body). */
export async function call<T = unknown>(app: App, method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
  if (options.writeKey && headers.authorization === undefined) headers.authorization = basic(options.writeKey);
  const res = await app.request(path, {
    method,
    headers,
    ...(options.body === undefined
      ? {}
      : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
  });
  const text = await res.text();
  const json = (text === '' ? null : JSON.parse(text)) as T & ErrorBody;
  return { res, json };
}

type EventColumn = (typeof EVENT_COLUMNS)[number];

/**
 * Stores one raw events row the way the server does (storage/event-rows.ts: the dedup key and, on PostgreSQL, the
 * month's partition), for tests that need rows /v1/batch would not write (exact times, odd payloads).
 */
export async function insertEvent(db: Db, row: Partial<Record<EventColumn, Param>>): Promise<number> {
  const values = EVENT_COLUMNS.map(
    (column) => row[column] ?? (column === 'context' || column === 'payload' ? '{}' : null),
  );
  return db.transaction((tx) => insertEventRows(tx, [values]));
}
