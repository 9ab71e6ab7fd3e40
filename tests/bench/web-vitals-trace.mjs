// `node --import tsx tests/bench/web-vitals-trace.mjs [with|without]` (after the build): the partner page with the
// web-vitals bench's throttling (390 px, 4× CPU, slow 4G), a Chromium performance trace of a first visit and the
// Accept click, and every main-thread task over 50 ms with what ran in it (script evaluation per file, function
// calls per file, style, layout, parsing, GC), by CPU time (thread time), which a busy shared machine disturbs less.
// The trace (open it in DevTools' Performance panel) and a CPU profile go to the temp folder.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { loadConfig, startServer } from '../../packages/server/src/index.ts';
import { chromeLaunchOptions } from '../../scripts/chrome.mjs';
import { freePort } from '../../scripts/free-port.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';

const variant = process.argv[2] ?? 'with';
/** As web-vitals.mjs does (importing it would run that bench). */
const withoutMatbakh = (html) => html.replace(/<script[^>]*src="[^"]*\/matbakh\.js"[^>]*><\/script>/, '');
const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
  'loading',
  'toplevel',
];

const api = await startServer(
  { ...loadConfig({}), port: await freePort(), dbPath: ':memory:', log: 'off', demo: true, rateLimit: 10_000 },
  { handleSignals: false },
);
const site = await startStaticServer({
  port: await freePort(),
  api: api.url,
  rewriteHtml: (html, url) => (url.searchParams.get('without') === 'matbakh' ? withoutMatbakh(html) : html),
});
const browser = await chromium.launch(chromeLaunchOptions());
const context = await browser.newContext({
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  locale: 'de-DE',
});
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
const events = [];
cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
await page.goto(`${site.url}/${variant === 'without' ? '?without=matbakh' : ''}`, { waitUntil: 'load' });
await page.waitForLoadState('networkidle');
await page.waitForTimeout(4000);
if (variant === 'with') {
  await page.getByRole('button', { name: 'Alle akzeptieren' }).click({ timeout: 20_000 });
  await page.waitForTimeout(2000);
}
const { profile } = await cdp.send('Profiler.stop');
writeFileSync(join(tmpdir(), `matbakh-vitals-${variant}.cpuprofile`), JSON.stringify(profile));
await cdp.send('Tracing.end');
await done;
await browser.close();
await site.close();
await api.close();
writeFileSync(join(tmpdir(), `matbakh-vitals-${variant}.trace.json`), JSON.stringify({ traceEvents: events }));

// The renderer's main thread: the one with the navigation's ParseHTML.
const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url?.startsWith(site.url));
const main = events.filter((e) => e.pid === parse.pid && e.tid === parse.tid);
const origin = events.find((e) => e.name === 'navigationStart' && e.pid === parse.pid)?.ts ?? parse.ts;
// A task is a top-level RunTask: most come wrapped by the scheduler (ThreadControllerImpl::RunTask), but some run
// bare (a microtask checkpoint of its own, e.g. where a `scheduler.yield()` continues), and those count too.
const runs = main
  .filter((e) => e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask'))
  .sort((a, b) => a.ts - b.ts || b.dur - a.dur || (a.name === 'RunTask' ? 1 : -1));
const tasks = [];
let end = 0;
for (const run of runs) {
  if (run.ts + run.dur <= end) continue; // inside the task before it
  end = run.ts + run.dur;
  if (run.dur > 50_000) tasks.push(run);
}
const short = (url) => (url ?? '').replace(site.url, '').replace(api.url, 'api:').slice(0, 60) || '?';
function label(e) {
  const d = e.args?.data ?? {};
  switch (e.name) {
    case 'EvaluateScript':
      return `eval ${short(d.url)}`;
    case 'v8.compileModule':
    case 'v8.evaluateModule':
      return `${e.name} ${short(e.args?.fileName ?? d.url ?? JSON.stringify(e.args).slice(0, 80))}`;
    case 'FunctionCall':
      return `call ${short(d.url)}:${d.functionName || ''}`;
    case 'TimerFire':
    case 'FireAnimationFrame':
    case 'EventDispatch':
    case 'XHRLoad':
      return `${e.name} ${d.type ?? ''}`;
    case 'UpdateLayoutTree':
    case 'Layout':
    case 'ParseHTML':
    case 'ParseAuthorStyleSheet':
    case 'Paint':
    case 'MinorGC':
    case 'MajorGC':
    case 'V8.GC_SCAVENGER':
    case 'RunMicrotasks':
    case 'v8.compile':
    case 'V8.CompileCode':
    case 'CommitLoad':
    case 'ResourceReceivedData':
    case 'PrePaint':
    case 'Layerize':
      return e.name;
    default:
      return null;
  }
}
const report = [];
for (const task of tasks) {
  const inside = main.filter(
    (e) => e.ph === 'X' && e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur,
  );
  // Self time per label: an event's duration less its labelled children's.
  const labelled = inside.filter((e) => label(e));
  const self = new Map();
  for (const e of labelled) {
    const children = labelled.filter((c) => c !== e && c.ts >= e.ts && c.ts + c.dur <= e.ts + e.dur);
    const direct = children.filter(
      (c) => !children.some((p) => p !== c && c.ts >= p.ts && c.ts + c.dur <= p.ts + p.dur),
    );
    const own = e.dur - direct.reduce((s, c) => s + c.dur, 0);
    self.set(label(e), (self.get(label(e)) ?? 0) + own);
  }
  const parts = [...self]
    .filter(([, t]) => t > 3000)
    .sort((a, b) => b[1] - a[1])
    .map(([l, t]) => `${l} ${(t / 1000).toFixed(0)}`);
  report.push({
    at: ((task.ts - origin) / 1000).toFixed(0),
    wall: (task.dur / 1000).toFixed(0),
    cpu: ((task.tdur ?? task.dur) / 1000).toFixed(0),
    what: parts.join(' | '),
  });
}
console.log(`${variant}: ${tasks.length} tasks > 50 ms`);
for (const r of report) console.log(`@${r.at} ms wall ${r.wall} cpu ${r.cpu}: ${r.what}`);
for (const name of ['firstContentfulPaint', 'largestContentfulPaint::Candidate']) {
  const e = events
    .filter((x) => x.name === name && x.pid === parse.pid)
    .map((x) => ((x.ts - origin) / 1000).toFixed(0));
  console.log(name, e.join(', '));
}
