import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ConfigResponse, DEFAULT_RETENTION_DAYS } from '@matbakh/contract';
import Database from 'better-sqlite3';
import { loadConfig } from '../src/config.ts';
import { type Db, MIGRATIONS } from '../src/db.ts';
import type { LogRecord } from '../src/log.ts';
import { purgeExpiredEvents, schedulePurge } from '../src/retention.ts';
import { startServer } from '../src/server.ts';
import { migrateSqlite, openSqlite } from '../src/storage/sqlite.ts';
import { createTenant, findByWriteKey } from '../src/tenants.ts';
import { call, consentRecord, insertEvent, openTestDb, postBatch, setup, T0, tempDir, track } from './helpers.ts';

const DAY = 24 * 60 * 60 * 1000;

const messageIds = async (db: Db, tenantId: string) =>
  (
    await db.all<{ message_id: string }>('SELECT message_id FROM events WHERE tenant_id = ? ORDER BY message_id', [
      tenantId,
    ])
  ).map((r) => r.message_id);

/** Waits (up to `ms`) until `check` holds: scheduled work runs on its own timers, the tests only watch. */
async function eventually(check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms`);
    await sleep(5);
  }
}

describe('purgeExpiredEvents (fake clock)', () => {
  /** Three tenants with 30 days, the default and 1 day; each gets an event at T0 and one at T0 + 25 days. */
  async function threeTenants() {
    const s = await setup();
    const thirty = await createTenant(s.db, { name: 'Thirty', origins: ['*'], retentionDays: 30 });
    const one = await createTenant(s.db, { name: 'One', origins: ['*'], retentionDays: 1 });
    const tenants = { thirty, standard: s.tenant, one };
    for (const [name, t] of Object.entries(tenants)) {
      await postBatch(s.app, { batch: [track({ messageId: `${name}-old` })] }, { writeKey: t.writeKey });
    }
    s.advance(25 * DAY);
    for (const [name, t] of Object.entries(tenants)) {
      await postBatch(s.app, { batch: [track({ messageId: `${name}-new` })] }, { writeKey: t.writeKey });
    }
    return { ...s, ...tenants };
  }

  const cases: Array<{ at: number; thirty: string[]; standard: string[]; one: string[] }> = [
    {
      at: T0 + 25 * DAY,
      thirty: ['thirty-new', 'thirty-old'],
      standard: ['standard-new', 'standard-old'],
      one: ['one-new'],
    },
    // Exactly at the cutoff an event is kept; one millisecond later it is gone.
    { at: T0 + 30 * DAY, thirty: ['thirty-new', 'thirty-old'], standard: ['standard-new', 'standard-old'], one: [] },
    { at: T0 + 30 * DAY + 1, thirty: ['thirty-new'], standard: ['standard-new', 'standard-old'], one: [] },
    { at: T0 + 396 * DAY + 1, thirty: [], standard: ['standard-new'], one: [] },
    { at: T0 + 421 * DAY + 1, thirty: [], standard: [], one: [] },
  ];
  for (const { at, ...expected } of cases) {
    it(`keeps per tenant what is within its retention at T0 + ${(at - T0) / DAY} days`, async () => {
      const w = await threeTenants();
      const result = await purgeExpiredEvents(w.db, at);
      const kept = {
        thirty: await messageIds(w.db, w.thirty.id),
        standard: await messageIds(w.db, w.standard.id),
        one: await messageIds(w.db, w.one.id),
      };
      assert.deepEqual(kept, expected);
      assert.equal(result.deleted, 6 - Object.values(kept).flat().length);
      assert.equal(
        result.tenants.reduce((sum, t) => sum + t.deleted, 0),
        result.deleted,
      );
    });
  }

  it('never purges the consent ledger', async () => {
    const s = await setup();
    await call(s.app, 'POST', '/v1/consent', { writeKey: s.tenant.writeKey, body: consentRecord() });
    await postBatch(s.app, { batch: [track()] }, { writeKey: s.tenant.writeKey });
    assert.equal((await purgeExpiredEvents(s.db, T0 + 10_000 * DAY)).deleted, 1);
    assert.equal((await s.db.get<{ n: number }>('SELECT count(*) AS n FROM consent_ledger'))?.n, 1);
  });

  it('judges by the receive time, not the client timestamp', async () => {
    const s = await setup();
    await postBatch(
      s.app,
      { batch: [track({ messageId: 'old-client-clock', timestamp: '2001-01-01T00:00:00Z' })] },
      { writeKey: s.tenant.writeKey },
    );
    await purgeExpiredEvents(s.db, T0 + DAY);
    assert.deepEqual(await messageIds(s.db, s.tenant.id), ['old-client-clock']);
  });
});

describe('schedulePurge', () => {
  it('purges at once, then on every tick, until stopped', async () => {
    const s = await setup();
    await postBatch(s.app, { batch: [track({ messageId: 'e1' })] }, { writeKey: s.tenant.writeKey });
    const records: LogRecord[] = [];
    let clock = T0;
    let runs = 0; // each run reads the clock once, as it starts
    const schedule = schedulePurge(
      s.db,
      5,
      (r) => records.push(r),
      () => {
        runs++;
        return clock;
      },
    );
    try {
      await schedule.first;
      // Ticks that came while the start purge ran (on PostgreSQL it first connects) found its lock taken and skipped.
      const skipped = { level: 'info', msg: 'retention purge skipped: another instance runs it', trigger: 'schedule' };
      assert.deepEqual(
        records.filter((r) => r.msg !== skipped.msg),
        [
          {
            level: 'info',
            msg: 'retention purge',
            trigger: 'start',
            deleted: 0,
            feedbackDeleted: 0,
            auditDeleted: 0,
            tenants: 0,
          },
        ],
      );
      for (const r of records.filter((r) => r.msg === skipped.msg)) assert.deepEqual(r, skipped);
      clock = T0 + (DEFAULT_RETENTION_DAYS + 1) * DAY;
      await eventually(() => records.some((r) => r.trigger === 'schedule' && r.deleted === 1));
      assert.deepEqual(await messageIds(s.db, s.tenant.id), []);
    } finally {
      // stop() waits for a run already under way: after it, nothing more may run or log.
      await schedule.stop();
    }
    const started = runs;
    const count = records.length;
    await sleep(30); // six ticks' worth
    assert.equal(runs, started, 'no tick after stop()');
    assert.equal(records.length, count, 'no tick after stop()');
  });

  it('logs a failed purge instead of throwing', async () => {
    const s = await setup();
    await s.db.close();
    const records: LogRecord[] = [];
    const schedule = schedulePurge(s.db, 0, (r) => records.push(r));
    schedule.stop();
    await schedule.first; // resolves: the failure is logged, not thrown
    assert.equal(records[0]?.msg, 'retention purge failed');
    assert.equal(records[0]?.level, 'error');
  });
});

describe('startServer: retention', () => {
  it('purges on start and on the schedule, and clears the timer on close', { timeout: 30_000 }, async () => {
    const db = await openTestDb();
    const tenant = await createTenant(db, { name: 'Shop', origins: ['*'], retentionDays: 30 });
    const insert = (tenant_id: string, message_id: string, timestamp: string, original: string, received_at: string) =>
      insertEvent(db, { tenant_id, message_id, type: 'track', timestamp, original_timestamp: original, received_at });
    const at = (ms: number) => new Date(ms).toISOString();
    await insert(tenant.id, 'expired', at(T0), at(T0), at(T0));
    await insert(tenant.id, 'fresh', at(T0 + 20 * DAY), at(T0), at(T0 + 20 * DAY));
    let clock = T0 + 31 * DAY;
    const records: LogRecord[] = [];
    const config = {
      ...loadConfig({ MB_DB_PATH: ':memory:', PORT: '0', MB_PURGE_INTERVAL_MS: '10' }),
      log: 'off' as const,
    };
    const running = await startServer(config, {
      db,
      log: (r) => records.push(r),
      handleSignals: false,
      now: () => clock,
    });
    try {
      // The start purge runs beside the listening server; its record says it is done.
      await eventually(() => records.some((r) => r.msg === 'retention purge'));
      assert.deepEqual(await messageIds(db, tenant.id), ['fresh'], 'purged on start');
      const startPurge = records.find((r) => r.msg === 'retention purge');
      assert.deepEqual(startPurge, {
        level: 'info',
        msg: 'retention purge',
        trigger: 'start',
        deleted: 1,
        feedbackDeleted: 0,
        auditDeleted: 0,
        tenants: 1,
      });
      clock = T0 + 51 * DAY;
      await eventually(() =>
        records.some((r) => r.msg === 'retention purge' && r.trigger === 'schedule' && r.deleted === 1),
      );
      assert.deepEqual(await messageIds(db, tenant.id), [], 'purged by the schedule');
    } finally {
      await running.close();
    }
    const count = records.filter((r) => r.msg.startsWith('retention purge')).length;
    await sleep(40);
    assert.equal(records.filter((r) => r.msg.startsWith('retention purge')).length, count, 'no purge after close');
  });
});

describe('tenant retention', () => {
  it('GET /v1/config answers the tenant retention, the default unless set', async () => {
    const s = await setup();
    const short = await createTenant(s.db, { name: 'Short', origins: ['*'], retentionDays: 30 });
    const get = async (writeKey: string) =>
      (await call<ConfigResponse>(s.app, 'GET', `/v1/config?writeKey=${writeKey}`)).json.retentionDays;
    assert.equal(await get(s.tenant.writeKey), DEFAULT_RETENTION_DAYS);
    assert.equal(await get(short.writeKey), 30);
  });

  it('keeps the stored retention when a tenant is updated without one', async () => {
    const db = await openTestDb();
    await createTenant(db, { name: 'A', origins: ['*'], writeKey: 'pk_keep', retentionDays: 90 });
    assert.equal((await createTenant(db, { name: 'A2', origins: ['*'], writeKey: 'pk_keep' })).retentionDays, 90);
    assert.equal((await findByWriteKey(db, 'pk_keep'))?.retentionDays, 90);
    assert.equal(
      (await createTenant(db, { name: 'A3', origins: ['*'], writeKey: 'pk_keep', retentionDays: 7 })).retentionDays,
      7,
    );
    assert.equal((await findByWriteKey(db, 'pk_keep'))?.retentionDays, 7);
  });

  for (const retentionDays of [0, -1, 1.5, 3661, Number.NaN]) {
    it(`refuses a retention of ${retentionDays} days`, async () => {
      const db = await openTestDb();
      await assert.rejects(createTenant(db, { name: 'A', origins: ['*'], retentionDays }), /retention/);
    });
  }

  // PostgreSQL has had retention_days since its first migration: only an SQLite file can be this old.
  it('gives tenants of an older SQLite database the default retention after migrating', async () => {
    const tmp = tempDir();
    try {
      const path = join(tmp.dir, 'old.sqlite');
      const old = new Database(path);
      migrateSqlite(old, MIGRATIONS.slice(0, 1));
      old
        .prepare(
          'INSERT INTO tenants (id, name, write_key, secret, allowed_origins, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run('ten_old', 'Old', 'pk_old', 'sk_old', '["*"]', new Date(T0).toISOString());
      old.close();
      const db = openSqlite(path);
      assert.equal(db.raw.pragma('user_version', { simple: true }), MIGRATIONS.length);
      assert.equal((await findByWriteKey(db, 'pk_old'))?.retentionDays, DEFAULT_RETENTION_DAYS);
      await db.close();
    } finally {
      tmp.cleanup();
    }
  });
});
