import { expect, type Page, test } from '@playwright/test';
// window.matbakh's type, as the script-tag bundle declares it
import type {} from '../../sdk/src/loader/index.ts';
import { eventsOf, label, ledgerOf } from './db.ts';
import { API_URL, DEMO_WRITE_KEY, SITE_URL } from './env.ts';

const anonymousId = (page: Page) =>
  page.evaluate(() => (window.matbakh as { client?: { user(): { anonymousId: string } } }).client!.user().anonymousId);

async function openSite(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(SITE_URL);
  await page.waitForFunction(() => typeof (window.matbakh as { version?: string })?.version === 'string');
  return errors;
}

const partnerAnalyticsRuns = (page: Page) =>
  page.evaluate(() => (window as { partnerAnalyticsRuns?: number }).partnerAnalyticsRuns ?? 0);

test('the banner asks first; "Customize" grants analytics only; the proof lands in the ledger', async ({ page }) => {
  const errors = await openSite(page);
  const id = await anonymousId(page);
  const accept = page.getByRole('button', { name: 'Alle akzeptieren' });
  const reject = page.getByRole('button', { name: 'Alle ablehnen' });
  await expect(accept).toBeVisible();
  await expect(reject).toBeVisible();
  // Equal prominence: same size.
  const [a, r] = [await accept.boundingBox(), await reject.boundingBox()];
  expect(Math.abs(a!.height - r!.height)).toBeLessThan(1);

  expect(await partnerAnalyticsRuns(page)).toBe(0);
  await page.locator('mb-consent-banner').getByRole('button', { name: 'Anpassen' }).click();
  await page.getByRole('switch', { name: /Statistik/ }).click();
  await page.getByRole('button', { name: 'Auswahl speichern' }).click();
  await expect(accept).toBeHidden();

  await expect.poll(() => ledgerOf(id).map((row) => [row.action, row.source])).toEqual([['custom', 'banner']]);
  const choices = JSON.parse(ledgerOf(id)[0]!.choices);
  expect(choices).toMatchObject({ analytics: true, marketing: false, personalization: false, preferences: false });
  // The partner's blocked analytics tag ran once, after the grant.
  await expect.poll(() => partnerAnalyticsRuns(page)).toBe(1);
  await expect(page.getByText('Partner-Statistik aktiv.')).toBeVisible();

  await page.getByRole('button', { name: 'In den Warenkorb' }).first().click();
  await page.evaluate(() => (window.matbakh as { client?: { flush(): Promise<void> } }).client!.flush());
  await expect.poll(() => eventsOf(id).map(label)).toContain('Product Added');

  // A reload does not ask again and does not re-run anything twice.
  await page.reload();
  await page.waitForFunction(() => typeof (window.matbakh as { version?: string })?.version === 'string');
  await page.waitForTimeout(300);
  await expect(page.getByRole('button', { name: 'Alle akzeptieren' })).toBeHidden();
  await expect.poll(() => partnerAnalyticsRuns(page)).toBe(1);
  expect(errors).toEqual([]);
});

test('the privacy center loads on first use, shows what is stored, and erasure leaves nothing', async ({ page }) => {
  const centerRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('matbakh-privacy-center.js')) centerRequests.push(request.url());
  });
  await openSite(page);
  const id = await anonymousId(page);
  await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
  await page.getByRole('button', { name: 'In den Warenkorb' }).first().click();
  await page.evaluate(() => (window.matbakh as { client?: { flush(): Promise<void> } }).client!.flush());
  await expect.poll(() => eventsOf(id).length).toBeGreaterThan(0);
  expect(centerRequests).toEqual([]);

  await page.getByRole('link', { name: 'Datenschutz-Einstellungen' }).click();
  const center = page.getByRole('dialog', { name: 'Datenschutz-Center' });
  await expect(center).toBeVisible();
  expect(centerRequests).toHaveLength(1);
  // The spec event in the visitor's language ("Product Added").
  await expect(center.getByText('In den Warenkorb gelegt').first()).toBeVisible();
  // The center's file runs on matbakh.js's Lit: one copy on the page.
  expect(await page.evaluate(() => (window as { litHtmlVersions?: string[] }).litHtmlVersions?.length)).toBe(1);

  await center
    .getByRole('button', { name: /löschen/i })
    .first()
    .click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: /löschen/i }).click();
  await expect.poll(() => eventsOf(id)).toEqual([]);
  // A new anonymous id; the old one's consent proof is kept only anonymized.
  await expect.poll(() => anonymousId(page)).not.toBe(id);
  expect(ledgerOf(id)).toEqual([]);
});

test('withdrawn in the privacy center: the next server answer is not personalized, even when a request claims profiling=1', async ({
  page,
  request,
}) => {
  await openSite(page);
  const id = await anonymousId(page);
  await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
  // What any caller holding the public write key could send: the server decides from the ledger, not from this flag.
  const claimProfiling = async () => {
    const query = new URLSearchParams({ anonymousId: id, profiling: '1', limit: '4', writeKey: DEMO_WRITE_KEY });
    const res = await request.get(`${API_URL}/v1/recommendations?${query}`);
    expect(res.status()).toBe(200);
    return ((await res.json()) as { basis: { history: boolean; reason?: string } }).basis;
  };
  await expect.poll(() => ledgerOf(id).length).toBeGreaterThan(0);
  expect((await claimProfiling()).reason).not.toBe('no_consent');

  await page.getByRole('link', { name: 'Datenschutz-Einstellungen' }).click();
  const center = page.getByRole('dialog', { name: 'Datenschutz-Center' });
  await center.getByRole('button', { name: 'Alle Einwilligungen widerrufen' }).click();
  await expect(center.getByText('Alle Einwilligungen wurden widerrufen.')).toBeVisible();
  await expect.poll(() => ledgerOf(id).at(-1)?.action).toBe('withdraw');
  expect(await claimProfiling()).toEqual({ history: false, reason: 'no_consent' });
});
