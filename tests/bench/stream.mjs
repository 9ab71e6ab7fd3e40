// Stream fan-out bench (issue 19): `node --import tsx tests/bench/stream.mjs`, part of `npm run bench`.
//
// A real `serve` process on a fresh SQLite file, BENCH_STREAMS (default 1,000) open `GET /v1/stream` connections
// from this process, one per recipient (anonymous subjects of the tenant). Then, for BENCH_ROUNDS rounds, one inbox
// item per recipient is appended through the server's own `appendInboxItem` from this process — another instance
// on the same database, so every item travels the cross-instance path (the serving instance's poll of
// `inbox_items`, every 500 ms), the slowest one; an item appended inside the serving instance goes out at once.
// Prints: the server's memory per open connection (RSS and heap before and after opening them, via /proc and the
// server's own numbers), and the delivery latency (append → event received) p50 / p95 / max over every item.
// The load generator shares the 2 cores with the server: numbers are comparable within one run. No thresholds.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDb } from '../../packages/server/src/db.ts';
import { appendInboxItem } from '../../packages/server/src/messaging/inbox-store.ts';
import { createTenant } from '../../packages/server/src/tenants.ts';
import { freePort } from '../../scripts/free-port.mjs';

process.env.MATBAKH_MASTER_KEY ??= randomBytes(32).toString('base64');

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'packages/server/src/cli.ts');
const STREAMS = Number(process.env.BENCH_STREAMS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ');
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Resident memory of a process, KiB (what the machine pays for it). */
const rssKb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);

async function serve(dbPath) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', CLI, 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      MB_DB_PATH: dbPath,
      DATABASE_URL: '',
      MB_LOG: 'off',
      MB_RATE_LIMIT: '0',
      MB_PURGE_INTERVAL_MS: '0',
      MB_WORKER: 'off',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/health/live`)).ok) break;
    } catch {}
    await sleep(100);
  }
  return { url, port, pid: child.pid, stop: () => child.kill('SIGTERM') };
}

/** One open stream: resolves once its first event (the unread count) arrived; calls `onItem(id, at)` for items. */
function openStream(agent, port, path, onItem) {
  return new Promise((resolveOpen, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent, headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream ${res.statusCode}`));
      res.setEncoding('utf8');
      let text = '';
      res.on('data', (chunk) => {
        const at = performance.now();
        text += chunk;
        const blocks = text.split('\n\n');
        text = blocks.pop();
        for (const block of blocks) {
          if (block.includes('event: read')) resolveOpen(req);
          const id = /^id: (\d+)$/m.exec(block)?.[1];
          if (id && block.includes('event: inbox')) onItem(Number(id), at);
        }
      });
    });
    req.on('error', reject);
  });
}

const dir = mkdtempSync(join(tmpdir(), 'matbakh-bench-stream-'));
const dbPath = join(dir, 'stream.sqlite');
const db = await openDb(dbPath);
const tenant = await createTenant(db, { name: 'Bench', origins: ['http://localhost:*'] });
const server = await serve(dbPath);
try {
  await sleep(1000);
  const before = rssKb(server.pid);
  const agent = new http.Agent({ keepAlive: true, maxSockets: STREAMS + 10 });
  const appendedAt = new Map();
  const latencies = [];
  let received = 0;
  const onItem = (id, at) => {
    const sent = appendedAt.get(id);
    if (sent !== undefined) latencies.push(at - sent);
    received++;
  };
  const requests = [];
  const opening = performance.now();
  for (let i = 0; i < STREAMS; i += 50) {
    const batch = [];
    for (let j = i; j < Math.min(STREAMS, i + 50); j++) {
      batch.push(
        openStream(agent, server.port, `/v1/stream?writeKey=${tenant.writeKey}&anonymousId=bench-${j}`, onItem),
      );
    }
    requests.push(...(await Promise.all(batch)));
  }
  const openMs = performance.now() - opening;
  await sleep(2000);
  const after = rssKb(server.pid);
  const perConnection = (after - before) / STREAMS;

  for (let round = 0; round < ROUNDS; round++) {
    const expected = received + STREAMS;
    for (let j = 0; j < STREAMS; j++) {
      const item = await appendInboxItem(db, {
        tenantId: tenant.id,
        recipient: `a:bench-${j}`,
        topic: 'health_alerts',
        title: `Alert ${round}`,
        body: 'Orders fell 40% this week',
        createdAt: new Date().toISOString(),
      });
      appendedAt.set(item.id, performance.now());
    }
    for (let waited = 0; received < expected && waited < 30_000; waited += 50) await sleep(50);
    await sleep(600);
  }
  for (const req of requests) req.destroy();
  agent.destroy();

  const sorted = latencies.sort((a, b) => a - b);
  console.log(
    `\nStream fan-out (GET /v1/stream, SQLite, cross-instance path: poll every 500 ms) — load average ${load()}`,
  );
  console.log(
    `| open streams | opened in | server RSS before → after | per connection | items | delivered | p50 | p95 | max |`,
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  console.log(
    `| ${STREAMS} | ${Math.round(openMs)} ms | ${Math.round(before / 1024)} → ${Math.round(after / 1024)} MiB | ${perConnection.toFixed(1)} KiB | ${STREAMS * ROUNDS} | ${sorted.length} | ${Math.round(pct(sorted, 50))} ms | ${Math.round(pct(sorted, 95))} ms | ${Math.round(sorted.at(-1) ?? NaN)} ms |`,
  );
} finally {
  server.stop();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}
