// `npm run bench`: matbakh (dist/matbakh.js) against @segment/analytics-next, in one headless Chromium run.
//
// Per library configuration, each measurement in a fresh browser context:
//   1. the main-thread cost of track(): 10,000 calls after 1,000 warm-up calls, timed in blocks of 100 with
//      performance.now() inside the page (the page is cross-origin isolated: 5 µs timer resolution). Both
//      phases are time-boxed (BENCH_TIME_BOX_MS, 0 = no box): a library that needs milliseconds per call
//      is measured over fewer calls, and the table says how many;
//   2. bytes on the wire per 100 events (request bodies; request header bytes separately), plus the page's
//      whole main-thread time for them until delivery settled (Chrome's TaskDuration: synchronous work,
//      deferred work in timers and microtasks, storage writes, requests — all of it);
//   3. requests (and CORS preflights) per 1,000 events reaching a local collector, after delivery settles.
// Phases 1 and 2 run one page at a time; phase 3 only counts, so its pages run side by side.
// Everything is served from 127.0.0.1: the pages and bundles from one port, the collector from another
// (so its requests are cross-origin, as on a real site). No thresholds: this reports, it does not judge.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromeLaunchOptions } from '../../scripts/chrome.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const startedAt = performance.now();
const WRITE_KEY = 'pk_bench_write_key';
const EVENT = 'Product Added';
/** Built per call inside the page, as a call site would: `track('Product Added', { product_id: …, … })`. */
const PROPERTIES_SOURCE = `{ product_id: 'sku-1042', name: 'Cardamom coffee, 250 g', price: 8.5, quantity: 2, currency: 'EUR' }`;
const TIMED_CALLS = 10_000;
const WARMUP_CALLS = 1_000;
const BLOCK = 100;
/** Timed calls stop at TIMED_CALLS or after this long, whichever comes first; warm-up gets a quarter of it. */
const TIME_BOX_MS = Number(process.env.BENCH_TIME_BOX_MS ?? 3_000);
const DELIVERY_DEADLINE_MS = 60_000;
/** Delivery counts as settled when every event arrived and nothing more came for this long. */
const QUIET_MS = 400;
const HARD_LIMIT_MS = 180_000;

const watchdog = setTimeout(() => {
  console.error(`✗ benchmark did not finish within ${HARD_LIMIT_MS / 1000} s`);
  process.exit(1);
}, HARD_LIMIT_MS);
watchdog.unref();

const readVersion = async (path) => JSON.parse(await readFile(resolve(ROOT, path), 'utf8')).version;
const segmentVersion = await readVersion('node_modules/@segment/analytics-next/package.json');
const matbakhVersion = await readVersion('sdk/package.json');

const CONFIGS = [
  { id: 'matbakh', lib: 'matbakh', label: `matbakh ${matbakhVersion} (defaults: batches of 20 / 32 KB / 5 s)` },
  { id: 'segment', lib: 'segment', batching: false, label: `analytics-next ${segmentVersion} (defaults)` },
  {
    id: 'segment-batching',
    lib: 'segment',
    batching: true,
    label: `analytics-next ${segmentVersion} (batching 20 / 5 s)`,
  },
];

// ---------------------------------------------------------------------------------------------- bundles

const matbakhBundle = await readFile(resolve(ROOT, 'dist/matbakh.js')).catch(() => {
  throw new Error('dist/matbakh.js is missing: run `npx vite build --mode iife` (or `npm run bench`) first');
});

/**
 * analytics-next as an npm user's bundler would ship it: ESM with code splitting, so the chunks it loads
 * lazily (classic destinations, remote plugins, schema filter, …) are only fetched when a setting needs them.
 */
const tmp = await mkdtemp(join(tmpdir(), 'matbakh-bench-'));
const segmentBuild = await build({
  entryPoints: { segment: resolve(ROOT, 'node_modules/@segment/analytics-next/dist/pkg/index.js') },
  absWorkingDir: ROOT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  outdir: tmp,
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  logLevel: 'silent',
  metafile: true,
});
const segmentFiles = new Map();
for (const file of Object.keys(segmentBuild.metafile.outputs)) {
  const name = basename(file);
  segmentFiles.set(name, await readFile(resolve(ROOT, file)));
}

const sizeOf = (buffers) => ({
  min: buffers.reduce((sum, b) => sum + b.length, 0),
  gzip: buffers.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0),
});

// ---------------------------------------------------------------------------------------------- server

/** runId → { config, served: Map<file, bytes>, collector counters } */
const runs = new Map();
let runCounter = 0;

const newRun = (config, purpose) => {
  const id = `${config.id}-${purpose}-${++runCounter}`;
  const run = {
    id,
    config,
    served: new Map(),
    posts: 0,
    bodyBytes: 0,
    headerBytes: 0,
    preflights: 0,
    preflightBytes: 0,
    messages: 0,
    events: 0,
    lastAt: 0,
    paths: new Map(),
    encodings: new Set(),
  };
  runs.set(id, run);
  return run;
};

const headerBytesOf = (req) => {
  let size = Buffer.byteLength(`${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`) + 2;
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    size += Buffer.byteLength(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`);
  return size;
};

const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  // Cross-origin isolation: performance.now() resolution 5 µs instead of 100 µs.
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

let collectorOrigin = '';

function pageHtml(run) {
  const { config } = run;
  const api = `${collectorOrigin}/${run.id}`;
  const setup =
    config.lib === 'matbakh'
      ? `
  matbakh.init({ writeKey: ${JSON.stringify(WRITE_KEY)}, api: ${JSON.stringify(api)} });
  matbakh.consent.set({ analytics: true });
  const lib = window.matbakh;
  const drain = async () => {
    // Sends what waits now instead of waiting out the 5 s timer; bounded.
    for (let i = 0; i < 400 && lib.client.stats().queued > 0; i++) {
      await lib.client.flush();
      if (lib.client.stats().queued > 0) await new Promise((r) => setTimeout(r, 10));
    }
    return lib.client.stats();
  };`
      : `
  const apiHost = ${JSON.stringify(`${api.replace(/^http:\/\//, '')}/v1`)};
  // What Segment's CDN serves for a plain JavaScript source with no destinations; given inline, nothing is fetched.
  const cdnSettings = {
    integrations: {
      'Segment.io': {
        apiKey: ${JSON.stringify(WRITE_KEY)},
        apiHost,
        unbundledIntegrations: [],
        addBundledMetadata: true,
        maybeBundledConfigIds: {},
        versionSettings: { version: '4.4.7', componentTypes: ['browser'] },
      },
    },
    plan: { track: { __default: { enabled: true, integrations: {} } } },
    edgeFunction: {},
    analyticsNextEnabled: true,
    middlewareSettings: {},
    enabledMiddleware: {},
    metrics: { sampleRate: 0.1 },
    legacyVideoPluginsEnabled: false,
    remotePlugins: [],
  };
  const segmentio = { apiHost, protocol: 'http' };
  ${config.batching ? `segmentio.deliveryStrategy = { strategy: 'batching', config: { size: 20, timeout: 5000 } };` : ''}
  const lib = AnalyticsBrowser.load(
    { writeKey: ${JSON.stringify(WRITE_KEY)}, cdnSettings },
    { integrations: { 'Segment.io': segmentio } },
  );
  await lib; // resolves once loaded and its plugins registered
  const drain = async () => null; // no flush API: the collector tells when delivery settled`;

  const head =
    config.lib === 'matbakh'
      ? `<script src="/r/${run.id}/matbakh.js"></script>`
      : `<script type="module">import { AnalyticsBrowser } from '/r/${run.id}/segment/segment.js'; window.AnalyticsBrowser = AnalyticsBrowser;</script>`;

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bench ${run.id}</title><link rel="icon" href="data:,">
${head}
</head><body><h1>bench ${run.id}</h1>
<script type="module">
let resolveReady, rejectReady;
window.bench = { ready: new Promise((res, rej) => { resolveReady = res; rejectReady = rej; }) };
const tick = () => new Promise((r) => setTimeout(r, 0));
try {
  const { AnalyticsBrowser } = window;
  ${setup}
  const EVENT = ${JSON.stringify(EVENT)};
  Object.assign(window.bench, {
    drain,
    /**
     * track() cost: warm-up, then up to n calls in blocks, each call and each block timed; deferred work
     * runs between blocks, untimed. Both phases stop early when their time box is used up (0: no box).
     */
    async time(n, warm, block, boxMs) {
      const warmUntil = boxMs ? performance.now() + boxMs / 4 : Infinity;
      let warmed = 0;
      while (warmed < warm && performance.now() < warmUntil) {
        for (let i = 0; i < block; i++) lib.track(EVENT, ${PROPERTIES_SOURCE});
        warmed += block;
        await tick();
      }
      const perCall = [];
      const perBlock = [];
      const until = boxMs ? performance.now() + boxMs : Infinity;
      for (let b = 0; b < n / block && performance.now() < until; b++) {
        const start = performance.now();
        let t = start;
        for (let i = b * block; i < (b + 1) * block; i++) {
          lib.track(EVENT, ${PROPERTIES_SOURCE});
          const now = performance.now();
          perCall.push(now - t);
          t = now;
        }
        perBlock.push((t - start) / block);
        await tick();
      }
      return { perCall, perBlock, warmed, isolated: crossOriginIsolated };
    },
    /** n calls in one task, as a burst; returns the synchronous time per call (ms). */
    burst(n) {
      const start = performance.now();
      for (let i = 0; i < n; i++) lib.track(EVENT, ${PROPERTIES_SOURCE});
      return n ? (performance.now() - start) / n : 0;
    },
  });
  resolveReady(true);
} catch (error) {
  rejectReady(String(error?.stack ?? error));
}
</script></body></html>`;
}

function sitePart(req, res) {
  const url = new URL(req.url ?? '/', 'http://x');
  const match = /^\/r\/([^/]+)\/(.+)$/.exec(url.pathname);
  const run = match && runs.get(match[1]);
  if (!run) return void res.writeHead(404).end('not found');
  const file = match[2];
  let body;
  let type = 'text/javascript; charset=utf-8';
  if (file === 'page.html') {
    body = Buffer.from(pageHtml(run));
    type = 'text/html; charset=utf-8';
  } else if (file === 'matbakh.js' && run.config.lib === 'matbakh') body = matbakhBundle;
  else if (file.startsWith('segment/') && run.config.lib === 'segment') body = segmentFiles.get(file.slice(8));
  if (!body) return void res.writeHead(404).end('not found');
  if (file !== 'page.html') run.served.set(file, body);
  res.writeHead(200, { 'Content-Type': type, ...PAGE_HEADERS }).end(body);
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

function collectorPart(req, res) {
  const url = new URL(req.url ?? '/', 'http://x');
  const [, runId, ...rest] = url.pathname.split('/');
  const run = runs.get(runId);
  if (!run) return void res.writeHead(404, CORS).end('{}');
  const path = `/${rest.join('/')}`;
  run.lastAt = performance.now();
  if (req.method === 'OPTIONS') {
    run.preflights++;
    run.preflightBytes += headerBytesOf(req);
    // No Access-Control-Max-Age: Chromium then caches a preflight for 5 s.
    res
      .writeHead(204, {
        ...CORS,
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'content-type',
      })
      .end();
    return;
  }
  // matbakh's privacy layer asks for the tenant's consent config (GET /v1/config): not what this benchmark
  // measures (the page grants consent through the API), so it gets no config, without a console error.
  if (req.method === 'GET') return void res.writeHead(204, CORS).end();
  if (req.method !== 'POST') return void res.writeHead(405, CORS).end('{}');
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    run.posts++;
    run.bodyBytes += body.length;
    run.headerBytes += headerBytesOf(req);
    if (req.headers['content-encoding']) run.encodings.add(req.headers['content-encoding']);
    const perPath = run.paths.get(path) ?? { requests: 0, bytes: 0 };
    perPath.requests++;
    perPath.bytes += body.length;
    run.paths.set(path, perPath);
    try {
      const json = JSON.parse(body.toString('utf8'));
      const messages = Array.isArray(json.batch) ? json.batch : json.type ? [json] : [];
      run.messages += messages.length;
      run.events += messages.filter((m) => m?.event === EVENT).length;
    } catch {
      // not JSON (e.g. compressed): counted in bytes, not in events
    }
    run.lastAt = performance.now();
    res.writeHead(200, { ...CORS, 'Content-Type': 'application/json' }).end('{}');
  });
}

const guarded = (part) => (req, res) => {
  try {
    part(req, res);
  } catch (error) {
    console.error('server error', error);
    if (!res.headersSent) res.writeHead(500).end();
  }
};
const listen = (server) =>
  new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveListen(server.address().port));
  });
const site = createServer(guarded(sitePart));
const collector = createServer(guarded(collectorPart));
const siteOrigin = `http://127.0.0.1:${await listen(site)}`;
collectorOrigin = `http://127.0.0.1:${await listen(collector)}`;

// ---------------------------------------------------------------------------------------------- browser

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
};
const progress = (what) =>
  process.stderr.write(`  [${((performance.now() - startedAt) / 1000).toFixed(1)} s] ${what}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const browser = await chromium.launch(chromeLaunchOptions());
const problems = [];
const warnings = [];

/** A fresh context and page for one run, loaded and initialised. */
async function openRun(config, purpose) {
  const run = newRun(config, purpose);
  progress(run.id);
  const context = await browser.newContext();
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(`${siteOrigin}/r/${run.id}/page.html`);
  await page.waitForFunction(() => !!window.bench, null, { timeout: 10_000 });
  await page.evaluate(() => window.bench.ready);
  return { run, context, page, pageErrors };
}

async function closeRun({ context, pageErrors, run }) {
  await context.close();
  if (pageErrors.length) warnings.push(`${run.id}: page reported ${pageErrors.slice(0, 3).join(' | ')}`);
}

/** Waits until every tracked event reached the collector and the traffic went quiet, or the deadline. */
async function settle(run, expected) {
  const start = performance.now();
  while (performance.now() - start < DELIVERY_DEADLINE_MS) {
    if (run.events >= expected && performance.now() - run.lastAt >= QUIET_MS) break;
    await sleep(50);
  }
  if (run.events < expected)
    warnings.push(`${run.id}: only ${run.events}/${expected} events arrived within ${DELIVERY_DEADLINE_MS / 1000} s`);
  return performance.now() - start;
}

const taskSeconds = async (cdp) => {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name) => metrics.find((m) => m.name === name)?.value ?? 0;
  return { task: get('TaskDuration'), script: get('ScriptDuration') };
};

async function timingRun(config) {
  const handle = await openRun(config, 'timing');
  try {
    const result = await handle.page.evaluate(
      ([n, warm, block, box]) => window.bench.time(n, warm, block, box),
      [TIMED_CALLS, WARMUP_CALLS, BLOCK, TIME_BOX_MS],
    );
    const size = sizeOf([...handle.run.served.values()]);
    return {
      median: quantile(result.perBlock, 0.5) * 1000,
      p95: quantile(result.perBlock, 0.95) * 1000,
      callP95: quantile(result.perCall, 0.95) * 1000,
      callP99: quantile(result.perCall, 0.99) * 1000,
      calls: result.perCall.length,
      warmed: result.warmed,
      isolated: result.isolated,
      size,
      files: [...handle.run.served.keys()],
    };
  } finally {
    await closeRun(handle);
  }
}

async function deliveryRun(config, events, { measureMainThread }) {
  const handle = await openRun(config, `delivery${events}`);
  const { page, run } = handle;
  try {
    const cdp = measureMainThread ? await handle.context.newCDPSession(page) : undefined;
    if (cdp) await cdp.send('Performance.enable');
    await sleep(200); // let start-up work finish before the counters start
    let baseline = 0;
    if (cdp) {
      // The harness's own share (its evaluate calls, the quiet wait): the same steps with no event.
      const start = await taskSeconds(cdp);
      await page.evaluate(() => window.bench.burst(0));
      await page.evaluate(() => window.bench.drain());
      await sleep(QUIET_MS);
      baseline = (await taskSeconds(cdp)).task - start.task;
    }
    const before = cdp && (await taskSeconds(cdp));
    const startedDelivery = performance.now();
    const burstMs = await page.evaluate((n) => window.bench.burst(n), events);
    const drained = await page.evaluate(() => window.bench.drain());
    await settle(run, events);
    const after = cdp && (await taskSeconds(cdp));
    return {
      run: { ...run, paths: new Map(run.paths) },
      seconds: (performance.now() - startedDelivery) / 1000,
      burstUs: burstMs * 1000,
      mainThreadMs: cdp ? (after.task - before.task - baseline) * 1000 : undefined,
      scriptMs: cdp ? (after.script - before.script) * 1000 : undefined,
      drained,
    };
  } finally {
    await closeRun(handle);
  }
}

const results = new Map(CONFIGS.map((c) => [c.id, { config: c }]));
let chromiumVersion = '';
try {
  chromiumVersion = browser.version();
  // 1. track() cost, one configuration at a time (nothing else running).
  for (const config of CONFIGS) results.get(config.id).timing = await timingRun(config);
  // 2. bytes per 100 events and the main-thread time they cost, one at a time.
  for (const config of CONFIGS)
    results.get(config.id).hundred = await deliveryRun(config, 100, { measureMainThread: true });
  // 3. requests per 1,000 events: only counted, so the three run side by side.
  const thousands = await Promise.all(CONFIGS.map((c) => deliveryRun(c, 1000, { measureMainThread: false })));
  CONFIGS.forEach((c, i) => {
    results.get(c.id).thousand = thousands[i];
  });
} catch (error) {
  problems.push(String(error?.stack ?? error));
} finally {
  await browser.close().catch(() => {});
  site.close();
  collector.close();
  site.closeAllConnections?.();
  collector.closeAllConnections?.();
  await rm(tmp, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------- report

const KB = 1024;
const fmt = (value, digits = 1) => (value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits));
const int = (value) => (value === undefined ? '—' : Math.round(value).toLocaleString('en-US'));

console.log(`\nmatbakh SDK benchmark — Chromium ${chromiumVersion || '?'} (headless), ${new Date().toISOString()}`);
console.log(
  `Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} cores, load average at the end ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (other work on the machine inflates the times)`,
);
console.log(`event "${EVENT}" with ${PROPERTIES_SOURCE}\n`);

const rows = {};
for (const { config, timing, thousand, hundred } of results.values()) {
  if (!timing && !thousand && !hundred) continue;
  rows[config.label] = {
    'track() median µs': fmt(timing?.median, 2),
    'track() p95 µs': fmt(timing?.p95, 2),
    'timed calls': int(timing?.calls),
    'main thread µs/event': fmt(hundred?.mainThreadMs && hundred.mainThreadMs * 10, 0), // ms / 100 ev → µs / ev
    'requests / 1,000 ev': int(thousand?.run.posts),
    'preflights / 1,000 ev': int(thousand?.run.preflights),
    'body bytes / 100 ev': int(hundred?.run.bodyBytes),
    'header bytes / 100 ev': int(hundred && hundred.run.headerBytes + hundred.run.preflightBytes),
    'bundle min+gzip KB': fmt(timing && timing.size.gzip / KB, 2),
  };
}
console.table(rows);

console.log(`
  track() median / p95: per call, over blocks of ${BLOCK} calls (block time / ${BLOCK}): up to ${TIMED_CALLS.toLocaleString('en-US')} calls after up to ${WARMUP_CALLS.toLocaleString('en-US')} warm-up
    calls, each phase time-boxed (${TIME_BOX_MS ? `${TIME_BOX_MS / 1000} s timed, ${TIME_BOX_MS / 4000} s warm-up; BENCH_TIME_BOX_MS=0 removes the box` : 'no box'}).
    The synchronous part of track() only: deferred work runs between blocks, untimed.
  main thread µs/event: Chrome's TaskDuration from a burst of 100 track() calls on a fresh page until delivery
    settled, / 100 — everything the page's main thread did: calls, deferred pipeline, storage writes, fetches.
  requests: POSTs that reached the collector; preflights: CORS OPTIONS requests on top of them.
  bytes: request bodies as received (no compression); header bytes: request line + headers of the POSTs and preflights.
  bundle: min+gzip (level 9) of the script files the page loaded.
`);

const paths = (delivery) =>
  delivery ? [...delivery.run.paths].map(([path, v]) => `${path} ×${v.requests}`).join(', ') : '—';
const detail = {};
for (const { config, timing, thousand, hundred } of results.values()) {
  if (!timing) continue;
  detail[config.label] = {
    'per-call p95 / p99 µs': `${fmt(timing.callP95, 1)} / ${fmt(timing.callP99, 1)}`,
    'warm-up calls': int(timing.warmed),
    'burst of 100 µs/call': fmt(hundred?.burstUs, 1),
    'script ms / 100 ev': fmt(hundred?.scriptMs, 0),
    'messages / 1,000 ev': int(thousand?.run.messages),
    '1,000 ev settled in s': fmt(thousand?.seconds, 1),
    'bundle min KB': fmt(timing.size.min / KB, 1),
    'files loaded': timing.files.length,
  };
}
console.table(detail);
console.log('  requests by path:');
for (const { config, thousand, hundred } of results.values()) {
  const stats = thousand?.drained;
  const own = stats
    ? `; its stats() after 1,000: sent ${stats.sent}, retried ${stats.retried}, dropped ${stats.dropped}`
    : '';
  console.log(`    ${config.label}: 1,000 ev → ${paths(thousand)}; 100 ev → ${paths(hundred)}${own}`);
}

const allSegment = sizeOf([...segmentFiles.values()]);
const isolated = [...results.values()].every((r) => r.timing?.isolated);
console.log(
  [
    `  per-call p95/p99: each call timed alone (${isolated ? 'cross-origin isolated pages: 5 µs timer resolution' : 'NOT cross-origin isolated: 100 µs timer resolution'}).`,
    '  burst of 100: the synchronous time of 100 track() calls in one task on a fresh page (cold, queue empty).',
    `  analytics-next: bundled by esbuild (ESM, code splitting, minified) from node_modules; all ${segmentFiles.size} chunks together ${fmt(allSegment.gzip / KB, 2)} KB min+gzip, the page loads the "files loaded".`,
    `  analytics-next: AnalyticsBrowser.load({ writeKey, cdnSettings }) with inline CDN settings (no CDN request, no remote plugins, no destinations), apiHost on the local collector.`,
    '  matbakh: 1,000 track() calls make 1,001 messages (its automatic "Session Started" first); the queue keeps 1,000, so a burst of',
    '    1,000 drops that oldest one, and the timing run works on a full queue (every call drops the oldest message).',
    '  the 1,000-event pages run side by side (only counted); a burst of 1,000 in one task is the worst case for a pipeline.',
  ].join('\n'),
);

for (const { config, thousand, hundred } of results.values()) {
  const encodings = new Set([...(thousand?.run.encodings ?? []), ...(hundred?.run.encodings ?? [])]);
  if (encodings.size) console.log(`  ${config.label}: request bodies sent with Content-Encoding ${[...encodings]}`);
}
for (const warning of warnings) console.warn(`! ${warning}`);
console.log(`\nruntime ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);

if (problems.length) {
  for (const problem of problems) console.error(`✗ ${problem}`);
  process.exit(1);
}
process.exit(0);
