import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_CONSENT_POLICY, DEFAULT_RETENTION_DAYS } from '@matbakh/contract';
import { expect, test } from '@playwright/test';

// Partner pages are not all UTF-8, and a CDN may serve our files as plain `text/javascript`. A classic script
// without a charset is decoded in the PAGE's encoding — our German and Arabic texts would turn into mojibake.
// The script-tag files start with a byte order mark, which beats both (Encoding standard: BOM sniffing first).
const SITE = 'http://legacy.localhost';
const dist = (file: string) => readFileSync(resolve(import.meta.dirname, '../../dist', file));
const config = {
  tenant: { id: 'tn_legacy', name: 'Legacy' },
  consent: DEFAULT_CONSENT_POLICY,
  features: {},
  locales: ['de', 'en', 'ar'],
  retentionDays: DEFAULT_RETENTION_DAYS,
};
// windows-1252 bytes: "Menü" with ü as 0xFC.
const page = Buffer.concat([
  Buffer.from(
    `<!doctype html><html lang="ar"><head><title>legacy</title>
<script async src="/matbakh.js" data-write-key="pk_legacy" data-api="${SITE}"></script></head><body><p>Men`,
  ),
  Buffer.from([0xfc]),
  Buffer.from('</p><mb-consent-banner></mb-consent-banner></body></html>'),
]);

test('a windows-1252 page with our files served without a charset still shows Arabic text intact', async ({
  page: tab,
}) => {
  await tab.route(`${SITE}/**`, (route) => {
    const { pathname } = new URL(route.request().url());
    if (pathname.endsWith('.js'))
      return route.fulfill({ body: dist(pathname.slice(1)), contentType: 'text/javascript' });
    if (pathname === '/v1/config') return route.fulfill({ json: config });
    if (pathname.startsWith('/v1/')) return route.fulfill({ status: 204 });
    return route.fulfill({ body: page, contentType: 'text/html; charset=windows-1252' });
  });
  await tab.goto(`${SITE}/`);
  expect(await tab.locator('body > p').textContent()).toBe('Menü'); // the page itself is really windows-1252
  await expect(tab.getByRole('button', { name: 'قبول الكل' })).toBeVisible();
  await tab.getByRole('button', { name: 'تخصيص' }).click();
  // The privacy center's file is fetched on first use: the same holds for it.
  await tab.evaluate(() => (window.matbakh as unknown as { privacy: { open(): void } }).privacy.open());
  await expect(tab.getByRole('heading', { name: 'مركز الخصوصية' })).toBeVisible();
});
