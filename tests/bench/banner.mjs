// How soon the consent banner can be used: from the start of evaluating matbakh.js until its
// "Accept all" button is rendered, for API answers taking 0 and 50 ms (one Chromium, median of 15 loads).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_CONSENT_POLICY, DEFAULT_RETENTION_DAYS } from '@matbakh/contract';
import { chromium } from 'playwright-core';
import { chromeLaunchOptions } from '../../scripts/chrome.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const SITE = 'http://localhost:9/';
const API = 'http://localhost:9/api';
const RUNS = 15;
const bundle = readFileSync(resolve(ROOT, 'dist/matbakh.js'), 'utf8');
const config = JSON.stringify({
  tenant: { id: 'tn_bench', name: 'Bench' },
  consent: DEFAULT_CONSENT_POLICY,
  features: {},
  locales: ['de', 'en', 'ar'],
  retentionDays: DEFAULT_RETENTION_DAYS,
});
// Polls every frame from before the bundle runs, so the page's load event does not delay the reading.
const probe = `window.bannerReady = new Promise(function (done) {
  function check() {
    var banner = document.querySelector('mb-consent-banner');
    var accept = banner && banner.shadowRoot && banner.shadowRoot.querySelector('[part~="accept"]');
    var start = performance.getEntriesByName('mb-eval')[0];
    if (accept && accept.getClientRects().length && start) done(performance.now() - start.startTime);
    else requestAnimationFrame(check);
  }
  requestAnimationFrame(check);
});`;
const page = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>bench</title>
<script>${probe}</script>
<script src="/matbakh.js" data-write-key="pk_bench" data-api="${API}"></script></head>
<body><main>Menü</main><mb-consent-banner></mb-consent-banner></body></html>`;

const browser = await chromium.launch(chromeLaunchOptions());
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = [];
for (const latency of [0, 50]) {
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.route(`${SITE}**`, async (route) => {
      const url = route.request().url();
      if (url.endsWith('/matbakh.js')) {
        // Marks the start of evaluation from inside the file itself.
        return route.fulfill({ contentType: 'text/javascript', body: `performance.mark('mb-eval');\n${bundle}` });
      }
      if (url.includes('/api/v1/config')) {
        await new Promise((done) => setTimeout(done, latency));
        return route.fulfill({
          contentType: 'application/json',
          body: config,
          headers: { 'access-control-allow-origin': '*' },
        });
      }
      return route.fulfill({ contentType: 'text/html', body: page });
    });
    await tab.goto(SITE);
    const ms = await tab.evaluate(() => window.bannerReady);
    times.push(ms);
    await context.close();
  }
  rows.push({
    'config answer': `${latency} ms`,
    'banner usable after (median ms)': median(times).toFixed(1),
    runs: RUNS,
  });
}
await browser.close();
console.log(`consent banner: time from matbakh.js evaluation to a rendered "Accept all" (${new Date().toISOString()})`);
console.table(rows);
