import { expect, type Page, test } from '@playwright/test';
import { SITE_URL } from './env.ts';

/** Opens an example page and collects uncaught errors. */
async function openSite(page: Page, path: string) {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${SITE_URL}${path}`);
  await page.waitForFunction(() => typeof (window.matbakh as { version?: string })?.version === 'string');
  return errors;
}

/** Cards of `<mb-recommendations>` inside the dashboard (Playwright's locators pierce shadow roots). */
const cards = (page: Page) => page.locator('mb-recommendation-card');

test('guest dashboard: live recommendations from the reference server, each with its reason', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/v1/recommendations?')) requests.push(request.url());
  });
  const errors = await openSite(page, '/');
  await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
  await expect(page.getByRole('heading', { name: 'Ihr Dashboard' })).toBeVisible();
  await expect(cards(page).first()).toBeVisible({ timeout: 15_000 });
  const count = await cards(page).count();
  expect(count).toBeGreaterThan(0);
  // Every card says why it is shown.
  for (let i = 0; i < count; i++) await expect(cards(page).nth(i).locator('[part~="reason"]')).not.toBeEmpty();
  // With consent, the server may use the visitor's history: the request says so.
  await expect.poll(() => requests.some((url) => /[?&]profiling=1(&|$)/.test(url))).toBe(true);

  // "Why this?" explains in plain language and Escape returns focus to the button.
  const why = cards(page).first().getByRole('button', { name: 'Warum das?' });
  await why.click();
  const popover = cards(page).first().locator('[part~="popover"]');
  await expect(popover).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(popover).toBeHidden();
  await expect(why).toBeFocused();
  // The personalization file runs on matbakh.js's Lit: one copy on the page, not one per file.
  expect(await page.evaluate(() => (window as { litHtmlVersions?: string[] }).litHtmlVersions?.length)).toBe(1);
  expect(errors).toEqual([]);
});

test('guest dashboard without personalization consent: recommendations say they are not personalized', async ({
  page,
}) => {
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/v1/recommendations?')) requests.push(request.url());
  });
  const errors = await openSite(page, '/');
  await page.getByRole('button', { name: 'Alle ablehnen' }).click();
  await expect(cards(page).first()).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => requests.length).toBeGreaterThan(0);
  for (const url of requests) {
    expect(url).toMatch(/[?&]profiling=0(&|$)/);
    // No identifier leaves the page without consent.
    expect(url).not.toMatch(/anonymousId|userId/);
  }
  await expect(page.locator('mb-recommendations [part~="basis"]')).toContainText(/nicht personalisiert/i);
  expect(errors).toEqual([]);
});

test('preferences: a diet chosen in the panel survives a reload (stored with consent)', async ({ page }) => {
  await openSite(page, '/');
  await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
  await page.getByText('Meine Einstellungen').click();
  const vegan = page.locator('mb-preference-panel').getByRole('checkbox', { name: /^Vegan$/ });
  await vegan.check();
  await expect(vegan).toBeChecked();
  await page.waitForTimeout(300);
  await page.reload();
  await page.waitForFunction(() => typeof (window.matbakh as { version?: string })?.version === 'string');
  await page.getByText('Meine Einstellungen').click();
  await expect(page.locator('mb-preference-panel').getByRole('checkbox', { name: /^Vegan$/ })).toBeChecked();
});

test('language: English chosen in the panel switches the banner at once and the privacy center opened later', async ({
  page,
}) => {
  const errors = await openSite(page, '/');
  await expect(page.getByRole('button', { name: 'Alle akzeptieren' })).toBeVisible();
  // Before deciding: the panel works for the session without consent; the banner stays open below.
  await page.getByText('Meine Einstellungen').click();
  await page.locator('mb-preference-panel').getByLabel('Sprache').selectOption('en');
  // The banner (matbakh.js) and the panel (its own file) follow one choice.
  await expect(page.getByRole('button', { name: 'Accept all' })).toBeVisible();
  await expect(page.locator('mb-preference-panel').getByLabel('Language')).toBeVisible();
  await page.getByRole('button', { name: 'Accept all' }).click();
  // The privacy center comes from a third file, loaded only now.
  await page.locator('#privacy-link').click();
  await expect(page.locator('mb-privacy-center').getByRole('heading', { name: 'Privacy center' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('owner dashboard: insights from stored orders with a health alert, and the Analytics upgrade with its reason', async ({
  page,
}) => {
  const errors = await openSite(page, '/owner/');
  await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
  await expect(page.getByText('Angemeldet als Demo-Inhaberin')).toBeVisible({ timeout: 15_000 });
  const insights = page.locator('mb-insights');
  await expect(insights.getByRole('heading', { name: 'Hinweise für Ihr Restaurant' })).toBeVisible({
    timeout: 15_000,
  });
  await expect(
    insights.locator('[part~="card"][data-severity="warning"], [part~="card"][data-severity="critical"]').first(),
  ).toBeVisible();
  const feature = cards(page)
    .filter({ hasText: /Analytics|Auswertung/i })
    .first();
  await expect(feature).toBeVisible({ timeout: 15_000 });
  await expect(feature.locator('[part~="reason"]')).not.toBeEmpty();
  expect(errors).toEqual([]);
});
