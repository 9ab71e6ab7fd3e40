// Search on a host page that bundles the SDK and `<mb-search>` itself (ES modules, as a partner's bundler would;
// the script-tag partner site is partner-search.spec.ts), the SDK with privacy and search plugins, the real server
// with the demo catalogue. Type "falafl", pick "Falafel-Teller" by keyboard, add it to the cart: the search and
// the dish added are stored once each.
import { expect, type Page, test } from '@playwright/test';
import { eventsOf, label } from './db.ts';
import { FIXTURE_URL } from './fixtures/env.ts';
import { bundleEntry, openHostPage } from './host-page.ts';

const HOST = `${FIXTURE_URL}/fixtures/search-host.html`;
const ENTRY = `
import { createClient } from '@matbakh/sdk';
import { privacyPlugin } from '@matbakh/sdk/privacy';
import { searchPlugin } from '@matbakh/sdk/search';
import { SEARCH_TAG } from '@matbakh/widgets/search/search.ts';
const client = createClient({ writeKey: 'pk_demo_partner_site', api: location.origin, flushAt: 1, plugins: [privacyPlugin(), searchPlugin()] });
window.matbakh = { client, searchTag: SEARCH_TAG };
let picked;
document.addEventListener('mb-search-select', (event) => {
  picked = event.detail.hit;
  document.querySelector('#picked').textContent = picked.name;
});
document.querySelector('#add').addEventListener('click', () => {
  if (picked) client.track('Product Added', { product_id: picked.id, name: picked.name, source: 'search' });
});
`;
const PAGE = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Suche</title>
<script type="module" src="/fixtures/search-host.js"></script></head>
<body><main><h1>Speisekarte</h1><mb-search></mb-search><p>Gewählt: <span id="picked"></span></p>
<button id="add" type="button">In den Warenkorb</button></main></body></html>`;

let script = '';
test.beforeAll(async () => {
  script = await bundleEntry(ENTRY);
});

const openHost = (page: Page) => openHostPage(page, { url: HOST, html: PAGE, script, tag: 'mb-search' });

const anonymousId = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { matbakh: { client: { user(): { anonymousId: string } } } }).matbakh.client.user()
        .anonymousId,
  );

test('a page bundling the SDK itself: type "falafl", pick "Falafel-Teller" by keyboard, add to cart: the search and the dish added are stored once each', async ({
  page,
}) => {
  const errors = await openHost(page);
  await page.evaluate(() =>
    (
      window as unknown as { matbakh: { client: { consent: { set(c: Record<string, boolean>): void } } } }
    ).matbakh.client.consent.set({
      analytics: true,
      personalization: true,
    }),
  );
  const id = await anonymousId(page);
  const box = page.getByRole('combobox', { name: 'Suche' });
  // Focus fetches the compact index (the device's fallback); the first one also builds the tenant's index.
  await Promise.all([page.waitForResponse(/\/v1\/search\/index/, { timeout: 30_000 }), box.focus()]);
  await box.pressSequentially('falafl', { delay: 40 });
  const option = page.getByRole('option', { name: /Falafel-Teller/ }).first();
  await expect(option).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(/\d+ Treffer/);
  // Keyboard: down to the Falafel-Teller option, Enter picks it.
  const names = await page.getByRole('option').allTextContents();
  const position = names.findIndex((name) => name.includes('Falafel-Teller'));
  for (let i = 0; i <= position; i++) await box.press('ArrowDown');
  await box.press('Enter');
  await expect(page.locator('#picked')).toHaveText('Falafel-Teller');
  await expect(box).toHaveValue('Falafel-Teller');
  await page.getByRole('button', { name: 'In den Warenkorb' }).click();
  await expect
    .poll(
      () =>
        eventsOf(id)
          .map(label)
          .filter((l) => l === 'Products Searched' || l === 'Product Added'),
      {
        timeout: 15_000,
      },
    )
    .toEqual(['Products Searched', 'Product Added']);
  await page.waitForTimeout(500);
  expect(
    eventsOf(id)
      .map(label)
      .filter((l) => l === 'Products Searched' || l === 'Product Added'),
  ).toEqual(['Products Searched', 'Product Added']);
  expect(errors).toEqual([]);
});
