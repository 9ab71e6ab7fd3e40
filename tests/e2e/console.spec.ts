import { mkdirSync } from 'node:fs';
import { createTenant, DEMO_ORIGINS, openDb } from '@matbakh/server';
import { expect, type Page, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { axeViolations, tabTo } from './console-helpers.ts';
import { API_URL, SITE_URL } from './env.ts';

/**
 * The partner console at /console/ on the real server: sign-in with an admin key made here, a keyboard-only walk
 * through every page with axe on each, keys created and revoked, the audit log, session expiry, CSRF and
 * cross-origin refusals; screenshots of every page in de/en/ar at desktop and phone width.
 */
const CONSOLE = `${API_URL}/console/`;
const PAGES = [
  'overview',
  'consent',
  'personalization',
  'experiments',
  'campaigns',
  'catalogue',
  'events',
  'keys',
  'audit',
] as const;
const SHOTS = process.env.MB_CONSOLE_SHOTS ?? 'test-results/console-shots';

// The console follows the browser's language; these tests read German (the formal "Sie" texts).
test.use({ locale: 'de-DE' });

let adminKey = '';
let writeKey = '';
let tenantName = '';

test.beforeAll(async () => {
  const db = await openDb(process.env.MB_E2E_DB!);
  tenantName = `Console Bistro ${Date.now()}`;
  const tenant = await createTenant(db, { name: tenantName, origins: DEMO_ORIGINS });
  await db.close();
  adminKey = tenant.adminKey!;
  writeKey = tenant.writeKey;
});

async function signIn(page: Page, key = adminKey) {
  await page.goto(CONSOLE);
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
  await page.getByLabel('Admin-Schlüssel').fill(key);
  await page.getByRole('button', { name: 'Anmelden' }).click();
}

test('sign-in refuses a wrong key naming it, then every page is reachable by keyboard and axe clean', async ({
  page,
}) => {
  // Tab through eight pages, three of them long forms, on a shared two-core machine.
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 40[14]/.test(message.text())) errors.push(message.text());
  });
  await page.goto(CONSOLE);
  await expect(page).toHaveTitle(/Anmelden – matbakh Partner-Konsole/);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel('Admin-Schlüssel').fill('ak_wrong');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('unknown, expired or revoked admin key');
  await expect(page.getByLabel('Admin-Schlüssel')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Admin-Schlüssel').fill(adminKey);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeFocused();
  await expect(page.getByText(/^Angemeldet bei/)).toContainText(tenantName);

  const names = {
    overview: 'Übersicht',
    consent: 'Einwilligung',
    personalization: 'Personalisierung',
    experiments: 'Experimente',
    campaigns: 'Kampagnen',
    keys: 'Schlüssel & Origins',
    audit: 'Audit-Log',
    catalogue: 'Katalog',
    events: 'Live-Ereignisse',
  };
  for (const name of PAGES) {
    await tabTo(page, names[name], { tag: 'A' });
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: names[name] })).toBeFocused();
    await expect(page).toHaveTitle(`${names[name]} – matbakh Partner-Konsole`);
    await expect(page.getByText('Wird geladen')).toHaveCount(0);
    expect(await axeViolations(page), name).toEqual([]);
  }
  expect(await page.locator('main').count()).toBe(1);
  expect(errors).toEqual([]);
});

test('the skip link moves focus to the page', async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
  await page.reload(); // focus at the start of the document, as on arrival
  await page.locator('mb-console-overview').waitFor();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Zum Inhalt springen' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeFocused();
});

test('the keys page creates an admin key, shows it once, and revokes it', async ({ page }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Schlüssel & Origins' }).click();
  const rows = page.getByRole('row');
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();
  await page.getByRole('button', { name: 'Admin-Schlüssel erstellen' }).click();
  const fresh = page.locator('mb-console-keys code#fresh-key');
  await expect(fresh).toHaveText(/^ak_[0-9A-Za-z]{40}$/);
  const key = (await fresh.textContent())!;
  await expect(rows).toHaveCount(before + 1);
  const hint = `${key.slice(0, 7)}…${key.slice(-4)}`;
  page.once('dialog', (dialog) => void dialog.accept());
  // Names inside sentences are wrapped in Unicode isolates (FSI/PDI) for right-to-left pages.
  await page.getByRole('button', { name: new RegExp(`^\u2068?${hint}\u2069? widerrufen$`) }).click();
  await expect(page.getByRole('status').filter({ hasText: 'wurde widerrufen' })).toContainText(hint);
  const revoked = await page.request.post(`${API_URL}/console/session`, {
    headers: { origin: API_URL },
    data: { key },
  });
  expect(revoked.status(), 'the revoked key no longer signs in').toBe(401);
  // Both changes are in the audit log (with a real clock: the revocation's time is the request's).
  await page.getByRole('link', { name: 'Audit-Log' }).click();
  await expect(page.getByRole('row').filter({ hasText: '"created"' })).toHaveCount(1);
  await expect(page.getByRole('row').filter({ hasText: '"revoked"' })).toHaveCount(1);
});

test('the catalogue upload lists a bad row and writes nothing, then a good file is stored and found', async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Katalog' }).click();
  await expect(page.getByText('Der Katalog ist noch leer.')).toBeVisible();
  const item = (id: string, name: string) => ({
    id,
    kind: 'restaurant',
    name,
    cuisine: 'levantine',
    region: 'berlin',
    diet: [],
    allergens: [],
    tags: ['e2e'],
  });
  const file = (items: unknown[]) => ({
    name: 'catalogue.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ items })),
  });
  await page.locator('mb-console-catalogue #file').setInputFiles(file([item('d1', 'Falafel'), { id: 'd2' }]));
  await expect(page.getByText('catalogue.json')).toBeVisible();
  await page.getByRole('button', { name: 'Hochladen' }).click();
  await expect(page.getByRole('alert')).toContainText('1 Zeile ist fehlerhaft, nichts wurde geschrieben');
  await expect(page.getByRole('alert').getByRole('listitem')).toContainText('Zeile');
  await expect(page.getByText('Der Katalog ist noch leer.')).toBeVisible();
  await page.locator('mb-console-catalogue #file').setInputFiles(file([item('d1', 'Falafel'), item('d2', 'Hummus')]));
  await page.getByRole('button', { name: 'Hochladen' }).click();
  await expect(page.getByText('2 Einträge gespeichert.')).toBeVisible();
  await page.getByLabel('Katalog durchsuchen').fill('humm');
  await expect(page.getByRole('row').filter({ hasText: 'Hummus' })).toHaveCount(1);
  await expect(page.getByRole('row').filter({ hasText: 'Falafel' })).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
});

test('the audit log shows the sign-in with its key id', async ({ page }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Audit-Log' }).click();
  const row = page.getByRole('row').filter({ hasText: 'console_session' }).filter({ hasText: 'sign_in' });
  await expect(row.first()).toBeVisible();
  await expect(row.first()).toContainText('admin_key');
  await page.getByLabel('Filter').fill('sign_out');
  await expect(page.getByRole('row').filter({ hasText: 'sign_in' })).toHaveCount(0);
});

test('live events: a message sent from the partner page shows within 2 s, a refused origin with its reason', async ({
  page,
  request,
}) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Live-Ereignisse' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Live$/ })).toBeVisible();

  // The partner's page (an allowed origin) records a decision and sends an event, as the SDK would.
  const partner = await page.context().newPage();
  await partner.goto(SITE_URL);
  const event = `Live Check ${Date.now()}`;
  const sentAt = Date.now();
  const statuses = await partner.evaluate(
    async ({ api, key, event }) => {
      const headers = { authorization: `Basic ${btoa(`${key}:`)}`, 'content-type': 'text/plain' };
      const consent = await fetch(`${api}/v1/consent`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          consentId: `live-${Date.now()}`,
          anonymousId: 'live-guest',
          policyVersion: 1,
          action: 'accept_all',
          choices: { necessary: true, preferences: true, personalization: true, analytics: true, marketing: true },
          channels: {},
          source: 'banner',
          timestamp: new Date().toISOString(),
          userAgentClass: 'desktop',
        }),
      });
      const track = await fetch(`${api}/v1/t`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          type: 'track',
          event,
          anonymousId: 'live-guest',
          messageId: `live-${Date.now()}`,
          timestamp: new Date().toISOString(),
          properties: { table: 4 },
        }),
      });
      return [consent.status, track.status];
    },
    { api: API_URL, key: writeKey, event },
  );
  expect(statuses).toEqual([201, 200]);
  const row = page.getByRole('row').filter({ hasText: event });
  await expect(row).toBeVisible({ timeout: 2_000 });
  expect(Date.now() - sentAt).toBeLessThan(2_000 + 500);
  await expect(row).toContainText('angenommen');

  // A page on an origin the tenant does not allow: refused, and the debugger says why.
  const refused = await request.post(`${API_URL}/v1/t`, {
    headers: {
      authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`,
      origin: 'https://not-allowed.example',
      'content-type': 'text/plain',
    },
    data: JSON.stringify({ type: 'track', event: 'Refused', anonymousId: 'x', messageId: `r-${Date.now()}` }),
  });
  expect(refused.status()).toBe(403);
  const refusal = page.getByRole('row').filter({ hasText: 'abgewiesen' }).filter({ hasText: 'not-allowed.example' });
  await expect(refusal).toBeVisible({ timeout: 2_000 });
  await expect(refusal).toContainText('origin');
});

test('an expired session sends the person back to Sign in with a message', async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
  // 31 idle minutes, without waiting them: the session row's last use is moved back.
  const db = new Database(process.env.MB_E2E_DB!);
  db.prepare('UPDATE console_sessions SET last_seen_at = ?').run(new Date(Date.now() - 31 * 60_000).toISOString());
  db.close();
  await page.getByRole('link', { name: 'Audit-Log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
  await expect(page.getByText('Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.')).toBeVisible();
});

test('a write without the CSRF token is refused, and the cookie does nothing from another origin', async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeVisible();
  const refused = await page.evaluate(async () => {
    const res = await fetch('/v1/admin/keys', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    return { status: res.status, body: await res.json() };
  });
  expect(refused.status).toBe(403);
  expect(refused.body.error.field).toBe('X-CSRF-Token');

  // The example site is another origin (another port) of the same site: the cookie goes along, and is refused.
  const other = await page.context().newPage();
  await other.goto(SITE_URL);
  const crossOrigin = await other.evaluate(async (api) => {
    try {
      const res = await fetch(`${api}/v1/admin/keys`, { credentials: 'include' });
      return `read ${res.status}`;
    } catch {
      return 'unreadable';
    }
  }, API_URL);
  expect(crossOrigin).toBe('unreadable');
});

test('screenshots of every page in de, en and ar, desktop and phone', async ({ browser }) => {
  test.setTimeout(600_000);
  mkdirSync(SHOTS, { recursive: true });
  for (const locale of ['de', 'en', 'ar'] as const) {
    for (const [size, viewport, scale] of [
      ['desktop', { width: 1280, height: 800 }, 1],
      ['phone', { width: 390, height: 844 }, 2],
      // 200 % zoom of a 1280 px window: 640 CSS pixels at twice the density.
      ['zoom200', { width: 640, height: 400 }, 2],
    ] as const) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: scale });
      await context.addInitScript((value) => localStorage.setItem('mb-console-locale', value), locale);
      const page = await context.newPage();
      await page.goto(CONSOLE);
      await page.locator('mb-console-sign-in').waitFor();
      await page.screenshot({ path: `${SHOTS}/${locale}-${size}-sign-in.png`, fullPage: true });
      await page.locator('#key').fill(adminKey);
      await page.keyboard.press('Enter');
      await page.locator('mb-console-overview').waitFor();
      for (const name of PAGES) {
        await page.goto(name === 'overview' ? CONSOLE : `${CONSOLE}${name}`);
        await page.locator(`mb-console-${name}`).waitFor();
        await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
        await expect(page.getByText(/Wird geladen|Loading|جارٍ التحميل/)).toHaveCount(0);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${locale} ${size} ${name}: no sideways scrolling of the page`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${SHOTS}/${locale}-${size}-${name}.png`, fullPage: true });
      }
      await context.close();
    }
  }
});
