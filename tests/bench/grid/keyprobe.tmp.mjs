import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromeLaunchOptions } from '/work/main/scripts/chrome.mjs';
const ROOT = '/work/main';
const BASE = '/tmp/h10/before-src';
const plugin = { name: 'b', setup(b) { b.onResolve({ filter: /^\.\.\/shared\// }, (a) => a.resolveDir === BASE ? { path: resolve(ROOT, 'widgets/src', a.path.slice(3)) } : undefined); } };
const bundle = async (file) => (await build({ stdin: { contents: `export { WIDGET_GRID_TAG } from ${JSON.stringify(file)};`, resolveDir: ROOT, loader: 'ts' }, nodePaths: [resolve(ROOT, 'node_modules')], plugins: [plugin], conditions: ['production'], bundle: true, minify: true, format: 'iife', target: 'es2020', write: false, define: { 'process.env.NODE_ENV': '"production"' }, logLevel: 'silent' })).outputFiles[0].text;
const codes = { new: await bundle(resolve(ROOT, 'widgets/src/widget-grid/widget-grid.ts')), old: await bundle(resolve(BASE, 'widget-grid.ts')) };
const harness = readFileSync(resolve(ROOT, 'tests/bench/grid/harness.js'), 'utf8');
const html = readFileSync(resolve(ROOT, 'tests/bench/grid/grid.html'), 'utf8').replace('"/harness.js', '"harness.js').replace('"/mb-widget-grid.js', '"mb-widget-grid.js');
const browser = await chromium.launch(chromeLaunchOptions());
const ctx = await browser.newContext({ viewport: { width: 1280, height: 1100 }, reducedMotion: process.env.RM ? 'reduce' : 'no-preference' });
await ctx.route('http://b.localhost/**', (r) => { const n = new URL(r.request().url()).pathname.slice(1); const [v, f] = n.split('/'); return r.fulfill({ contentType: f.endsWith('js') ? 'text/javascript' : 'text/html', body: f === 'harness.js' ? harness : f === 'mb-widget-grid.js' ? codes[v] : html }); });
const res = {};
for (let round = 0; round < 3; round++) for (const v of ['old', 'new']) {
  const tab = await ctx.newPage();
  await tab.goto(`http://b.localhost/${v}/grid.html`);
  const r = await tab.evaluate(async () => {
    const renders = [];
    for (let i = 0; i < 5; i++) { document.getElementById('root').textContent = ''; renders.push(await window.bench.render()); }
    const grid = document.querySelector('mb-widget-grid');
    const h = grid.shadowRoot.querySelector('.cell[data-id="w0"] .handle');
    h.focus();
    const key = async (k) => { const t = performance.now(); grid.shadowRoot.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true })); await grid.updateComplete; document.body.getBoundingClientRect(); return performance.now() - t; };
    const keys = [await key(' ')];
    for (let i = 0; i < 25; i++) keys.push(await key('ArrowRight'));
    keys.push(await key(' '));
    return { renders, keys };
  });
  (res[v] ??= { renders: [], keys: [] }).renders.push(...r.renders);
  res[v].keys.push(...r.keys);
  await tab.close();
}
await browser.close();
const st = (a) => { const s = [...a].sort((x, y) => x - y); return `min ${s[0].toFixed(2)} p25 ${s[Math.floor(s.length / 4)].toFixed(2)} med ${s[Math.floor(s.length / 2)].toFixed(2)}`; };
for (const v of ['old', 'new']) console.log(v, 'render', st(res[v].renders), '| key', st(res[v].keys));
