// Preferences read cost (issue 4: "preferences read ≤ 1 µs, synchronous from memory"), in Chromium.
// `client.preferences.get()` of the SDK's preferences plugin on a started client with `preferences` granted and
// a document written (so it is stored), next to what a read costs without the in-memory copy
// (localStorage + JSON.parse of the same stored record) and a plain object read as the floor, in the same page.
//   node tests/bench/preferences.mjs
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromeLaunchOptions } from '../../scripts/chrome.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const READS = 200_000;
const BATCHES = 15;
const BUDGET_NS = 1000;

const bundle = await build({
  stdin: {
    contents: `
      import { createClient } from './sdk/src/index.ts';
      import { preferencesPlugin } from './sdk/src/preferences/index.ts';
      window.startClient = () => createClient({ writeKey: 'pk_bench', api: location.origin + '/api', plugins: [preferencesPlugin()] });`,
    resolveDir: ROOT,
    loader: 'ts',
  },
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  conditions: ['production'],
  define: { 'process.env.NODE_ENV': '"production"' },
  write: false,
  logLevel: 'error',
});

/** Runs in the page: ns per read of each way, median over batches. */
function measure({ reads, batches }) {
  const client = window.startClient();
  client.consent.set({ preferences: true }); // stored from here on, like after the visitor's consent
  const prefs = client.preferences;
  prefs.update({ theme: 'dark', diet: ['vegetarian', 'halal'], favorites: { restaurants: ['r1', 'r2'], dishes: [] } });
  const key = Object.keys(localStorage).find((name) => name.startsWith('mb.prefs.'));
  const plain = { theme: 'dark', diet: ['vegetarian', 'halal'] };
  const ways = {
    'client.preferences.get().theme': () => prefs.get().theme,
    'localStorage + JSON.parse (no memory copy)': () => JSON.parse(localStorage.getItem(key)).d.theme,
    'plain object property (floor)': () => plain.theme,
  };
  const result = {};
  for (const [name, read] of Object.entries(ways)) {
    const n = name.startsWith('localStorage') ? reads / 100 : reads;
    // A loop of its own per way (a fresh function), so one way's call site does not slow another's down.
    const loop = new Function(
      'read',
      'n',
      'let sink = 0; for (let i = 0; i < n; i++) sink += read().length; return sink;',
    );
    const samples = [];
    let sink = 0;
    for (let batch = 0; batch < batches; batch++) {
      const start = performance.now();
      sink += loop(read, n);
      samples.push(((performance.now() - start) * 1e6) / n);
    }
    samples.sort((a, b) => a - b);
    result[name] = { median: samples[samples.length >> 1], p90: samples[Math.floor(samples.length * 0.9)], sink };
  }
  return { result, stored: key !== undefined, theme: prefs.get().theme };
}

const browser = await chromium.launch(chromeLaunchOptions());
const page = await browser.newPage();
await page.route('http://bench.local/**', (route) => {
  const url = route.request().url();
  if (url.includes('/api/')) return route.fulfill({ status: 503 });
  if (url.endsWith('/bench.js'))
    return route.fulfill({ contentType: 'text/javascript', body: bundle.outputFiles[0].text });
  return route.fulfill({ contentType: 'text/html', body: '<!doctype html><script src="/bench.js"></script>' });
});
await page.goto('http://bench.local/');
const { result, stored, theme } = await page.evaluate(measure, { reads: READS, batches: BATCHES });
await browser.close();
if (!stored || theme !== 'dark')
  throw new Error('the preferences were not stored and read back: the bench measured nothing');

console.log(
  `preferences read, one Chromium page (${new Date().toISOString()}, load average ${loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ')})`,
);
console.table(
  Object.entries(result).map(([way, { median, p90 }]) => ({
    read: way,
    'ns per read (median of batches)': median.toFixed(1),
    'p90 of batches': p90.toFixed(1),
    'within 1 µs': way.startsWith('client') ? (median <= BUDGET_NS ? 'yes' : 'NO') : '—',
  })),
);
console.log(
  `Issue 4 budget: preferences read ≤ 1 µs. ${BATCHES} batches of ${READS.toLocaleString('en')} reads (localStorage: 1/100 of that).`,
);
