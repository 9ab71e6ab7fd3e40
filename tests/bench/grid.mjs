// <mb-widget-grid> against gridstack and SortableJS, in one Chromium run: initial render of 50 widgets, a
// keyboard reorder (ours only: the peers have none) and a pointer drag of the first widget to position 26,
// with frame timing (rAF deltas, Long Animation Frames, input events slower than 16 ms). Then bundle sizes.
//   node tests/bench/grid.mjs
//   GRID_BASELINE=/path/to/old/widget-grid node tests/bench/grid.mjs   adds a row for another copy of the grid's folder
//   (e.g. before a change), built against this checkout's shared code, to compare both in the same run.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromeLaunchOptions } from '../../scripts/chrome.mjs';
import { esbuildMinifyLiterals } from '../../scripts/minify-literals.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const SITE = 'http://bench.localhost/';
const RENDER_RUNS = 7;
const KB = 1024;
const LIT = ['lit', 'lit/*', '@lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*'];
// A used binding: widgets/package.json's `sideEffects` does not list the registration file.
const GRID_ENTRY = "export { WIDGET_GRID_TAG } from '@matbakh/widgets/widget-grid/widget-grid.ts';";

const BASELINE = process.env.GRID_BASELINE && resolve(process.env.GRID_BASELINE);
const baselineEntry =
  BASELINE && `export { WIDGET_GRID_TAG } from ${JSON.stringify(resolve(BASELINE, 'widget-grid.ts'))};`;
/** Builds a copy of the grid's folder that lives elsewhere: its `../shared/` imports resolve to this checkout's. */
const baselinePlugin = {
  name: 'baseline-shared',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/shared\// }, (args) =>
      args.resolveDir === BASELINE ? { path: resolve(ROOT, 'widgets/src', args.path.slice(3)) } : undefined,
    );
  },
};

async function bundle({ external = [], plugins = [], format = 'iife', entry = GRID_ENTRY } = {}) {
  const result = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
    nodePaths: [resolve(ROOT, 'node_modules')],
    conditions: ['production'],
    bundle: true,
    minify: true,
    format,
    target: 'es2020',
    // As scripts/size.mjs and the vite builds: UTF-8 (not \u escapes), Lit's template text minified.
    charset: 'utf8',
    write: false,
    external,
    plugins: [...plugins, esbuildMinifyLiterals],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0].contents;
}

const file = (path) => readFileSync(resolve(ROOT, path));
const assets = {
  'harness.js': file('tests/bench/grid/harness.js'),
  'mb-widget-grid.js': await bundle(),
  'gridstack-all.js': file('node_modules/gridstack/dist/gridstack-all.js'),
  'gridstack.min.css': file('node_modules/gridstack/dist/gridstack.min.css'),
  'Sortable.min.js': file('node_modules/sortablejs/Sortable.min.js'),
  'grid.html': file('tests/bench/grid/grid.html'),
  ...(BASELINE && {
    'baseline.js': await bundle({
      entry: baselineEntry,
      plugins: [baselinePlugin],
    }),
    'baseline.html': Buffer.from(
      String(file('tests/bench/grid/grid.html')).replace('/mb-widget-grid.js', '/baseline.js'),
    ),
  }),
  'gridstack.html': file('tests/bench/grid/gridstack.html'),
  'sortable.html': file('tests/bench/grid/sortable.html'),
  'plain.html': file('tests/bench/grid/plain.html'),
};
const TYPES = { js: 'text/javascript', css: 'text/css', html: 'text/html' };

const LIBRARIES = [
  // The floor: the same 50 widgets in a plain CSS grid, no library, no reorder.
  { name: 'plain DOM (no library)', page: 'plain.html', renderOnly: true },
  // The floor for the grid's DOM: each widget in a cell with a handle and a menu button, no library, no shadow root.
  { name: 'plain DOM, grid cells (no library)', page: 'plain.html?cells', renderOnly: true },
  ...(BASELINE
    ? [
        {
          name: 'mb-widget-grid (baseline)',
          page: 'baseline.html',
          source: '.cell[data-id="w0"] .handle',
          target: '.cell[data-id="w25"]',
          keyboard: true,
        },
      ]
    : []),
  // Without what a page pays once for its first matbakh widget (grid.html explains `?second`): for reading only.
  { name: 'mb-widget-grid, second widget on the page', page: 'grid.html?second', renderOnly: true },
  {
    name: 'mb-widget-grid',
    page: 'grid.html',
    source: '.cell[data-id="w0"] .handle',
    target: '.cell[data-id="w25"]',
    keyboard: true,
  },
  {
    name: `gridstack ${JSON.parse(file('node_modules/gridstack/package.json')).version}`,
    page: 'gridstack.html',
    source: '.grid-stack-item[gs-id="w0"] .grid-stack-item-content',
    target: '.grid-stack-item[gs-id="w25"]',
  },
  {
    name: `SortableJS ${JSON.parse(file('node_modules/sortablejs/package.json')).version} (forceFallback)`,
    page: 'sortable.html',
    source: '.item[data-id="w0"]',
    target: '.item[data-id="w25"]',
  },
];

const browser = await chromium.launch(chromeLaunchOptions());
const context = await browser.newContext({ viewport: { width: 1280, height: 1100 } });
await context.route(`${SITE}**`, (route) => {
  const name = new URL(route.request().url()).pathname.slice(1);
  const body = assets[name];
  if (!body) return route.fulfill({ status: 404, body: '' });
  return route.fulfill({ contentType: TYPES[name.split('.').pop()], body: Buffer.from(body) });
});

/** Chromium's own accounting (Performance domain): where the time went, in ms. */
const METRICS = { ScriptDuration: 'script', RecalcStyleDuration: 'style', LayoutDuration: 'layout' };
async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.filter((m) => m.name in METRICS).map((m) => [METRICS[m.name], m.value * 1000]));
}

async function open(page) {
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Performance.enable');
  await tab.goto(SITE + page);
  await tab.evaluate(() => window.warmUp());
  const before = await metrics(cdp);
  const renderMs = await tab.evaluate(() => window.bench.render());
  const after = await metrics(cdp);
  const split = Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]));
  // Two frames, then an idle moment: a visitor does not pick up a widget within a frame of its first paint,
  // and work a library defers to idle time (ours: the page's first Intl formatter) belongs to no action.
  await tab.evaluate(
    () =>
      new Promise((done) =>
        requestAnimationFrame(() => requestAnimationFrame(() => requestIdleCallback(done, { timeout: 1000 }))),
      ),
  );
  return { tab, cdp, renderMs, split };
}

const center = async (tab, selector) => {
  const box = await tab.locator(selector).first().boundingBox();
  return [box.x + box.width / 2, box.y + box.height / 2];
};
const settle = (tab) => tab.waitForTimeout(400);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (split) =>
  split ? `${split.script.toFixed(1)} / ${split.style.toFixed(1)} / ${split.layout.toFixed(1)}` : '';
const during = async (cdp, action) => {
  const before = await metrics(cdp);
  await action();
  const after = await metrics(cdp);
  return Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]));
};
const rowOf = (name, action, renderMs, frames, position, split, actionSplit, fastest) => ({
  library: name,
  action,
  'render ms (median)': renderMs === undefined ? '' : renderMs.toFixed(1),
  'render ms (fastest)': renderMs === undefined ? '' : fastest.toFixed(1),
  'render script / style / layout ms': fmt(split),
  frames: frames?.frames ?? '—',
  'max frame ms': frames ? frames.maxFrame.toFixed(1) : '—',
  'frames > 16.7 ms': frames?.slowFrames ?? '—',
  'long animation frames': frames
    ? `${frames.loafs}${frames.loafs ? ` (max ${frames.maxLoaf.toFixed(0)} ms)` : ''}`
    : '—',
  'input events ≥ 16 ms': frames?.slowEvents ?? '—',
  'w0 ends at': position === undefined ? '—' : position + 1,
  'action script / style / layout ms': fmt(actionSplit),
});

const rows = [];
// Render runs interleaved (run 1 of every library, then run 2, …): on a shared machine the load changes by
// the second, and back-to-back runs of one library would hand it a quiet or a busy minute of its own.
const renders = new Map(LIBRARIES.map((library) => [library, []]));
const splits = new Map(LIBRARIES.map((library) => [library, []]));
for (let run = 0; run < RENDER_RUNS; run++) {
  for (const library of LIBRARIES) {
    const { tab, renderMs, split } = await open(library.page);
    renders.get(library).push(renderMs);
    splits.get(library).push(split);
    await tab.close();
  }
}
for (const library of LIBRARIES) {
  const renderMs = median(renders.get(library));
  const fastest = Math.min(...renders.get(library));
  const split = Object.fromEntries(
    ['script', 'style', 'layout'].map((k) => [k, median(splits.get(library).map((s) => s[k]))]),
  );
  const row = (name, action, ms, frames, position, split, actionSplit) =>
    rowOf(name, action, ms, frames, position, split, actionSplit, fastest);
  if (library.renderOnly) {
    rows.push(row(library.name, 'render only', renderMs, undefined, undefined, split));
    continue;
  }
  Object.assign(library, await open(library.page));
  const tab = library.tab;

  if (library.keyboard) {
    await tab.locator(library.source).focus();
    let frames;
    const actionSplit = await during(library.cdp, async () => {
      await tab.evaluate(() => window.recorder.start());
      await tab.keyboard.press('Space');
      for (let i = 0; i < 25; i++) await tab.keyboard.press('ArrowRight');
      await tab.keyboard.press('Space');
      frames = await tab.evaluate(() => window.recorder.stop());
    });
    const position = await tab.evaluate(() => window.bench.position('w0'));
    rows.push(row(library.name, 'keyboard: 25 places', renderMs, frames, position, split, actionSplit));
    await tab.close();
    Object.assign(library, await open(library.page));
  } else rows.push(row(library.name, 'keyboard', renderMs, undefined, undefined, split));

  const drag = library.tab;
  const [x, y] = await center(drag, library.source);
  const [tx, ty] = await center(drag, library.target);
  await drag.mouse.move(x, y);
  let frames;
  const actionSplit = await during(library.cdp, async () => {
    await drag.evaluate(() => window.recorder.start());
    await drag.mouse.down();
    await drag.mouse.move(x + 8, y + 8, { steps: 2 });
    await drag.mouse.move(tx, ty, { steps: 40 });
    await settle(drag);
    await drag.mouse.up();
    await settle(drag);
    frames = await drag.evaluate(() => window.recorder.stop());
  });
  const position = await drag.evaluate(() => window.bench.position('w0'));
  rows.push(row(library.name, 'pointer drag to 26', undefined, frames, position, undefined, actionSplit));
  await drag.close();
}
await browser.close();

console.log(
  `widget grid, 50 widgets, one Chromium run (${new Date().toISOString()}, load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ')})`,
);
console.table(rows);
console.log(
  'render: create + first render + style + layout, synchronous, median (and fastest) of 7 fresh pages per library, interleaved, whose text layout is warm (harness.js warmUp: a host page has laid out text before; script / style / layout: ' +
    "Chromium's Performance-domain durations over the same span, medians). Frames: rAF deltas during the " +
    'action; action script / style / layout: totals over the whole action. "frames > 16.7 ms" missed a 60 Hz vsync (> 18.7 ms, 2 ms jitter allowed). Long animation frames: ≥ 50 ms.',
);

// Sizes, min+gzip, measured like scripts/size.mjs (esbuild, minified, lit and nanostores external).
const gz = (code) => gzipSync(code, { level: 9 }).length;
const sharedExternal = {
  name: 'shared-external',
  setup(b) {
    b.onResolve({ filter: /\/shared\/|^@matbakh\/sdk$/ }, (args) => ({ path: args.path, external: true }));
  },
};
const sizes = [
  { what: 'mb-widget-grid (without lit, nanostores)', code: await bundle({ external: [...LIT, 'nanostores'] }) },
  {
    what: 'mb-widget-grid own code (also without widgets/src/shared: tokens, i18n, define, client controller)',
    code: await bundle({ external: [...LIT, 'nanostores'], plugins: [sharedExternal], format: 'esm' }),
  },
  ...(BASELINE
    ? [
        {
          what: 'baseline: without lit, nanostores',
          code: await bundle({ external: [...LIT, 'nanostores'], plugins: [baselinePlugin], entry: baselineEntry }),
        },
        {
          what: 'baseline: own code',
          code: await bundle({
            external: [...LIT, 'nanostores'],
            plugins: [sharedExternal, baselinePlugin],
            format: 'esm',
            entry: baselineEntry,
          }),
        },
      ]
    : []),
  { what: 'SortableJS (Sortable.min.js)', code: assets['Sortable.min.js'] },
  {
    what: 'gridstack (gridstack-all.js + gridstack.min.css)',
    code: Buffer.concat([assets['gridstack-all.js'], assets['gridstack.min.css']]),
  },
];
console.table(
  sizes.map(({ what, code }) => ({
    bundle: what,
    'min (KB)': (code.length / KB).toFixed(2),
    'min+gzip (KB)': (gz(code) / KB).toFixed(2),
  })),
);
