// Each queued message is delivered exactly once when several processes dispatch from one database, also when one
// of them dies (SIGKILL) holding leases on jobs it claimed — one of them already delivered but not recorded.
// Real processes (test/support/messaging-child.ts) on a real database: PostgreSQL under `npm run test:server:pg`,
// an SQLite file otherwise.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { appendConsent } from '../src/consent.ts';
import type { Db } from '../src/db.ts';
import { sendAutomation } from '../src/messaging/campaigns-run.ts';
import { createTenant } from '../src/tenants.ts';
import { consentRecord, ENGINE, serverStore, tempDir } from './helpers.ts';

const CHILD = fileURLToPath(new URL('./support/messaging-child.ts', import.meta.url));
const temp = tempDir();
after(() => temp.cleanup());

function child(env: Record<string, string>, extra: Record<string, string>): ChildProcess & { lines: string[] } {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...env, ...extra, MB_LOG: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  }) as ChildProcess & { lines: string[] };
  proc.lines = [];
  proc.stdout?.setEncoding('utf8').on('data', (chunk: string) => proc.lines.push(...chunk.split('\n').filter(Boolean)));
  return proc;
}

async function untilLine(proc: ChildProcess & { lines: string[] }, line: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!proc.lines.includes(line)) {
    if (proc.exitCode !== null) throw new Error(`child exited (${proc.exitCode}) before "${line}"`);
    if (Date.now() > deadline) throw new Error(`no "${line}" from the child within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A tenant whose `n` recipients allow order status in the app, each with one queued message. */
async function queued(db: Db, n: number): Promise<string> {
  const tenant = await createTenant(db, { name: 'Instances', origins: ['https://shop.example'] });
  const now = Date.now();
  for (let i = 0; i < n; i++) {
    const record = consentRecord({ anonymousId: `r${i}`, channels: { in_app: true } }) as never;
    await appendConsent(db, tenant.id, { anonymousId: `r${i}` }, record, now);
    await sendAutomation(
      db,
      {
        tenantId: tenant.id,
        recipient: `a:r${i}`,
        topic: 'order_status',
        content: { de: { title: 'Bestellung {n}', body: 'Unterwegs' } },
        fields: { n: String(i) },
        idempotencyKey: `order:${i}`,
      },
      now - 1000,
    );
  }
  return tenant.id;
}

async function assertDeliveredOnce(db: Db, n: number) {
  const jobs = await db.all<{ status: string; n: number }>(
    'SELECT status, count(*) AS n FROM message_jobs GROUP BY status',
  );
  assert.deepEqual(
    jobs.map((j) => [j.status, Number(j.n)]),
    [['sent', n]],
  );
  const items = await db.all<{ recipient: string; title: string }>('SELECT recipient, title FROM inbox_items');
  assert.equal(items.length, n, 'one inbox item per job');
  assert.equal(new Set(items.map((i) => i.recipient)).size, n, 'no recipient got two');
  const deliveries = await db.get<{ n: number; jobs: number }>(
    'SELECT count(*) AS n, count(DISTINCT job_id) AS jobs FROM message_deliveries',
  );
  assert.deepEqual([Number(deliveries?.n), Number(deliveries?.jobs)], [n, n], 'one delivery row per job');
}

describe(`messaging across processes (${ENGINE})`, () => {
  it('two dispatcher processes deliver each of N jobs exactly once, and both take part', {
    timeout: 120_000,
  }, async () => {
    const store = await serverStore(temp.dir, 'two');
    const db = await store.open();
    const n = 120;
    await queued(db, n);
    const procs = ['one', 'two'].map((id) => child(store.env, { MB_CHILD_MODE: 'run', MB_CHILD_ID: id }));
    await Promise.all(procs.map((p) => once(p, 'exit')));
    for (const p of procs) assert.deepEqual(p.lines, ['done']);
    await assertDeliveredOnce(db, n);
    const byWorker = await db.all<{ locked_by: string; n: number }>(
      'SELECT locked_by, count(*) AS n FROM message_jobs GROUP BY locked_by ORDER BY locked_by',
    );
    assert.deepEqual(
      byWorker.map((w) => w.locked_by),
      ['one', 'two'],
      JSON.stringify(byWorker),
    );
    await db.close();
  });

  it('a process killed while holding leases: its jobs are claimed again after the lease and sent once', {
    timeout: 120_000,
  }, async () => {
    const store = await serverStore(temp.dir, 'killed');
    const db = await store.open();
    const n = 12;
    await queued(db, n);
    const doomed = child(store.env, { MB_CHILD_MODE: 'hang', MB_CHILD_ID: 'doomed', MB_LEASE_MS: '1500' });
    await untilLine(doomed, 'hung');
    const held = await db.all<{ id: number }>(
      "SELECT id FROM message_jobs WHERE status = 'running' AND locked_by = 'doomed'",
    );
    assert.equal(held.length, 5, 'the doomed process holds a batch');
    assert.equal((await db.all('SELECT id FROM inbox_items')).length, 1, 'one of them already delivered');
    doomed.kill('SIGKILL');
    await once(doomed, 'exit');
    const survivor = child(store.env, { MB_CHILD_MODE: 'run', MB_CHILD_ID: 'survivor' });
    await once(survivor, 'exit');
    assert.deepEqual(survivor.lines, ['done']);
    await assertDeliveredOnce(db, n);
    const retried = await db.all<{ attempts: number }>(
      `SELECT attempts FROM message_jobs WHERE id IN (${held.map((h) => h.id).join(', ')})`,
    );
    assert.deepEqual(
      retried.map((r) => Number(r.attempts)),
      [2, 2, 2, 2, 2],
      'claimed again after the lease',
    );
    await db.close();
  });
});
