// Aggregates stored by a separate worker and read by API instances without one (MB_WORKER=off), and rate-limit
// buckets shared through the database (issue 13). Two connections to one database stand for two processes; the
// clocks are fake. Real processes: worker-process.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { validateBatch } from '@matbakh/contract';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Db } from '../src/db.ts';
import { storeMessages } from '../src/events.ts';
import { silentLogger } from '../src/log.ts';
import { SharedRateLimiter } from '../src/rate-limit-shared.ts';
import { StoredAggregates } from '../src/recommend/aggregate-store.ts';
import { aggregatesFor, useAggregateSource } from '../src/recommend/aggregates.ts';
import { purgeExpiredEvents } from '../src/retention.ts';
import { createTenant } from '../src/tenants.ts';
import { type AggregationWorker, startAggregationWorker } from '../src/worker.ts';
import { storedWorkerStatus } from '../src/worker-heartbeat.ts';
import { call, serverStore, T0, tempDir, track } from './helpers.ts';

const DAY = 24 * 60 * 60 * 1000;

const order = (anonymousId: string, items: string[], timestamp = new Date(T0).toISOString()) =>
  track({
    event: 'Order Completed',
    anonymousId,
    timestamp,
    properties: { products: items.map((product_id) => ({ product_id })) },
  });

describe('stored aggregates (a worker elsewhere)', () => {
  const tmp = tempDir();
  let workerDb: Db;
  let apiDb: Db;
  let worker: AggregationWorker;
  let clock = 0;
  let now = T0;

  before(async () => {
    const store = await serverStore(tmp.dir, 'stored');
    [workerDb, apiDb] = [await store.open(), await store.open()];
    worker = startAggregationWorker(workerDb, { intervalMs: 2 ** 30, store: true, log: silentLogger, now: () => now });
    useAggregateSource(apiDb, new StoredAggregates(apiDb, { ttlMs: 1000, clock: () => clock }));
  });
  after(async () => {
    await worker.stop();
    await Promise.all([workerDb.close(), apiDb.close()]);
    tmp.cleanup();
  });

  it('are read by version: the tenant-wide part once per version, each subject by its key', async () => {
    const tenant = await createTenant(workerDb, { name: 'Stored', origins: ['*'] });
    await storeMessages(workerDb, tenant.id, validateBatch([order('a-1', ['x', 'y'])]).valid, now);
    const empty = await aggregatesFor(apiDb, tenant.id, now, ['a:a-1']);
    assert.equal(empty.itemTotal.size, 0, 'nothing stored before the first pass');

    clock += 1001;
    await worker.runOnce();
    const first = await aggregatesFor(apiDb, tenant.id, now, ['a:a-1', 'a:nobody']);
    assert.equal(first.itemTotal.get('x'), 1);
    assert.equal(first.subjects.get('a:a-1')?.orders, 1);
    assert.equal(first.subjects.has('a:nobody'), false);

    await storeMessages(workerDb, tenant.id, validateBatch([order('a-2', ['x'])]).valid, now);
    await worker.runOnce();
    assert.equal(await aggregatesFor(apiDb, tenant.id, now), first, 'within the TTL: the same object, no query');
    clock += 1001;
    const second = await aggregatesFor(apiDb, tenant.id, now, ['a:a-2']);
    assert.notEqual(second, first);
    assert.equal(second.itemTotal.get('x'), 2);
    assert.equal(second.subjects.get('a:a-2')?.orders, 1);
    // A pass that found nothing new writes nothing: the version stays, and so does the object.
    await worker.runOnce();
    clock += 1001;
    assert.equal(await aggregatesFor(apiDb, tenant.id, now), second);
  });

  it('an erasure removes the subject at once and the worker rebuilds the tenant without it', async () => {
    const tenant = await createTenant(workerDb, { name: 'Erase', origins: ['*'] });
    const orders = [order('gone', ['x', 'y']), order('gone', ['y']), order('stays', ['x'])];
    await storeMessages(workerDb, tenant.id, validateBatch(orders).valid, now);
    await worker.runOnce();
    clock += 1001;
    assert.equal((await aggregatesFor(apiDb, tenant.id, now, ['a:gone'])).subjects.get('a:gone')?.orders, 2);

    const app = createApp({ db: apiDb, config: { ...loadConfig({ MB_DB_PATH: ':memory:' }), rateLimit: 0 } });
    const erased = await call(app, 'POST', '/v1/privacy/erase', {
      writeKey: tenant.writeKey,
      body: { anonymousId: 'gone' },
    });
    assert.equal(erased.res.status, 200);
    const meanwhile = await aggregatesFor(apiDb, tenant.id, now, ['a:gone']);
    assert.equal(meanwhile.subjects.has('a:gone'), false, 'gone from this instance before the worker runs');

    await worker.runOnce();
    clock += 1001;
    const rebuilt = await aggregatesFor(apiDb, tenant.id, now, ['a:gone', 'a:stays']);
    assert.equal(rebuilt.itemTotal.get('y'), undefined, "the erased subject's orders no longer count");
    assert.equal(rebuilt.itemTotal.get('x'), 1);
    assert.equal(rebuilt.subjects.get('a:stays')?.orders, 1);
    const rows = await apiDb.all<{ key: string }>('SELECT key FROM aggregate_parts WHERE tenant_id = ? ORDER BY key', [
      tenant.id,
    ]);
    assert.deepEqual(rows, [{ key: 'a:stays' }]);
    assert.equal((await apiDb.get<{ n: number }>('SELECT count(*) AS n FROM aggregate_rebuilds'))?.n, 0);
  });

  it("the worker's retention purge rebuilds the stored aggregates without the purged orders", async () => {
    const tenant = await createTenant(workerDb, { name: 'Retention', origins: ['*'], retentionDays: 30 });
    await storeMessages(workerDb, tenant.id, validateBatch([order('old', ['x'])]).valid, now);
    await storeMessages(workerDb, tenant.id, validateBatch([order('new', ['y'])]).valid, now + 20 * DAY);
    await worker.runOnce();
    clock += 1001;
    assert.equal((await aggregatesFor(apiDb, tenant.id, now)).itemTotal.get('x'), 1);

    now += 40 * DAY;
    await purgeExpiredEvents(workerDb, now);
    await worker.runOnce();
    clock += 1001;
    const after = await aggregatesFor(apiDb, tenant.id, now, ['a:old', 'a:new']);
    assert.equal(after.itemTotal.get('x'), undefined);
    assert.equal(after.itemTotal.get('y'), 1);
    assert.deepEqual([...after.subjects.keys()], ['a:new']);
  });

  it('the heartbeat tells an instance when the worker last passed', async () => {
    const status = storedWorkerStatus(apiDb, { stallAfterMs: 5000, startedAt: now });
    await worker.runOnce();
    assert.equal(await status.sinceLastPass(now + 1234), 1234);
  });
});

describe('shared rate limit (fake clock)', () => {
  const tmp = tempDir();
  let db: Db;
  let at = T0;
  const limiter = () => new SharedRateLimiter(db, { rate: 1, now: () => at, syncMs: 2 ** 30 });

  before(async () => {
    db = await (await serverStore(tmp.dir, 'limits')).open();
  });
  after(async () => {
    await db.close();
    tmp.cleanup();
  });

  it('one bucket for the instances: what A took, B cannot take again', async () => {
    const [a, b] = [limiter(), limiter()];
    assert.deepEqual(await a.take('pk_1'), { allowed: true });
    assert.deepEqual(await a.take('pk_1'), { allowed: true });
    assert.deepEqual(await a.take('pk_1'), { allowed: false, retryAfterSeconds: 1 });
    await a.flush();
    assert.deepEqual(await b.take('pk_1'), { allowed: false, retryAfterSeconds: 1 });
    at += 1000;
    assert.deepEqual(await b.take('pk_1'), { allowed: true }, 'refilled at the rate');
    assert.deepEqual(await b.take('pk_1'), { allowed: false, retryAfterSeconds: 1 });
    assert.deepEqual(await b.take('pk_2'), { allowed: true }, 'keys are apart');
  });

  it('an overdraft by instances deciding at once is paid back before anyone gets more', async () => {
    const [a, b] = [limiter(), limiter()];
    // Both read a full bucket before either reports: together they let 4 through where 2 were due.
    for (const instance of [a, b]) await instance.take('pk_3');
    for (const instance of [a, b]) assert.deepEqual(await instance.take('pk_3'), { allowed: true });
    await a.flush();
    await b.flush();
    const row = await db.get<{ tokens: number }>('SELECT tokens FROM rate_buckets WHERE key = ?', ['pk_3']);
    assert.equal(row?.tokens, -2);
    at += 2000; // refill of 2: back to 0, still nothing to take
    const c = limiter();
    assert.deepEqual(await c.take('pk_3'), { allowed: false, retryAfterSeconds: 1 });
    at += 1000;
    assert.deepEqual(await c.take('pk_3'), { allowed: true });
  });

  it('stop() reports what was taken since the last sync', async () => {
    const a = new SharedRateLimiter(db, { rate: 5, now: () => at, syncMs: 2 ** 30 });
    for (let i = 0; i < 4; i++) await a.take('pk_4');
    await a.stop();
    const row = await db.get<{ tokens: number }>('SELECT tokens FROM rate_buckets WHERE key = ?', ['pk_4']);
    assert.equal(row?.tokens, 6);
  });
});
