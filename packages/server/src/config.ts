import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIMITS } from '@matbakh/contract';
import { DEFAULT_AUDIT_RETENTION_DAYS } from './audit.ts';
import { loadMailConfig, publicBaseUrl } from './messaging/channels/email-config.ts';
import { loadWhatsAppConfig } from './messaging/channels/whatsapp-config.ts';

export type LogMode = 'json' | 'off';
/** `instance`: each process counts alone; `shared`: the instances on one database share one bucket per key. */
export type RateLimitScope = 'instance' | 'shared';

export interface ServerConfig {
  port: number;
  host: string;
  /** SQLite: an absolute file path, or `:memory:` (data lives as long as the process). Unused with `databaseUrl`. */
  dbPath: string;
  /** `DATABASE_URL=postgres://…` selects PostgreSQL instead of the SQLite file. */
  databaseUrl: string | undefined;
  /** PostgreSQL connections per instance (`MB_DB_POOL`). */
  dbPool: number;
  /** How often the aggregation worker catches up the recommendation aggregates (`MB_WORKER_INTERVAL_MS`). */
  workerIntervalMs: number;
  /**
   * `MB_WORKER` (default on): `serve` runs the aggregation worker and the retention purge in its own process. Off
   * (`serve --no-worker`): a separate `worker` process does both, and this instance reads the aggregates it stores.
   */
  worker: boolean;
  /** How long without an aggregation pass `/health/ready` reports as a stalled worker (`MB_WORKER_STALL_MS`). */
  workerStallMs: number;
  /** Without an in-process worker: how long a tenant's stored aggregates are used before their version is checked. */
  aggregatesTtlMs: number;
  /** `MB_RATE_LIMIT_SCOPE`; default `shared` on PostgreSQL (many instances), `instance` on SQLite. */
  rateLimitScope: RateLimitScope;
  /** The built script-tag files served at `/sdk/` (`MB_SDK_DIR`, default the repository's `dist/`). */
  sdkDir: string;
  /** The built partner console served at `/console/` (`MB_CONSOLE_DIR`, default `packages/console/dist`). */
  consoleDir: string;
  /** Requests per second per write key; the bucket holds twice that. 0 turns limiting off. */
  rateLimit: number;
  /**
   * Requests per second per tenant for the key-authorized routes (`/v1/import/*`, `/v1/admin/*`), apart from the
   * browsers' limit; the bucket holds twice that. 0 turns limiting off.
   */
  serverRateLimit: number;
  maxBodyBytes: number;
  log: LogMode;
  /** Enables `GET /v1/demo/events` and the `/demo/events` page, which expose stored events. */
  demo: boolean;
  /** How often expired events are purged (they are also purged on start); 0: on start only. */
  purgeIntervalMs: number;
  /** Pause between the messaging loop's drains of due jobs (`MB_MESSAGING_INTERVAL_MS`, default 1 s; 0: off). */
  messagingIntervalMs: number;
  /**
   * How often the messaging loop turns running campaigns' triggers (a health alert, a lapsed regular) into queued
   * messages (`MB_MESSAGING_TRIGGER_INTERVAL_MS`, default 60 s).
   */
  messagingTriggerIntervalMs: number;
  /** Days the audit log keeps an entry (`MB_AUDIT_RETENTION_DAYS`, default two years), purged with the events. */
  auditRetentionDays: number;
  /** `MB_PUBLIC_URL`: where links in messages (an e-mail's unsubscribe link) reach this server. */
  publicUrl: string;
  /**
   * `MB_WHATSAPP_APP_SECRET`: the Meta app's secret, which signs the WhatsApp status webhooks
   * (`X-Hub-Signature-256`); unset, `POST /v1/webhooks/whatsapp` refuses every call.
   */
  whatsAppAppSecret?: string;
  /**
   * `MB_PUSH_ALLOW_LOCAL_HTTP=1` (tests, local development only): a push subscription's endpoint may be an http(s)
   * URL on localhost / 127.0.0.1 / [::1], so a local push endpoint can stand in for the browser's push service.
   */
  pushAllowLocalHttp: boolean;
}

export type Env = Record<string, string | undefined>;

// A typo in the environment should stop the start, not silently fall back to a default.
function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new Error(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function flag(env: Env, name: string): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '' || ['0', 'false', 'no', 'off'].includes(raw)) return false;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  throw new Error(`${name} must be one of 1/0, true/false, yes/no, on/off; got "${raw}"`);
}

function rateLimitScope(env: Env, postgres: boolean): RateLimitScope {
  const raw = env.MB_RATE_LIMIT_SCOPE?.trim().toLowerCase();
  if (raw === undefined || raw === '') return postgres ? 'shared' : 'instance';
  if (raw === 'instance' || raw === 'shared') return raw;
  throw new Error(`MB_RATE_LIMIT_SCOPE must be "instance" or "shared", got "${raw}"`);
}

function logMode(env: Env): LogMode {
  const raw = env.MB_LOG?.trim().toLowerCase();
  if (raw === undefined || raw === '') return 'json';
  if (raw === 'json' || raw === 'off') return raw;
  throw new Error(`MB_LOG must be "json" or "off", got "${raw}"`);
}

/** How long without a pass counts as stalled, for a worker passing every `intervalMs`. */
export const stallAfter = (intervalMs: number) => Math.max(30_000, intervalMs * 10);

/** `npm run build` writes the script-tag files here. */
const REPO_DIST = fileURLToPath(new URL('../../../dist', import.meta.url));
const CONSOLE_DIST = fileURLToPath(new URL('../../console/dist', import.meta.url));

function databaseUrl(env: Env): string | undefined {
  const raw = env.DATABASE_URL?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!/^postgres(ql)?:\/\//i.test(raw)) throw new Error('DATABASE_URL must be a postgres:// URL');
  return raw;
}

/**
 * The messaging channels read their variables on first send (messaging/channels/*-config.ts); parsing them here too
 * makes a typo in `MB_SMTP_*`, `MB_MAIL_FROM` or `MB_WHATSAPP_*` stop the start instead of the first send.
 */
function publicUrlAndChannels(env: Env): string {
  loadMailConfig(env);
  loadWhatsAppConfig(env);
  return publicBaseUrl(env);
}

/** Where the data lives: the PostgreSQL URL when set, else the SQLite path. */
export const dataLocation = (config: ServerConfig): string => config.databaseUrl ?? config.dbPath;

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): ServerConfig {
  const dbRaw = env.MB_DB_PATH?.trim() || '.data/matbakh.sqlite';
  const url = databaseUrl(env);
  return {
    port: integer(env, 'PORT', 8787, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    dbPath: dbRaw === ':memory:' ? dbRaw : resolve(cwd, dbRaw),
    databaseUrl: url,
    dbPool: integer(env, 'MB_DB_POOL', 10, 1, 1000),
    workerIntervalMs: integer(env, 'MB_WORKER_INTERVAL_MS', 1000, 50, 2 ** 31 - 1),
    messagingIntervalMs: integer(env, 'MB_MESSAGING_INTERVAL_MS', 1000, 0, 2 ** 31 - 1),
    messagingTriggerIntervalMs: integer(env, 'MB_MESSAGING_TRIGGER_INTERVAL_MS', 60_000, 100, 2 ** 31 - 1),
    workerStallMs: integer(
      env,
      'MB_WORKER_STALL_MS',
      stallAfter(integer(env, 'MB_WORKER_INTERVAL_MS', 1000, 50, 2 ** 31 - 1)),
      100,
      2 ** 31 - 1,
    ),
    worker: env.MB_WORKER === undefined || env.MB_WORKER.trim() === '' ? true : flag(env, 'MB_WORKER'),
    aggregatesTtlMs: integer(env, 'MB_AGGREGATES_TTL_MS', 1000, 0, 60 * 60 * 1000),
    sdkDir: env.MB_SDK_DIR?.trim() ? resolve(cwd, env.MB_SDK_DIR.trim()) : REPO_DIST,
    consoleDir: env.MB_CONSOLE_DIR?.trim() ? resolve(cwd, env.MB_CONSOLE_DIR.trim()) : CONSOLE_DIST,
    rateLimit: integer(env, 'MB_RATE_LIMIT', 20, 0, 1_000_000),
    serverRateLimit: integer(env, 'MB_SERVER_RATE_LIMIT', 5, 0, 1_000_000),
    rateLimitScope: rateLimitScope(env, url !== undefined),
    maxBodyBytes: integer(env, 'MB_MAX_BODY_BYTES', LIMITS.maxBatchBytes, 1, 100 * 1024 * 1024),
    log: logMode(env),
    demo: flag(env, 'MB_DEMO'),
    // setInterval holds at most 2^31 - 1 ms (~24.8 days); a larger value would fire at once, over and over.
    purgeIntervalMs: integer(env, 'MB_PURGE_INTERVAL_MS', 60 * 60 * 1000, 0, 2 ** 31 - 1),
    auditRetentionDays: integer(env, 'MB_AUDIT_RETENTION_DAYS', DEFAULT_AUDIT_RETENTION_DAYS, 1, 3660),
    publicUrl: publicUrlAndChannels(env),
    ...(env.MB_WHATSAPP_APP_SECRET?.trim() ? { whatsAppAppSecret: env.MB_WHATSAPP_APP_SECRET.trim() } : {}),
    pushAllowLocalHttp: flag(env, 'MB_PUSH_ALLOW_LOCAL_HTTP'),
  };
}
