// Focused bench of the live event debugger's ingest hook (issue 16): `node --import tsx tests/bench/live-hook.mjs`.
// POST /v1/batch (20 track messages, consent recorded) through the app in-process on a file SQLite database, in three
// modes: the recorder's `note` switched off (as before the hook), on for a tenant nobody watches (the usual case: a
// push and a discard), and on for a tenant with a debugger open (its rows written to live_events). Rounds alternate so
// that the machine's load (2 shared cores) hits each mode alike. Prints batches/s and the median per-batch time of
// each; no thresholds.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../packages/server/src/app.ts';
import { loadConfig } from '../../packages/server/src/config.ts';
import { appendConsent } from '../../packages/server/src/consent.ts';
import { openDb } from '../../packages/server/src/db.ts';
import { liveRecorder, watch } from '../../packages/server/src/live/recorder.ts';
import { createTenant } from '../../packages/server/src/tenants.ts';

process.env.MATBAKH_MASTER_KEY ??= randomBytes(32).toString('base64');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 300);
const VISITORS = 50;

const dir = mkdtempSync(join(tmpdir(), 'live-hook-bench-'));
const db = await openDb(join(dir, 'bench.sqlite'));
const tenant = await createTenant(db, { name: 'Bench', origins: ['https://shop.example'] });
const watched = await createTenant(db, { name: 'Watched', origins: ['https://shop.example'] });
for (const [t, v] of [tenant, watched].flatMap((t) => Array.from({ length: VISITORS }, (_, v) => [t, v]))) {
  await appendConsent(
    db,
    t.id,
    { anonymousId: `v-${v}` },
    {
      consentId: `c-${t.id}-${v}`,
      anonymousId: `v-${v}`,
      policyVersion: 1,
      action: 'accept_all',
      choices: { necessary: true, analytics: true },
      channels: {},
      source: 'api',
      timestamp: new Date().toISOString(),
      userAgentClass: 'desktop',
    },
    Date.now(),
  );
}
const config = { ...loadConfig({ MB_DB_PATH: ':memory:' }), rateLimit: 0 };
const app = createApp({ db, config, routes: [] });
const basic = (t) => `Basic ${Buffer.from(`${t.writeKey}:`).toString('base64')}`;
const recorder = liveRecorder(db);
const note = recorder.note.bind(recorder);

let n = 0;
const batch = () => ({
  batch: Array.from({ length: 20 }, (_, i) => ({
    type: 'track',
    event: 'Product Viewed',
    messageId: `m-${++n}`,
    anonymousId: `v-${(n + i) % VISITORS}`,
    timestamp: new Date().toISOString(),
    properties: { product_id: `dish-${n % 30}`, price: 9.5 },
  })),
});

async function round(mode) {
  recorder.note = mode === 'off' ? () => {} : note;
  if (mode === 'watched') await watch(db, watched.id, Date.now() + 3_600_000);
  const auth = basic(mode === 'watched' ? watched : tenant);
  const times = [];
  const started = performance.now();
  for (let i = 0; i < BATCHES; i++) {
    const t = performance.now();
    const res = await app.request('/v1/batch', {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'text/plain' },
      body: JSON.stringify(batch()),
    });
    if (res.status !== 200) throw new Error(`status ${res.status}`);
    await res.arrayBuffer();
    times.push(performance.now() - t);
  }
  await recorder.flush();
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { perSecond: BATCHES / seconds, median: times[Math.floor(times.length / 2)] };
}

const MODES = ['off', 'idle', 'watched'];
for (const mode of MODES) await round(mode); // warm-up
const results = { off: [], idle: [], watched: [] };
for (let r = 0; r < ROUNDS; r++) {
  for (const mode of r % 2 ? [...MODES].reverse() : MODES) results[mode].push(await round(mode));
}
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ')}; ${ROUNDS} rounds of ${BATCHES} batches of 20`,
);
for (const [name, rows] of Object.entries(results)) {
  console.log(
    `${name.padEnd(7)}: ${median(rows.map((r) => r.perSecond)).toFixed(0)} batches/s, median batch ${median(rows.map((r) => r.median)).toFixed(3)} ms`,
  );
}
const { n: rows } = await db.get('SELECT count(*) AS n FROM live_events');
console.log(`live_events rows kept: ${rows} (bounded per tenant)`);
await db.close();
rmSync(dir, { recursive: true, force: true });
