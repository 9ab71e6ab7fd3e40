import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Db } from '../src/db.ts';
import {
  backoffMs,
  cancelQueuedJobs,
  claimJobs,
  enqueueMessage,
  finishJob,
  type NewJob,
  readJob,
} from '../src/messaging/queue.ts';
import { createTenant } from '../src/tenants.ts';
import { openTestDb, T0 } from './helpers.ts';

const iso = (ms: number) => new Date(ms).toISOString();

async function fresh(): Promise<{ db: Db; tenantId: string; job(n: number, over?: Partial<NewJob>): NewJob }> {
  const db = await openTestDb();
  const { id: tenantId } = await createTenant(db, { name: 'Queue', origins: ['https://shop.example'] });
  const job = (n: number, over: Partial<NewJob> = {}): NewJob => ({
    tenantId,
    campaignId: 'c1',
    recipient: `u:${n}`,
    topic: 'promotions',
    idempotencyKey: `c1:u:${n}:2025-03`,
    payload: {},
    runAt: iso(T0),
    ...over,
  });
  return { db, tenantId, job };
}

describe('message queue', () => {
  it('enqueues once per tenant × idempotency key, whatever state the first job is in', async () => {
    const { db, job } = await fresh();
    const first = await enqueueMessage(db, job(1), T0);
    const again = await enqueueMessage(db, { ...job(1), runAt: iso(T0 + 1000) }, T0);
    assert.deepEqual(again, { id: first.id, created: false });
    assert.equal(first.created, true);
    const [claimed] = await claimJobs(db, 'w1', T0, 10);
    await finishJob(db, claimed!, { status: 'sent', channel: 'in_app' }, { now: T0 });
    assert.equal((await enqueueMessage(db, job(1), T0 + 5000)).created, false);
    assert.equal((await db.get<{ n: number }>('SELECT count(*) AS n FROM message_jobs'))?.n, 1);
    await db.close();
  });

  it('claims only due jobs, each by one claimer, with a lease', async () => {
    const { db, job } = await fresh();
    for (let n = 0; n < 20; n++) await enqueueMessage(db, job(n), T0);
    await enqueueMessage(db, job(99, { runAt: iso(T0 + 60_000) }), T0);
    const claims = await Promise.all(['a', 'b', 'c', 'd'].map((w) => claimJobs(db, w, T0, 8, 30_000)));
    const ids = claims.flat().map((j) => j.id);
    assert.equal(ids.length, 20, 'every due job claimed');
    assert.equal(new Set(ids).size, 20, 'no job claimed twice');
    for (const j of claims.flat()) {
      assert.equal(j.status, 'running');
      assert.equal(j.lockedUntil, iso(T0 + 30_000));
      assert.equal(j.attempts, 1);
    }
    assert.deepEqual(await claimJobs(db, 'e', T0 + 29_999, 50), [], 'leased and not-yet-due jobs stay put');
    await db.close();
  });

  it('claims again a job whose lease ran out, and fences off its first holder', async () => {
    const { db, job } = await fresh();
    await enqueueMessage(db, job(1), T0);
    const [held] = await claimJobs(db, 'dies', T0, 1, 10_000);
    const [retaken] = await claimJobs(db, 'survivor', T0 + 10_001, 1, 10_000);
    assert.equal(retaken?.id, held?.id);
    assert.equal(retaken?.attempts, 2);
    assert.equal(await finishJob(db, held!, { status: 'sent', channel: 'in_app' }, { now: T0 + 10_002 }), false);
    assert.equal(await finishJob(db, retaken!, { status: 'sent', channel: 'in_app' }, { now: T0 + 10_003 }), true);
    const stored = await readJob(db, held!.id);
    assert.equal(stored?.status, 'sent');
    assert.equal(stored?.lockedBy, 'survivor');
    assert.equal(stored?.lockedUntil, null);
    await db.close();
  });

  it('retries a transient failure with exponential backoff and jitter, then dead-letters with the reason', async () => {
    const { db, job } = await fresh();
    const { id } = await enqueueMessage(db, job(1), T0);
    let now = T0;
    const runAts: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [claimed] = await claimJobs(db, 'w', now, 1);
      assert.equal(claimed?.attempts, attempt);
      await finishJob(
        db,
        claimed!,
        { status: 'failed', retry: true, reason: 'smtp 451' },
        {
          now,
          maxAttempts: 3,
          random: () => 0.5,
        },
      );
      const stored = await readJob(db, id);
      if (attempt < 3) {
        assert.equal(stored?.status, 'queued');
        runAts.push(Date.parse(stored!.runAt) - now);
        now = Date.parse(stored!.runAt);
      } else {
        assert.equal(stored?.status, 'dead');
        assert.equal(stored?.reason, 'smtp 451 (after 3 attempts)');
      }
    }
    assert.deepEqual(runAts, [backoffMs(1, () => 0.5), backoffMs(2, () => 0.5)]);
    assert.ok(runAts[1]! > runAts[0]!, 'backoff grows');
    assert.ok(backoffMs(3, () => 0) < backoffMs(3, () => 0.99), 'jitter spreads retries');
    await db.close();
  });

  it('a permanent failure is dead at once; a deferral does not count as an attempt', async () => {
    const { db, job } = await fresh();
    const a = await enqueueMessage(db, job(1), T0);
    const b = await enqueueMessage(db, job(2), T0);
    const claimed = await claimJobs(db, 'w', T0, 2);
    const byId = new Map(claimed.map((j) => [j.id, j]));
    await finishJob(db, byId.get(a.id)!, { status: 'failed', retry: false, reason: 'invalid address' }, { now: T0 });
    await finishJob(
      db,
      byId.get(b.id)!,
      { status: 'deferred', runAt: T0 + 3_600_000, reason: 'quiet hours' },
      {
        now: T0,
      },
    );
    assert.equal((await readJob(db, a.id))?.status, 'dead');
    const deferred = await readJob(db, b.id);
    assert.deepEqual([deferred?.status, deferred?.attempts, deferred?.runAt], ['queued', 0, iso(T0 + 3_600_000)]);
    await db.close();
  });

  it('cancels a recipient’s queued jobs, or only those left without a channel', async () => {
    const { db, tenantId, job } = await fresh();
    const emailOnly = await enqueueMessage(db, job(1, { idempotencyKey: 'k1', payload: { channels: ['email'] } }), T0);
    const either = await enqueueMessage(
      db,
      job(1, { idempotencyKey: 'k2', payload: { channels: ['email', 'in_app'] } }),
      T0,
    );
    const other = await enqueueMessage(db, job(2, { idempotencyKey: 'k3', payload: { channels: ['email'] } }), T0);
    const n = await cancelQueuedJobs(db, tenantId, 'u:1', { channel: 'email', reason: 'consent withdrawn', now: T0 });
    assert.equal(n, 1);
    assert.equal((await readJob(db, emailOnly.id))?.status, 'cancelled');
    assert.deepEqual((await readJob(db, either.id))?.payload.channels, ['in_app']);
    assert.equal((await readJob(db, other.id))?.status, 'queued');
    assert.equal(await cancelQueuedJobs(db, tenantId, 'u:1', { reason: 'erased', now: T0 }), 1);
    assert.equal((await readJob(db, either.id))?.status, 'cancelled');
    await db.close();
  });
});
