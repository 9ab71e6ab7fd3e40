// End-to-end messaging bench (issue 19): `node --import tsx tests/bench/messaging-smtp.mjs`, part of `npm run bench`.
//
// The whole path a real e-mail takes: BENCH_E2E_MESSAGES messages are queued with `sendAutomation` (one per
// recipient, each with e-mail consent in the ledger, a preference document allowing e-mail for the topic and a sealed
// address), the real messaging loop (worker-loop.ts: claims of 100, 8 sends side by side) claims them, runs every
// send-time check (ledger, preference, quiet hours in the recipient's zone, daily and frequency caps), writes the
// delivery row and hands the message to the real e-mail adapter (pooled nodemailer) which delivers to a local SMTP
// sink running in a process of its own. Counted: arrivals at the sink.
//
// Two runs per engine (an SQLite file; PostgreSQL, skipped without one):
// - burst: every message queued at once while the loop drains; sends/s = messages / (first enqueue → last arrival);
// - paced: BENCH_E2E_PACED_RATE messages/s queued one by one (below capacity): the enqueue → arrival latency a
//   message sees when the queue is not backed up (p50/p95). The loop's 1 s idle pause is shortened to 20 ms here.
// CPU ms per send (the sender: queue + checks + adapter + database client; the sink separately) and the estimate
// "≈ sends/s with a core each" tell what the load average of a shared machine hides. Target ≥ 500 sends/s.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { defaultPreferences } from '@matbakh/contract';
import { openDb } from '../../packages/server/src/db.ts';
import { sendAutomation } from '../../packages/server/src/messaging/campaigns-run.ts';
import { createEmailChannel } from '../../packages/server/src/messaging/channels/email.ts';
import { recordContact } from '../../packages/server/src/messaging/contacts.ts';
import { startMessagingWorker } from '../../packages/server/src/messaging/worker-loop.ts';
import { writePreferences } from '../../packages/server/src/preferences-store.ts';
import { createTenant } from '../../packages/server/src/tenants.ts';
import { findPostgresBin, startPostgres } from '../../scripts/postgres.mjs';

process.env.MATBAKH_MASTER_KEY ??= randomBytes(32).toString('base64');

const ROOT = resolve(import.meta.dirname, '../..');
const MESSAGES = Number(process.env.BENCH_E2E_MESSAGES ?? 3000);
const PACED = Number(process.env.BENCH_E2E_PACED ?? 600);
const PACED_RATE = Number(process.env.BENCH_E2E_PACED_RATE ?? 150);
const POOL = Number(process.env.BENCH_SMTP_POOL ?? 5);
/** Sends side by side (the dispatcher's default unless set). */
const CONCURRENCY = process.env.BENCH_E2E_CONCURRENCY ? Number(process.env.BENCH_E2E_CONCURRENCY) : undefined;
const TOPIC = 'recommendations';
const TARGET = 500;
const silent = () => {};

const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ');
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

function startSink() {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'tests/bench/smtp-sink-process.mjs'), '--arrivals'],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  const next = (prefix) =>
    new Promise((resolveLine) => {
      const onLine = (line) => {
        if (!line.startsWith(prefix)) return;
        lines.off('line', onLine);
        resolveLine(line.slice(prefix.length));
      };
      lines.on('line', onLine);
    });
  const ask = (what) => {
    const answer = next(`${what} `);
    child.stdin.write(`${what}\n`);
    return answer;
  };
  return {
    port: next('port ').then(Number),
    count: () => ask('count').then((text) => text.split(' ').map(Number)),
    arrivals: () => ask('arrivals').then((text) => JSON.parse(text)),
    stop: () => new Promise((done) => child.once('exit', done).stdin.end()),
  };
}

/** `count` recipients who can be sent e-mail about TOPIC: consent in the ledger, the preference, an address. */
async function prepare(db, count) {
  const tenant = await createTenant(db, { name: 'Bench Bistro', origins: ['https://bench.example'] });
  const preferences = defaultPreferences();
  preferences.notifications.channels.email[TOPIC] = true;
  preferences.notifications.maxPerDay = 50;
  const at = new Date().toISOString();
  for (let i = 0; i < count; i++) {
    const userId = `guest-${i}`;
    await db.run(
      `INSERT INTO consent_ledger (tenant_id, consent_id, anonymous_id, user_id, policy_version, action, choices,
         channels, source, timestamp, received_at, user_agent_class)
       VALUES (?, ?, ?, ?, 1, 'custom', '{}', '{"email":true}', 'api', ?, ?, 'desktop')`,
      [tenant.id, `c-${i}`, `device-${i}`, userId, at, at],
    );
    await writePreferences(db, tenant.id, `u:${userId}`, '*', () => ({ ok: true, value: preferences }), Date.now());
    await recordContact(db, tenant.id, `u:${userId}`, { email: `${userId}@bench.example`, locale: 'de' }, Date.now());
  }
  return tenant;
}

/** Queues message `n` (subject `#n`, which the sink reads) to recipient `n % recipients`. */
function enqueue(db, tenant, n, recipients) {
  return sendAutomation(db, {
    tenantId: tenant.id,
    recipient: `u:guest-${n % recipients}`,
    topic: TOPIC,
    channels: ['email'],
    content: { de: { title: 'Falafel-Teller #{n}', body: 'Hallo {n},\n\nunser Falafel-Teller ist zurück.' } },
    fields: { n: String(n) },
    idempotencyKey: `bench:${n}`,
  });
}

async function waitForArrivals(sink, total) {
  for (;;) {
    const [count] = await sink.count();
    if (count >= total) return;
    await sleep(20);
  }
}

/** Queues `ns` (paced at `rate`/s, or all at once) while the loop runs; answers timings once all arrived. */
async function run(db, tenant, sink, ns, recipients, rate) {
  const [before, sinkCpuBefore] = await sink.count();
  const enqueuedAt = new Map();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const t0 = Date.now();
  for (const [k, n] of ns.entries()) {
    if (rate) {
      const due = t0 + (k * 1000) / rate;
      if (due > Date.now()) await sleep(due - Date.now());
    }
    enqueuedAt.set(n, Date.now());
    await enqueue(db, tenant, n, recipients);
  }
  await waitForArrivals(sink, before + ns.length);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const [, sinkCpuAfter] = await sink.count();
  const arrivals = await sink.arrivals();
  const latencies = ns.map((n) => arrivals[n] - enqueuedAt.get(n)).sort((a, b) => a - b);
  return {
    perSecond: ns.length / seconds,
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    senderCpuMs: (cpu.user + cpu.system) / 1000 / ns.length,
    sinkCpuMs: (sinkCpuAfter - sinkCpuBefore) / ns.length,
    load: load(),
  };
}

async function measure(engine, db, sink, port) {
  // Each recipient gets at most a few messages a day: the daily cap (50) never defers one here.
  const recipients = Math.max(MESSAGES, PACED);
  const tenant = await prepare(db, recipients);
  const email = createEmailChannel(() => ({
    mail: { host: '127.0.0.1', port, secure: false, from: 'Bench Bistro <news@bench.example>', maxConnections: POOL },
    publicUrl: 'https://mb.example',
  }));
  const worker = startMessagingWorker(db, {
    intervalMs: 20,
    batch: 100,
    ...(CONCURRENCY ? { concurrency: CONCURRENCY } : {}),
    adapters: [email],
    triggerIntervalMs: 3_600_000,
    log: silent,
  });
  const range = (from, count) => Array.from({ length: count }, (_, i) => from + i);
  try {
    await run(db, tenant, sink, range(0, 300), recipients); // warm-up: pool connections, JIT, subject keys
    const burst = await run(db, tenant, sink, range(1_000_000, MESSAGES), recipients);
    const paced = await run(db, tenant, sink, range(2_000_000, PACED), recipients, PACED_RATE);
    return [
      { engine, mode: `burst of ${MESSAGES}`, ...burst },
      { engine, mode: `paced ${PACED_RATE}/s × ${PACED}`, ...paced },
    ];
  } finally {
    await worker.stop();
  }
}

const sink = startSink();
const port = await sink.port;
const rows = [];
const dir = mkdtempSync(join(tmpdir(), 'matbakh-e2e-bench-'));
try {
  const sqlite = await openDb(join(dir, 'bench.sqlite'));
  rows.push(...(await measure('SQLite', sqlite, sink, port)));
  await sqlite.close();
  if (findPostgresBin()) {
    const pg = await startPostgres();
    try {
      const db = await openDb(pg.url, { max: 10 });
      rows.push(...(await measure('PostgreSQL', db, sink, port)));
      await db.close();
    } finally {
      pg.stop();
    }
  }
} finally {
  await sink.stop();
  rmSync(dir, { recursive: true, force: true });
}

console.log(
  `\nEnd to end: queue → dispatcher (send-time checks) → e-mail adapter → local SMTP sink (${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores); pool of ${POOL} SMTP connections; target ≥ ${TARGET} sends/s`,
);
console.log(
  '| engine | run | sends/s | enqueue → arrival p50 ms | p95 ms | CPU ms/send: sender + database client | CPU ms/send: sink | ≈ sends/s, a core each for sender and sink | load average 1/5/15 min |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.engine} | ${r.mode} | ${Math.round(r.perSecond)} | ${Math.round(r.p50)} | ${Math.round(r.p95)} | ${r.senderCpuMs.toFixed(2)} | ${r.sinkCpuMs.toFixed(2)} | ${Math.round(1000 / Math.max(r.senderCpuMs, r.sinkCpuMs))} | ${r.load} |`,
  );
}
