// The SDK's on-device search as a guest's browser runs it: the real client with `searchPlugin()` (no consent asked,
// so the device answers), bundled by esbuild, in Chromium, over a compact index served like `GET /v1/search/index`.
// Typed keystroke by keystroke: each prefix is one `client.search.query()`, timed inside the page from the call to
// its answer; unthrottled, then with the CPU slowed 4× (CDP `Emulation.setCPUThrottlingRate`).
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromeLaunchOptions } from '../../../scripts/chrome.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));
/** A made-up origin: every request to it is answered by the bench (no server, no network). */
const ORIGIN = 'http://device-search.bench';

const ENTRY = `
import { createClient } from '@matbakh/sdk';
import { searchPlugin } from '@matbakh/sdk/search';
const client = createClient({ writeKey: 'pk_bench', api: location.origin, storage: 'memory', plugins: [searchPlugin()] });
/** Types each query letter by letter; returns the time of each keystroke's answer (ms). */
window.typeQueries = async (queries, limit) => {
  const times = [];
  for (const q of queries) {
    for (let i = 1; i <= q.length; i++) {
      const started = performance.now();
      const result = await client.search.query(q.slice(0, i), { limit });
      times.push(performance.now() - started);
      if (result.source !== 'device') throw new Error('answered by ' + result.source + ', not the device');
    }
  }
  return times;
};
window.prefetch = () => client.search.prefetch();
`;

async function bundle() {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    write: false,
    minify: true,
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/**
 * @param {{ index: unknown, queries: string[], limit?: number, rates?: number[] }} options
 *   `index`: the compact index (what `GET /v1/search/index` answers); `queries`: typed letter by letter.
 * @returns {Promise<{ rate: number, times: number[], prefetchMs: number }[]>} keystroke times per CPU slowdown
 */
export async function deviceKeystrokesInChromium({ index, queries, limit = 5, rates = [1, 4] }) {
  const script = await bundle();
  const indexJson = JSON.stringify(index);
  const browser = await chromium.launch(chromeLaunchOptions());
  const runs = [];
  try {
    for (const rate of rates) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.route(`${ORIGIN}/**`, (route) => {
        const path = new URL(route.request().url()).pathname;
        if (path === '/') {
          return route.fulfill({
            contentType: 'text/html; charset=utf-8',
            body: '<!doctype html><meta charset="utf-8"><script type="module" src="/bench.js"></script>',
          });
        }
        if (path === '/bench.js') return route.fulfill({ contentType: 'text/javascript', body: script });
        if (path === '/v1/search/index') return route.fulfill({ contentType: 'application/json', body: indexJson });
        return route.fulfill({ status: 204 });
      });
      await page.goto(`${ORIGIN}/`);
      await page.waitForFunction(() => typeof window.typeQueries === 'function');
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      // The index is fetched and built once per client, before the guest's first keystroke (on focus).
      const prefetchMs = await page.evaluate(async () => {
        const started = performance.now();
        await window.prefetch();
        return performance.now() - started;
      });
      // One warm-up pass (the JIT), then the measured one.
      await page.evaluate(([q, n]) => window.typeQueries(q, n), [queries, limit]);
      const times = await page.evaluate(([q, n]) => window.typeQueries(q, n), [queries, limit]);
      runs.push({ rate, times: times.sort((a, b) => a - b), prefetchMs });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return runs;
}
