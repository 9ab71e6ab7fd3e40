import { expect, type Page, test } from '@playwright/test';
// window.matbakh's type, as the script-tag bundle declares it
import type {} from '../../sdk/src/loader/index.ts';
import { eventsOf, label, ledgerOf, PARTNER_FLOW, pageOwn } from './db.ts';
import { API_URL, SITE_URL } from './env.ts';

const anonymousId = (page: Page) =>
  page.evaluate(() => (window.matbakh as { client?: { user(): { anonymousId: string } } }).client!.user().anonymousId);

async function openSite(page: Page, path = '/') {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${SITE_URL}${path}`);
  await page.waitForFunction(() => typeof (window.matbakh as { version?: string })?.version === 'string');
  return errors;
}

test('a partner page with one script tag: tracked after consent, stored exactly once in SQLite', async ({ page }) => {
  const errors = await openSite(page);
  const id = await anonymousId(page);
  await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
  await page.getByRole('button', { name: 'In den Warenkorb' }).first().click();
  await page.getByRole('button', { name: 'In den Warenkorb' }).nth(1).click();
  await page.getByRole('button', { name: 'Bestellen' }).click();
  // Leaving the page hands the waiting batch to sendBeacon; the next page re-sends what it cannot
  // know arrived, and the server's dedup keeps one row per message.
  await page.getByRole('link', { name: 'Über uns' }).click();
  await page.waitForURL('**/about.html');

  await expect.poll(() => eventsOf(id).map(label).filter(pageOwn), { timeout: 15_000 }).toEqual(PARTNER_FLOW);
  await page.waitForTimeout(500);
  const all = eventsOf(id);
  expect(new Set(all.map((r) => r.message_id)).size).toBe(all.length);
  expect(all.map(label).filter(pageOwn)).toHaveLength(6);
  expect(errors).toEqual([]);
});

test('before consent nothing is tracked or stored; refusal is recorded as proof and keeps it so', async ({ page }) => {
  const requests: string[] = [];
  const identified: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(API_URL)) return;
    requests.push(`${request.method()} ${new URL(request.url()).pathname}`);
    if (/[?&](anonymousId|userId)=/.test(request.url())) identified.push(request.url());
  });
  await openSite(page);
  const id = await anonymousId(page);
  // The banner's bar floats over the end of this short page, so the page's own handler is run directly.
  await page.getByRole('button', { name: 'In den Warenkorb' }).first().dispatchEvent('click');
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
  // Only public reads: the tenant's config and non-profiled recommendations (the dashboard). No identifier, no event.
  expect(requests.filter((r) => !/^GET \/v1\/(config|recommendations|catalog)$/.test(r))).toEqual([]);
  expect(identified).toEqual([]);
  await page.getByRole('button', { name: 'Alle ablehnen' }).click();
  await page.getByRole('button', { name: 'Bestellen' }).click();
  await expect.poll(() => ledgerOf(id).map((row) => row.action)).toEqual(['reject_all']);
  await page.getByRole('link', { name: 'Über uns' }).click();
  await page.waitForURL('**/about.html');
  await page.waitForTimeout(500);
  expect(requests.filter((r) => r.endsWith('/v1/batch'))).toEqual([]);
  expect(eventsOf(id)).toEqual([]);
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual(['mb.consent.pk_demo_partner_site']);
});

test('offline, then online: every message arrives exactly once', async ({ page, context }) => {
  await openSite(page);
  const id = await anonymousId(page);
  await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
  await context.setOffline(true);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'In den Warenkorb' }).nth(i).click();
  await page.evaluate(() => (window.matbakh as { client?: { flush(): Promise<void> } }).client!.flush());
  await page.waitForTimeout(300);
  expect(eventsOf(id)).toEqual([]);
  await context.setOffline(false);
  await expect
    .poll(() => eventsOf(id).map(label).filter(pageOwn), { timeout: 10_000 })
    .toEqual(['Session Started', 'page:Beirut Kitchen', 'Product Added', 'Product Added', 'Product Added']);
});

test('loading the bundle a second time changes nothing and sends nothing twice', async ({ page }) => {
  const errors = await openSite(page);
  const id = await anonymousId(page);
  await page.evaluate(() => {
    (window as { firstCopy?: unknown }).firstCopy = window.matbakh;
  });
  await page.addScriptTag({ url: '/matbakh.js?second' });
  await page.addScriptTag({ url: '/matbakh.js?third' });
  expect(await page.evaluate(() => (window as { firstCopy?: unknown }).firstCopy === window.matbakh)).toBe(true);
  await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
  await page.getByRole('button', { name: 'In den Warenkorb' }).first().click();
  await page.getByRole('button', { name: 'Bestellen' }).click();
  await page.evaluate(() => (window.matbakh as { client?: { flush(): Promise<void> } }).client!.flush());
  await expect
    .poll(() => eventsOf(id).map(label).filter(pageOwn))
    .toEqual(['Session Started', 'page:Beirut Kitchen', 'Product Added', 'Order Completed']);
  expect(errors).toEqual([]);
});

test('calls made before the bundle loads replay in order with their original time', async ({ page }) => {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/matbakh.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(SITE_URL, { waitUntil: 'domcontentloaded' }); // 'load' would wait for the held bundle
  expect(await page.evaluate(() => typeof (window.matbakh as { version?: string }).version)).toBe('undefined');
  // A partner's own consent tool answering before the bundle arrived: queued by the stub like any call.
  await page.evaluate(() => (window.matbakh as { consent: { set(c: object): void } }).consent.set({ analytics: true }));
  await page.getByRole('button', { name: 'In den Warenkorb' }).nth(2).click();
  await page.getByRole('button', { name: 'Bestellen' }).click();
  const clickedBefore = Date.now();
  await page.waitForTimeout(200);
  release();
  await page.waitForFunction(() => typeof (window.matbakh as { version?: string }).version === 'string');
  const id = await anonymousId(page);
  await page.evaluate(() => (window.matbakh as { client?: { flush(): Promise<void> } }).client!.flush());
  await expect
    .poll(() => eventsOf(id).map(label).filter(pageOwn))
    .toEqual(['Session Started', 'page:Beirut Kitchen', 'Product Added', 'Order Completed']);
  for (const row of eventsOf(id).filter((row) => pageOwn(label(row)))) {
    expect(Date.parse(row.original_timestamp), `${label(row)} ${row.original_timestamp}`).toBeLessThanOrEqual(
      clickedBefore,
    );
  }
});

test('script tag: an element file brings its API onto window.matbakh (<mb-push-optin> → matbakh.push, <mb-inbox> → matbakh.inbox)', async ({
  page,
}) => {
  const errors = await openSite(page);
  await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
  type Apis = Record<'push' | 'inbox', { permission?: unknown; consent?: unknown; refresh?: unknown } | undefined>;
  // Nothing before the page shows the element: the file (and the plugin) cost nothing until then.
  expect(await page.evaluate(() => typeof (window.matbakh as unknown as Apis).push)).toBe('undefined');
  await page.evaluate(() => {
    document.body.append(document.createElement('mb-push-optin'), document.createElement('mb-inbox'));
  });
  await page.waitForFunction(() => {
    const { push, inbox } = window.matbakh as unknown as Apis;
    return typeof push?.permission === 'function' && typeof inbox?.refresh === 'function';
  });
  // The same API an ESM page gets from client.push: the consent the visitor just gave is what it reports.
  expect(await page.evaluate(() => (window.matbakh as unknown as { push: { consent(): string } }).push.consent())).toBe(
    'unasked',
  );
  expect(errors).toEqual([]);
});
