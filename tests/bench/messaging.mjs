// Messaging queue bench (issue 19): `node --import tsx tests/bench/messaging.mjs`, part of `npm run bench`.
//
// Per engine (an SQLite file; PostgreSQL): BENCH_MESSAGING_JOBS order-status messages to as many recipients (each
// with its in-app consent in the ledger) are queued with `sendAutomation` (jobs/s), then drained by the dispatcher
// the messaging loop runs (claims of 100, 8 sends side by side): every job goes through the send-time checks
// (ledger, preferences, time zone, caps), gets its delivery row and is delivered — to the real in-app channel
// (an inbox row) and, in a second run, to a channel that only counts (the queue's own cost). Sends/s per setup.
// The machine's 2 cores are shared: the load average is printed with the numbers. No thresholds: it prints.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../packages/server/src/db.ts';
import { sendAutomation } from '../../packages/server/src/messaging/campaigns-run.ts';
import { inAppChannel } from '../../packages/server/src/messaging/channels/in-app.ts';
import { dispatchDue } from '../../packages/server/src/messaging/dispatcher.ts';
import { createTenant } from '../../packages/server/src/tenants.ts';
import { startPostgres } from '../../scripts/postgres.mjs';

process.env.MATBAKH_MASTER_KEY ??= randomBytes(32).toString('base64');

const JOBS = Number(process.env.BENCH_MESSAGING_JOBS ?? 3000);
const ENGINES = (process.env.BENCH_MESSAGING_ENGINES ?? 'sqlite,postgres').split(',');
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ');

const sink = { id: 'in_app', reachable: async () => true, send: async () => ({ ok: true }) };

async function prepare(db, label) {
  const tenant = await createTenant(db, { name: `Bench ${label}`, origins: ['https://shop.example'] });
  const at = new Date().toISOString();
  await db.transaction(async (tx) => {
    for (let i = 0; i < JOBS; i++) {
      await tx.run(
        `INSERT INTO consent_ledger (tenant_id, consent_id, anonymous_id, user_id, policy_version, action, choices,
           channels, source, timestamp, received_at, user_agent_class)
         VALUES (?, ?, ?, NULL, 1, 'custom', '{}', '{"in_app":true}', 'api', ?, ?, 'desktop')`,
        [tenant.id, `c-${label}-${i}`, `r${i}`, at, at],
      );
    }
  });
  return tenant.id;
}

async function enqueueAll(db, tenantId, tag) {
  const started = performance.now();
  for (let i = 0; i < JOBS; i++) {
    await sendAutomation(db, {
      tenantId,
      recipient: `a:r${i}`,
      topic: 'order_status',
      content: { de: { title: 'Bestellung {n}', body: 'Unterwegs' } },
      fields: { n: String(i) },
      idempotencyKey: `${tag}:${i}`,
      runAt: Date.now() - 1000,
    });
  }
  return JOBS / ((performance.now() - started) / 1000);
}

async function drain(db, adapters) {
  const started = performance.now();
  let sent = 0;
  for (;;) {
    const counts = await dispatchDue(db, { workerId: 'bench', batch: 100, concurrency: 8, adapters });
    sent += counts.sent;
    if (counts.claimed === 0) break;
  }
  if (sent !== JOBS) throw new Error(`sent ${sent} of ${JOBS}`);
  return sent / ((performance.now() - started) / 1000);
}

async function run(label, db) {
  const tenantId = await prepare(db, label);
  const rows = [];
  for (const [channel, adapters] of [
    ['in-app (inbox row)', [inAppChannel]],
    ['counting sink', [sink]],
  ]) {
    const enqueue = await enqueueAll(db, tenantId, channel);
    const send = await drain(db, adapters);
    rows.push([label, channel, Math.round(enqueue), Math.round(send), load()]);
  }
  return rows;
}

const rows = [];
const dir = mkdtempSync(join(tmpdir(), 'mb-bench-messaging-'));
try {
  if (ENGINES.includes('sqlite')) {
    const db = await openDb(join(dir, 'bench.sqlite'));
    rows.push(...(await run('SQLite (file)', db)));
    await db.close();
  }
  if (ENGINES.includes('postgres')) {
    const pg = await startPostgres();
    try {
      const db = await openDb(pg.url, { max: 10 });
      rows.push(...(await run('PostgreSQL', db)));
      await db.close();
    } finally {
      pg.stop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const header = ['engine', 'channel', 'enqueue jobs/s', 'send jobs/s', 'load avg 1/5/15'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
console.log(`\nMessaging queue: ${JOBS} jobs per run, one dispatcher (claims of 100, 8 in flight)`);
console.log(`${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
