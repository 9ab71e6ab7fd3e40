import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LIMITS } from '@matbakh/contract';
import { loadConfig } from '../src/config.ts';
import { MIGRATIONS, openDb, PG_MIGRATIONS } from '../src/db.ts';
import { correctTimestamp } from '../src/events.ts';
import { RateLimiter } from '../src/rate-limit.ts';
import { migrateSqlite, openSqlite } from '../src/storage/sqlite.ts';
import {
  createTenant,
  DEMO_WRITE_KEY,
  findByWriteKey,
  isOriginAllowed,
  normalizeOrigin,
  randomBase62,
  seedDemoTenant,
} from '../src/tenants.ts';
import { ENGINE, openTestDb, tempDir } from './helpers.ts';

describe('loadConfig', () => {
  it('has the documented defaults', async () => {
    assert.deepEqual(loadConfig({}, '/srv/app'), {
      port: 8787,
      host: '127.0.0.1',
      dbPath: resolve('/srv/app', '.data/matbakh.sqlite'),
      databaseUrl: undefined,
      dbPool: 10,
      workerIntervalMs: 1000,
      workerStallMs: 30_000,
      worker: true,
      aggregatesTtlMs: 1000,
      rateLimit: 20,
      serverRateLimit: 5,
      rateLimitScope: 'instance',
      maxBodyBytes: LIMITS.maxBatchBytes,
      log: 'json',
      demo: false,
      purgeIntervalMs: 3_600_000,
      auditRetentionDays: 730,
      sdkDir: fileURLToPath(new URL('../../../dist', import.meta.url)),
      consoleDir: fileURLToPath(new URL('../../console/dist', import.meta.url)),
      publicUrl: 'http://127.0.0.1:8787',
      messagingIntervalMs: 1000,
      pushAllowLocalHttp: false,
    });
  });

  it('reads every variable', async () => {
    const config = loadConfig(
      {
        PORT: '0',
        HOST: '0.0.0.0',
        MB_DB_PATH: ':memory:',
        DATABASE_URL: 'postgres://app@db.internal:5432/matbakh',
        MB_DB_POOL: '3',
        MB_WORKER_INTERVAL_MS: '250',
        MB_WORKER_STALL_MS: '5000',
        MB_WORKER: 'off',
        MB_AGGREGATES_TTL_MS: '200',
        MB_RATE_LIMIT: '5',
        MB_SERVER_RATE_LIMIT: '2',
        MB_RATE_LIMIT_SCOPE: 'instance',
        MB_MAX_BODY_BYTES: '2048',
        MB_LOG: 'off',
        MB_DEMO: 'true',
        MB_PURGE_INTERVAL_MS: '0',
        MB_AUDIT_RETENTION_DAYS: '90',
        MB_MESSAGING_INTERVAL_MS: '250',
        MB_PUSH_ALLOW_LOCAL_HTTP: '1',
        MB_SDK_DIR: 'public/sdk',
        MB_CONSOLE_DIR: 'public/console',
      },
      '/srv/app',
    );
    assert.deepEqual(config, {
      port: 0,
      host: '0.0.0.0',
      dbPath: ':memory:',
      databaseUrl: 'postgres://app@db.internal:5432/matbakh',
      dbPool: 3,
      workerIntervalMs: 250,
      workerStallMs: 5000,
      worker: false,
      aggregatesTtlMs: 200,
      rateLimit: 5,
      serverRateLimit: 2,
      rateLimitScope: 'instance',
      maxBodyBytes: 2048,
      log: 'off',
      demo: true,
      purgeIntervalMs: 0,
      auditRetentionDays: 90,
      sdkDir: join('/srv/app', 'public/sdk'),
      consoleDir: join('/srv/app', 'public/console'),
      publicUrl: 'http://127.0.0.1:0',
      messagingIntervalMs: 250,
      pushAllowLocalHttp: true,
    });
    assert.equal(loadConfig({ MB_DB_PATH: 'data/x.sqlite' }, '/srv/app').dbPath, join('/srv/app', 'data/x.sqlite'));
    // Many instances on PostgreSQL share one bucket per key unless told otherwise; 10 passes of silence is a stall.
    const pg = loadConfig({ DATABASE_URL: 'postgres://app@db.internal/matbakh', MB_WORKER_INTERVAL_MS: '5000' });
    assert.equal(pg.rateLimitScope, 'shared');
    assert.equal(pg.workerStallMs, 50_000);
  });

  const bad: Array<[string, string, RegExp]> = [
    ['PORT', 'eighty', /PORT must be a whole number/],
    ['PORT', '70000', /PORT must be between/],
    ['DATABASE_URL', 'mysql://db.internal/matbakh', /DATABASE_URL must be a postgres:\/\/ URL/],
    ['MB_DB_POOL', '0', /MB_DB_POOL must be between/],
    ['MB_WORKER_INTERVAL_MS', '10', /MB_WORKER_INTERVAL_MS must be between/],
    ['MB_RATE_LIMIT', '-1', /MB_RATE_LIMIT/],
    ['MB_MAX_BODY_BYTES', '0', /MB_MAX_BODY_BYTES/],
    ['MB_LOG', 'text', /MB_LOG/],
    ['MB_DEMO', 'maybe', /MB_DEMO/],
    ['MB_PURGE_INTERVAL_MS', '1h', /MB_PURGE_INTERVAL_MS must be a whole number/],
    ['MB_WORKER', 'separate', /MB_WORKER must be one of/],
    ['MB_RATE_LIMIT_SCOPE', 'cluster', /MB_RATE_LIMIT_SCOPE must be "instance" or "shared"/],
    ['MB_PURGE_INTERVAL_MS', String(2 ** 31), /MB_PURGE_INTERVAL_MS must be between/],
  ];
  for (const [name, value, error] of bad) {
    it(`refuses ${name}=${value}`, async () => {
      assert.throws(() => loadConfig({ [name]: value }), error);
    });
  }
});

describe('database', () => {
  it('migrates a new SQLite database to the latest version', async () => {
    const db = openSqlite(':memory:');
    assert.equal(db.raw.pragma('user_version', { simple: true }), MIGRATIONS.length);
    assert.deepEqual(await db.schema(), { applied: MIGRATIONS.length, known: MIGRATIONS.length });
    const tables = await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    assert.deepEqual(tables, [
      { name: 'aggregate_parts' },
      { name: 'aggregate_rebuilds' },
      { name: 'aggregate_tenants' },
      { name: 'api_keys' },
      { name: 'audit_log' },
      { name: 'audit_purge_gate' },
      { name: 'campaigns' },
      { name: 'catalog_items' },
      { name: 'churn_groups' },
      { name: 'churn_runs' },
      { name: 'churn_scores' },
      { name: 'churn_win_backs' },
      { name: 'consent_ledger' },
      { name: 'console_sessions' },
      { name: 'events' },
      { name: 'forecasts' },
      { name: 'health_probe' },
      { name: 'inbox_items' },
      { name: 'kpi_accepts' },
      { name: 'kpi_clicks' },
      { name: 'kpi_daily' },
      { name: 'kpi_experiment_days' },
      { name: 'kpi_exposures' },
      { name: 'kpi_marks' },
      { name: 'kpi_search_queries' },
      { name: 'kpi_state' },
      { name: 'kpi_visitors' },
      { name: 'live_events' },
      { name: 'live_watchers' },
      { name: 'message_contacts' },
      { name: 'message_deliveries' },
      { name: 'message_jobs' },
      { name: 'preferences' },
      { name: 'profiling_objections' },
      { name: 'push_subscriptions' },
      { name: 'push_vapid_keys' },
      { name: 'rate_buckets' },
      { name: 'recommendation_feedback' },
      { name: 'recommender_weights' },
      { name: 'sqlite_sequence' },
      { name: 'subject_keys' },
      { name: 'tenant_config_drafts' },
      { name: 'tenant_config_versions' },
      { name: 'tenants' },
      { name: 'worker_heartbeats' },
    ]);
    const indexes = await db.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'",
    );
    assert.ok(indexes.some((i) => i.name === 'events_tenant_received'));
    await db.close();
  });

  it('migrates a new PostgreSQL schema to the latest version', {
    skip: ENGINE !== 'postgres' && 'PostgreSQL only',
  }, async () => {
    const db = await openTestDb();
    assert.deepEqual(await db.schema(), { applied: PG_MIGRATIONS.length, known: PG_MIGRATIONS.length });
    const tables = await db.all<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`,
    );
    assert.deepEqual(tables, [
      { name: 'aggregate_parts' },
      { name: 'aggregate_rebuilds' },
      { name: 'aggregate_tenants' },
      { name: 'api_keys' },
      { name: 'audit_log' },
      { name: 'audit_purge_gate' },
      { name: 'campaigns' },
      { name: 'catalog_items' },
      { name: 'churn_groups' },
      { name: 'churn_runs' },
      { name: 'churn_scores' },
      { name: 'churn_win_backs' },
      { name: 'consent_ledger' },
      { name: 'console_sessions' },
      { name: 'event_ids' },
      { name: 'events' },
      { name: 'forecasts' },
      { name: 'health_probe' },
      { name: 'inbox_items' },
      { name: 'kpi_accepts' },
      { name: 'kpi_clicks' },
      { name: 'kpi_daily' },
      { name: 'kpi_experiment_days' },
      { name: 'kpi_exposures' },
      { name: 'kpi_marks' },
      { name: 'kpi_search_queries' },
      { name: 'kpi_state' },
      { name: 'kpi_visitors' },
      { name: 'live_events' },
      { name: 'live_watchers' },
      { name: 'message_contacts' },
      { name: 'message_deliveries' },
      { name: 'message_jobs' },
      { name: 'preferences' },
      { name: 'profiling_objections' },
      { name: 'push_subscriptions' },
      { name: 'push_vapid_keys' },
      { name: 'rate_buckets' },
      { name: 'recommendation_feedback' },
      { name: 'recommender_weights' },
      { name: 'schema_migrations' },
      { name: 'subject_keys' },
      { name: 'tenant_config_drafts' },
      { name: 'tenant_config_versions' },
      { name: 'tenants' },
      { name: 'worker_heartbeats' },
    ]);
    const indexes = await db.all<{ name: string }>(
      "SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'events'",
    );
    assert.ok(indexes.some((i) => i.name === 'events_tenant_received'));
    await db.close();
  });

  it('applies only the migrations not yet run', async () => {
    const db = openSqlite(':memory:');
    const extra = [...MIGRATIONS, 'ALTER TABLE events ADD COLUMN note TEXT'];
    assert.equal(migrateSqlite(db.raw, extra), MIGRATIONS.length + 1);
    assert.equal(
      migrateSqlite(db.raw, extra),
      MIGRATIONS.length + 1,
      'a second run is a no-op, not a duplicate column error',
    );
    assert.equal(db.raw.pragma('user_version', { simple: true }), MIGRATIONS.length + 1);
    await db.close();
  });

  it('refuses a schema newer than the server', async () => {
    const db = openSqlite(':memory:');
    db.raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    assert.throws(() => migrateSqlite(db.raw), /newer than this server knows/);
    await db.close();
  });

  describe('on PostgreSQL', { skip: ENGINE !== 'postgres' && 'PostgreSQL only' }, () => {
    const url = process.env.MB_TEST_DATABASE_URL ?? '';

    it('applies only the migrations not yet run when a schema is reopened', async () => {
      const schema = `units_${process.pid}_reopen`;
      const first = await openDb(url, { schema, max: 1 });
      const tenant = await createTenant(first, { name: 'Keep', origins: ['https://keep.example'] });
      await first.close();
      const second = await openDb(url, { schema, max: 1 });
      assert.deepEqual(await second.schema(), { applied: PG_MIGRATIONS.length, known: PG_MIGRATIONS.length });
      const versions = await second.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      assert.deepEqual(
        versions.map((v) => v.version),
        PG_MIGRATIONS.map((_, i) => i + 1),
        'each migration recorded once',
      );
      assert.equal((await findByWriteKey(second, tenant.writeKey))?.id, tenant.id);
      await second.close();
    });

    it('refuses a schema newer than the server', async () => {
      const schema = `units_${process.pid}_newer`;
      const db = await openDb(url, { schema, max: 1 });
      await db.run('INSERT INTO schema_migrations (version) VALUES (?)', [PG_MIGRATIONS.length + 1]);
      await db.close();
      await assert.rejects(openDb(url, { schema, max: 1 }), /newer than this server knows/);
    });
  });

  it('uses WAL for a file and keeps data across reopen', async () => {
    const tmp = tempDir();
    try {
      const path = join(tmp.dir, 'nested', 'db.sqlite');
      const first = openSqlite(path);
      assert.equal(first.raw.pragma('journal_mode', { simple: true }), 'wal');
      const tenant = await createTenant(first, { name: 'Keep', origins: ['https://keep.example'] });
      await first.close();
      const second = await openDb(path);
      assert.equal(second.dialect, 'sqlite');
      assert.equal((await findByWriteKey(second, tenant.writeKey))?.id, tenant.id);
      await second.close();
    } finally {
      tmp.cleanup();
    }
  });
});

describe('tenants', () => {
  it('generates pk_/sk_ keys of base62 characters', async () => {
    const db = await openTestDb();
    const a = await createTenant(db, { name: 'A', origins: ['https://a.example/'] });
    const b = await createTenant(db, { name: 'B', origins: ['https://b.example'] });
    assert.match(a.writeKey, /^pk_[0-9A-Za-z]{24}$/);
    assert.match(a.secret, /^sk_[0-9A-Za-z]{40}$/);
    assert.notEqual(a.writeKey, b.writeKey);
    assert.notEqual(a.secret, b.secret);
    assert.deepEqual(a.allowedOrigins, ['https://a.example'], 'trailing slash dropped');
    // The admin key is shown once, on creation: a lookup never has it (only its hash is stored).
    const { adminKey, ...stored } = a;
    assert.match(adminKey ?? '', /^ak_[0-9A-Za-z]{40}$/);
    assert.deepEqual(await findByWriteKey(db, a.writeKey), stored);
    assert.equal(await findByWriteKey(db, 'pk_missing'), undefined);
  });

  it('updates name and origins when the given write key exists', async () => {
    const db = await openTestDb();
    const first = await createTenant(db, { name: 'Shop', origins: ['https://a.example'], writeKey: 'pk_fixed_key' });
    const again = await createTenant(db, { name: 'Shop 2', origins: ['https://b.example'], writeKey: 'pk_fixed_key' });
    assert.equal(again.id, first.id);
    assert.equal(again.secret, first.secret);
    assert.deepEqual((await findByWriteKey(db, 'pk_fixed_key'))?.allowedOrigins, ['https://b.example']);
    assert.equal((await findByWriteKey(db, 'pk_fixed_key'))?.name, 'Shop 2');
    assert.equal((await db.get<{ n: number }>('SELECT count(*) AS n FROM tenants'))?.n, 1);
  });

  it('seeds the demo tenant idempotently', async () => {
    const db = await openTestDb();
    const a = await seedDemoTenant(db);
    const b = await seedDemoTenant(db);
    assert.equal(a.id, b.id);
    assert.equal(b.writeKey, DEMO_WRITE_KEY);
    assert.deepEqual(b.allowedOrigins, ['http://localhost:*', 'http://127.0.0.1:*']);
  });

  const invalid: Array<[string, Parameters<typeof createTenant>[1]]> = [
    ['an empty name', { name: ' ', origins: ['https://a.example'] }],
    ['no origins', { name: 'A', origins: [] }],
    ['an origin with a path', { name: 'A', origins: ['https://a.example/shop'] }],
    ['a bare host', { name: 'A', origins: ['a.example'] }],
    ['a write key without pk_', { name: 'A', origins: ['*'], writeKey: 'sk_oops' }],
    ['a write key with spaces', { name: 'A', origins: ['*'], writeKey: 'pk_a b' }],
  ];
  for (const [name, input] of invalid) {
    it(`refuses ${name}`, async () => {
      const db = await openTestDb();
      await assert.rejects(createTenant(db, input));
    });
  }

  const matches: Array<{ patterns: string[]; origin: string; allowed: boolean }> = [
    { patterns: ['https://a.example'], origin: 'https://a.example', allowed: true },
    { patterns: ['https://a.example'], origin: 'HTTPS://A.EXAMPLE', allowed: true },
    { patterns: ['https://a.example'], origin: 'https://a.example:443', allowed: false },
    { patterns: ['https://a.example'], origin: 'https://b.a.example', allowed: false },
    { patterns: ['*'], origin: 'https://anything.example', allowed: true },
    { patterns: ['http://localhost:*'], origin: 'http://localhost:5173', allowed: true },
    { patterns: ['http://localhost:*'], origin: 'http://localhost', allowed: true },
    { patterns: ['http://localhost:*'], origin: 'http://localhost:', allowed: false },
    { patterns: ['http://localhost:*'], origin: 'http://localhost:51x', allowed: false },
    { patterns: ['http://localhost:*'], origin: 'http://localhost.evil.test', allowed: false },
    { patterns: ['http://localhost:*'], origin: 'http://localhost:80@evil.test', allowed: false },
    { patterns: ['http://localhost:*'], origin: 'https://localhost:5173', allowed: false },
    { patterns: [], origin: 'https://a.example', allowed: false },
  ];
  for (const { patterns, origin, allowed } of matches) {
    it(`${JSON.stringify(patterns)} ${allowed ? 'allows' : 'refuses'} ${origin}`, async () => {
      assert.equal(isOriginAllowed(patterns, origin), allowed);
    });
  }

  it('normalises origins', async () => {
    assert.equal(normalizeOrigin(' HTTP://LocalHost:* '), 'http://localhost:*');
    assert.equal(normalizeOrigin('https://a.example/'), 'https://a.example');
    assert.throws(() => normalizeOrigin('https://a.example/path'));
  });

  it('draws base62 characters roughly uniformly', async () => {
    const counts = new Map<string, number>();
    for (const ch of randomBase62(62_000)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    assert.equal(counts.size, 62);
    // Expected 1000 each; a modulo bias would push the first 8 digits to ~1250.
    for (const [ch, n] of counts) assert.ok(n > 800 && n < 1200, `${ch} drawn ${n} times`);
  });
});

describe('RateLimiter', () => {
  it('allows a burst of twice the rate, then refills at the rate', async () => {
    let now = 0;
    const limiter = new RateLimiter({ rate: 2, now: () => now });
    for (let i = 0; i < 4; i++) assert.deepEqual(limiter.take('k'), { allowed: true }, `request ${i}`);
    assert.deepEqual(limiter.take('k'), { allowed: false, retryAfterSeconds: 1 });
    now += 500; // one token back
    assert.deepEqual(limiter.take('k'), { allowed: true });
    assert.equal(limiter.take('k').allowed, false);
    assert.equal(limiter.take('other').allowed, true, 'keys do not share a bucket');
  });

  it('rounds Retry-After up to whole seconds of at least 1', async () => {
    let now = 0;
    const limiter = new RateLimiter({ rate: 0.25, burst: 1, now: () => now });
    assert.equal(limiter.take('k').allowed, true);
    assert.deepEqual(limiter.take('k'), { allowed: false, retryAfterSeconds: 4 });
    now += 3000;
    assert.deepEqual(limiter.take('k'), { allowed: false, retryAfterSeconds: 1 });
    now += 1000;
    assert.equal(limiter.take('k').allowed, true);
  });

  it('is off at rate 0', async () => {
    const limiter = new RateLimiter({ rate: 0 });
    for (let i = 0; i < 100; i++) assert.equal(limiter.take('k').allowed, true);
  });

  it('forgets refilled buckets when it holds too many keys', async () => {
    let now = 0;
    const limiter = new RateLimiter({ rate: 1, now: () => now, maxKeys: 3 });
    for (const key of ['a', 'b', 'c']) limiter.take(key);
    now += 10_000;
    limiter.take('d');
    assert.equal(limiter.size, 1);
  });
});

describe('correctTimestamp', () => {
  const received = Date.parse('2025-03-01T12:00:00.000Z');
  it('shifts by the client-measured delay', async () => {
    assert.equal(
      correctTimestamp('2030-01-01T00:00:00Z', '2030-01-01T00:00:30Z', received),
      '2025-03-01T11:59:30.000Z',
    );
  });
  it('keeps the client time without sentAt', async () => {
    assert.equal(correctTimestamp('2025-02-01T00:00:00+02:00', undefined, received), '2025-01-31T22:00:00.000Z');
  });
});
