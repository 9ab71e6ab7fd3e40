// SMTP throughput of the e-mail channel (issue 19): `node --import tsx tests/bench/smtp.mjs`, part of `npm run bench`.
//
// The real adapter (packages/server/src/messaging/channels/email.ts) sends BENCH_SMTP_MESSAGES messages, BENCH_SMTP_
// CONCURRENCY in flight, through its pooled nodemailer transport (BENCH_SMTP_POOL connections) to a local SMTP sink
// (smtp-server) running in a process of its own. Every send does what a real one does: open the recipient's sealed
// address from message_contacts, seal an unsubscribe token, render the locale's text + HTML, compose the MIME message
// and hand it over SMTP. Per engine: SQLite (a file) and PostgreSQL (a throw-away server; skipped without one).
// The sink and the database share the 2 cores with the sender: the numbers are for this machine as a whole.
// Target (issue 19): ≥ 500 sends/s. It prints; the README quotes it.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { openDb } from '../../packages/server/src/db.ts';
import { createEmailChannel } from '../../packages/server/src/messaging/channels/email.ts';
import { recordContact } from '../../packages/server/src/messaging/contacts.ts';
import { createTenant } from '../../packages/server/src/tenants.ts';
import { findPostgresBin, startPostgres } from '../../scripts/postgres.mjs';

process.env.MATBAKH_MASTER_KEY ??= randomBytes(32).toString('base64');

const ROOT = resolve(import.meta.dirname, '../..');
const MESSAGES = Number(process.env.BENCH_SMTP_MESSAGES ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_SMTP_CONCURRENCY ?? 50);
const POOL = Number(process.env.BENCH_SMTP_POOL ?? 5);
const RECIPIENTS = 500;
const LOCALES = ['de', 'en', 'ar'];
const TARGET = 500;

const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ');
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

function startSink() {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/bench/smtp-sink-process.mjs')], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const next = (prefix) =>
    new Promise((resolveLine) => {
      const onLine = (line) => {
        if (!line.startsWith(prefix)) return;
        lines.off('line', onLine);
        resolveLine(Number(line.slice(prefix.length)));
      };
      lines.on('line', onLine);
    });
  return {
    port: next('port '),
    count: () => {
      const answer = next('count ');
      child.stdin.write('count\n');
      return answer;
    },
    stop: () => new Promise((done) => child.once('exit', done).stdin.end()),
  };
}

async function prepare(db) {
  const tenant = await createTenant(db, { name: 'Bench Bistro', origins: ['https://bench.example'] });
  for (let i = 0; i < RECIPIENTS; i++) {
    const recipient = `u:guest-${i}`;
    await recordContact(db, tenant.id, recipient, { email: `guest-${i}@bench.example` }, Date.now());
  }
  return tenant;
}

const message = (tenant, i) => ({
  tenant,
  recipient: `u:guest-${i % RECIPIENTS}`,
  deliveryId: i + 1,
  campaignId: 'bench',
  topic: 'recommendations',
  locale: LOCALES[i % LOCALES.length],
  title: `Neu für Sie: Falafel-Teller #${i}`,
  body: `Hallo Gast ${i},\n\nunser Falafel-Teller ist zurück – heute mit 10 % Rabatt.\n\nGuten Appetit!`,
  url: `https://bench.example/r/${i}`,
});

/** Sends `count` messages with `CONCURRENCY` in flight; returns each send's latency (ms). */
async function run(channel, db, tenant, from, count) {
  const latencies = [];
  let next = from;
  let failed;
  const worker = async () => {
    while (next < from + count && !failed) {
      const i = next++;
      const started = performance.now();
      const outcome = await channel.send(db, message(tenant, i));
      if (!outcome.ok) failed = outcome;
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (failed) throw new Error(`a send failed: ${JSON.stringify(failed)}`);
  return latencies;
}

async function measure(engine, db, sink, port) {
  const tenant = await prepare(db);
  const channel = createEmailChannel(() => ({
    mail: { host: '127.0.0.1', port, secure: false, from: 'Bench Bistro <news@bench.example>', maxConnections: POOL },
    publicUrl: 'https://mb.example',
  }));
  try {
    const before = await sink.count();
    await run(channel, db, tenant, 0, Math.min(500, MESSAGES)); // warm-up: pool connections, JIT, subject keys
    const started = performance.now();
    const latencies = (await run(channel, db, tenant, 1_000_000, MESSAGES)).sort((a, b) => a - b);
    const seconds = (performance.now() - started) / 1000;
    const arrived = (await sink.count()) - before;
    return {
      engine,
      perSecond: MESSAGES / seconds,
      p50: pct(latencies, 50),
      p95: pct(latencies, 95),
      arrived,
      load: load(),
    };
  } finally {
    channel.close();
  }
}

const sink = startSink();
const port = await sink.port;
const rows = [];
const dir = mkdtempSync(join(tmpdir(), 'matbakh-smtp-bench-'));
try {
  const sqlite = await openDb(join(dir, 'bench.sqlite'));
  rows.push(await measure('SQLite', sqlite, sink, port));
  await sqlite.close();
  if (findPostgresBin()) {
    const pg = await startPostgres();
    try {
      const db = await openDb(pg.url, { max: 10 });
      rows.push(await measure('PostgreSQL', db, sink, port));
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
  `\nE-mail channel → local SMTP sink (${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores): ${MESSAGES} sends, ${CONCURRENCY} in flight, pool of ${POOL} SMTP connections; target ≥ ${TARGET} sends/s`,
);
console.log('| engine | sends/s | p50 ms | p95 ms | arrived at the sink | load average 1/5/15 min |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.engine} | ${Math.round(r.perSecond)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.arrived} (incl. warm-up) | ${r.load} |`,
  );
}
