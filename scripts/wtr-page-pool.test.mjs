import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';
import { chromeLaunchOptions } from './chrome.mjs';
import { PooledPlaywrightLauncher } from './wtr-page-pool.mjs';

const PAGE = '<!doctype html><title>test file</title>';

/** A test origin serving an empty page and an empty service worker. */
async function origin(t) {
  const server = createServer((request, response) => {
    const worker = request.url === '/sw.js';
    response.writeHead(200, { 'content-type': worker ? 'text/javascript' : 'text/html' });
    response.end(worker ? '' : PAGE);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  return `http://127.0.0.1:${server.address().port}`;
}

/** Everything a test file can leave behind in its tab, as the next file on the same origin would see it. */
const leftovers = () =>
  Promise.all([
    localStorage.length,
    sessionStorage.length,
    document.cookie,
    indexedDB.databases().then((list) => list.length),
    caches.keys().then((keys) => keys.length),
    navigator.serviceWorker.getRegistrations().then((list) => list.length),
    matchMedia('(prefers-color-scheme: dark)').matches,
    matchMedia('(prefers-reduced-motion: reduce)').matches,
    Notification.permission,
  ]);

/** What a test file might do: store, register a worker, emulate media, grant a permission. */
async function dirty(page) {
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await page.context().grantPermissions(['notifications']);
  await page.context().addCookies([{ name: 'k', value: 'v', url: page.url() }]);
  await page.evaluate(async () => {
    localStorage.setItem('k', 'v');
    sessionStorage.setItem('k', 'v');
    await new Promise((resolve) => {
      const open = indexedDB.open('db');
      open.onsuccess = () => resolve(open.result.close());
    });
    await caches.open('c');
    await navigator.serviceWorker.register('/sw.js');
    await navigator.serviceWorker.ready;
  });
}

test('a reused tab shows the next test file nothing the previous one left', async (t) => {
  const base = await origin(t);
  const launcher = new PooledPlaywrightLauncher(chromeLaunchOptions());
  t.after(() => launcher.stop());
  const fresh = [0, 0, '', 0, 0, 0, false, false, 'default'];

  await launcher.startSession('first', `${base}/a.html`);
  const tab = launcher.getPage('first');
  assert.deepEqual(await tab.evaluate(leftovers), fresh, 'a new tab starts clean');
  await dirty(tab);
  assert.notDeepEqual(await tab.evaluate(leftovers), fresh, 'the test file changed what the next one would see');
  await launcher.stopSession('first');

  await launcher.startSession('second', `${base}/b.html`);
  assert.equal(launcher.getPage('second'), tab, 'the tab is reused');
  assert.deepEqual(await tab.evaluate(leftovers), fresh);
  await launcher.stopSession('second');
});

test('two files at once get two tabs; a tab that closed while idle is replaced, not reused', async (t) => {
  const base = await origin(t);
  const launcher = new PooledPlaywrightLauncher(chromeLaunchOptions());
  t.after(() => launcher.stop());
  await Promise.all([launcher.startSession('a', `${base}/a.html`), launcher.startSession('b', `${base}/b.html`)]);
  const [a, b] = [launcher.getPage('a'), launcher.getPage('b')];
  assert.notEqual(a, b);
  await a.evaluate(() => localStorage.setItem('only-a', '1'));
  assert.equal(await b.evaluate(() => localStorage.getItem('only-a')), null, 'each tab has its own storage');
  await launcher.stopSession('a');
  await a.close();
  await launcher.startSession('c', `${base}/c.html`);
  assert.notEqual(launcher.getPage('c'), a);
  assert.equal(launcher.getPage('c').isClosed(), false);
});
