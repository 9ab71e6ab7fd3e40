// A separate `worker` process behind API instances started with MB_WORKER=off (issue 13): real processes on the
// suite's engine (an SQLite file, or PostgreSQL with `npm run test:server:pg`), as a deployment runs them.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import type { RecommendationsResponse } from '@matbakh/contract';
import { freePort } from '../../../scripts/free-port.mjs';
import type { Db } from '../src/db.ts';
import { seedDemoRecommendations } from '../src/demo/synthetic.ts';
import { createTenant, type Tenant } from '../src/tenants.ts';
import { cliProcesses } from './cli-process.ts';
import { consentRecord, serverStore, T0, tempDir, track } from './helpers.ts';

const cli = cliProcesses();
const run = cli.run;

/** A `serve` process; resolves with its URL once /health/live answers. */
async function serve(env: Record<string, string>): Promise<string> {
  const port = await freePort();
  const child = run(['serve'], { ...env, PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/health/live`)).ok) return url;
    } catch {}
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error('serve did not start');
}

/** `worker --once`: one purge and one aggregation pass, then exit. */
async function workerPass(env: Record<string, string>): Promise<void> {
  const child = run(['worker', '--once'], env);
  const [code] = await once(child, 'exit');
  assert.equal(code, 0, 'worker --once exits 0');
}

async function recommendations(url: string, tenant: Tenant, anonymousId: string) {
  const res = await fetch(
    `${url}/v1/recommendations?writeKey=${tenant.writeKey}&slot=home&limit=10&anonymousId=${anonymousId}&profiling=1`,
  );
  assert.equal(res.status, 200);
  return (await res.json()) as RecommendationsResponse;
}

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a separate worker process behind MB_WORKER=off instances', () => {
  const tmp = tempDir();
  let env: Record<string, string>;
  let db: Db;

  before(async () => {
    const store = await serverStore(tmp.dir, 'worker');
    env = store.env;
    db = await store.open();
  });
  after(async () => {
    cli.killAll();
    await db.close();
    tmp.cleanup();
  });

  it('an order posted to instance A shows in what instance B recommends after a pass of the worker', {
    timeout: 120_000,
  }, async () => {
    const tenant = await createTenant(db, { name: 'Worker', origins: ['*'] });
    await seedDemoRecommendations(db, tenant.id, T0, { users: 40, orders: 300 });
    const api = { ...env, MB_WORKER: 'off', MB_AGGREGATES_TTL_MS: '0', MB_RATE_LIMIT: '0' };
    const [a, b] = await Promise.all([serve(api), serve(api)]);
    await workerPass(env);
    // The visitor's consent, recorded through A as the SDK does: the server stores and profiles nothing without it.
    const consent = await fetch(`${a}/v1/consent?writeKey=${tenant.writeKey}`, {
      method: 'POST',
      body: JSON.stringify(consentRecord({ anonymousId: 'guest-on-a' })),
    });
    assert.equal(consent.status, 201);

    const before = await recommendations(b!, tenant, 'guest-on-a');
    assert.deepEqual(before.basis, { history: false, reason: 'cold_start' });
    assert.ok(before.items.length > 0, 'popularity from the stored aggregates');

    const order = track({
      event: 'Order Completed',
      anonymousId: 'guest-on-a',
      properties: { products: [{ product_id: 'd-001-01', quantity: 1, price: 11.5 }], revenue: 11.5 },
    });
    const posted = await fetch(`${a}/v1/batch`, {
      method: 'POST',
      body: JSON.stringify({ writeKey: tenant.writeKey, batch: [order] }),
    });
    assert.equal(posted.status, 200);
    assert.equal(((await posted.json()) as { accepted: number }).accepted, 1);
    // No worker pass yet: B reads only what the worker stored, never the events table.
    assert.deepEqual((await recommendations(b!, tenant, 'guest-on-a')).basis, {
      history: false,
      reason: 'cold_start',
    });

    await workerPass(env);
    const afterPass = await recommendations(b!, tenant, 'guest-on-a');
    assert.deepEqual(afterPass.basis, { history: true });
    assert.equal((await recommendations(a!, tenant, 'guest-on-a')).personalized, true, 'A as well');
  });

  it('an instance reports the worker as stalled once it stops passing', { timeout: 120_000 }, async () => {
    const workerEnv = { ...env, MB_WORKER_INTERVAL_MS: '100' };
    const worker = run(['worker'], workerEnv);
    const api = await serve({ ...env, MB_WORKER: 'off', MB_WORKER_STALL_MS: '1500', MB_RATE_LIMIT: '0' });
    const ready = async () => {
      const res = await fetch(`${api}/health/ready`);
      return { status: res.status, body: (await res.json()) as Record<string, string> };
    };
    const up = await until(ready, (r) => r.status === 200, 20_000);
    assert.equal(up.status, 200, JSON.stringify(up.body));
    assert.equal(up.body.worker, 'ok');

    worker.kill('SIGTERM');
    await once(worker, 'exit');
    const down = await until(ready, (r) => r.status === 503, 10_000);
    assert.equal(down.status, 503);
    assert.match(down.body.worker ?? '', /^no aggregation pass for \d+ s$/);
    assert.equal(down.body.db, 'ok', 'the database itself is fine');
  });

  it('share one rate limit per write key between instances', { timeout: 60_000 }, async () => {
    const tenant = await createTenant(db, { name: 'Limited', origins: ['*'] });
    // 1 request/s, a burst of 2, counted in the database.
    const api = { ...env, MB_RATE_LIMIT: '1', MB_RATE_LIMIT_SCOPE: 'shared' };
    const [a, b] = await Promise.all([serve(api), serve(api)]);
    const config = async (url: string) => (await fetch(`${url}/v1/config?writeKey=${tenant.writeKey}`)).status;

    const started = performance.now();
    const onA = [await config(a!), await config(a!), await config(a!)];
    assert.deepEqual(onA, [200, 200, 429], 'A alone: the burst, then refused');
    // A reports its takings within 250 ms; B then starts from the shared bucket, not a full one of its own.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const onB = [await config(b!), await config(b!)];
    const seconds = (performance.now() - started) / 1000;
    const allowed = [...onA, ...onB].filter((status) => status === 200).length;
    // Per-instance buckets would let B through twice at once: 4 in total. Shared: the burst plus what refilled.
    assert.ok(allowed <= 2 + Math.floor(seconds), `${allowed} allowed in ${seconds.toFixed(2)} s: ${onA} / ${onB}`);
    assert.ok(onB.includes(429), `B refuses: ${onB}`);
  });
});
