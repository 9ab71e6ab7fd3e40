// The console's configuration editors (issue 16) on the real server, driven by keyboard: a new tenant sets its
// privacy-policy link and German banner text, adds a next-best-action rule, starts an experiment and uploads a CSV
// catalogue with a bad row; its own page (a fixture host page on another origin) shows each change.

import { createTenant, DEMO_ORIGINS, openDb } from '@matbakh/server';
import { expect, type Page, test } from '@playwright/test';
import { axeViolations, focusedName, tabTo } from './console-helpers.ts';
import { API_URL } from './env.ts';
import { FIXTURE_URL } from './fixtures/env.ts';

const CONSOLE = `${API_URL}/console/`;
const WRITE_KEY = 'pk_e2e_console_editors';
const PARTNER_PAGE = `${FIXTURE_URL}/fixtures/console-tenant.html`;
const POLICY_URL = 'https://falafel-eck.example/datenschutz';
const BANNER_TEXT = 'Falafel Eck speichert nur, was Sie erlauben.';
const RULE_TITLE = 'Heute: Falafel-Teller zum halben Preis';

test.use({ locale: 'de-DE' });
// One tenant for the file (its write key is the fixture page's); each test signs in anew. The walks through long
// forms by Tab take their time on a shared two-core machine.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

let adminKey = '';

test.beforeAll(async () => {
  const db = await openDb(process.env.MB_E2E_DB!);
  try {
    const tenant = await createTenant(db, { name: 'Falafel Eck', origins: DEMO_ORIGINS, writeKey: WRITE_KEY });
    if (!tenant.adminKey) throw new Error('the tenant existed before this run: no admin key to use');
    adminKey = tenant.adminKey;
  } finally {
    await db.close();
  }
});

/** Signs in and opens a page through the navigation, by keyboard only. */
async function openByKeyboard(page: Page, name: string) {
  await page.goto(CONSOLE);
  await page.getByLabel('Admin-Schlüssel').focus();
  await page.keyboard.type(adminKey);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Übersicht' })).toBeFocused();
  await tabTo(page, name, { tag: 'A' });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name })).toBeFocused();
  await expect(page.getByText('Wird geladen')).toHaveCount(0);
}

/**
 * Replaces the focused field's text from the keyboard: select all, then the text as one input (as a paste or an
 * input method delivers it; typing it key by key re-checks the form per key and only makes a loaded machine slow).
 */
async function retype(page: Page, text: string) {
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  if (text) await page.keyboard.insertText(text);
}

test('consent: a bad link is named at its field while typing; the published link and German text reach the page', async ({
  page,
}) => {
  await openByKeyboard(page, 'Einwilligung');
  expect(await axeViolations(page)).toEqual([]);
  const link = page.getByLabel('Link zur Datenschutzerklärung');

  await tabTo(page, 'Link zur Datenschutzerklärung');
  await retype(page, 'javascript:alert(1)');
  await expect(link).toHaveAttribute('aria-invalid', 'true');
  // The sentence sits at the field and is its description (what a screen reader reads with it).
  await expect(link).toHaveAccessibleDescription(/vollständige Adresse an, die mit https:\/\/ oder http:\/\/ beginnt/);
  await retype(page, POLICY_URL);
  await expect(link).not.toHaveAttribute('aria-invalid', 'true');

  await tabTo(page, 'Erklärung (Deutsch)');
  await page.keyboard.insertText(BANNER_TEXT);
  // The live preview is the real banner element, rendered with the draft.
  const preview = page.locator('mb-console-consent mb-consent-banner');
  await expect(preview.getByText(BANNER_TEXT)).toBeVisible();
  await expect(preview.getByRole('link', { name: /Datenschutzerklärung/ })).toHaveAttribute('href', POLICY_URL);

  await tabTo(page, 'Entwurf speichern');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Entwurf gespeichert');
  // A wording change keeps the policy version: visitors who decided are not asked again.
  await expect(page.getByText(/Die Richtlinienversion bleibt \d+/)).toBeVisible();
  await tabTo(page, 'Veröffentlichen');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText(/Veröffentlicht als Version \d+/);
  expect(await axeViolations(page)).toEqual([]);

  await page.goto(PARTNER_PAGE);
  const banner = page.locator('mb-consent-banner');
  await expect(banner.getByText(BANNER_TEXT)).toBeVisible();
  await expect(banner.getByRole('link', { name: /Datenschutzerklärung/ })).toHaveAttribute('href', POLICY_URL);
});

test('personalization: a rule added in the console is the next-best-action on the page', async ({ page }) => {
  await openByKeyboard(page, 'Personalisierung');
  expect(await axeViolations(page)).toEqual([]);
  await tabTo(page, 'Regel hinzufügen');
  await page.keyboard.press('Enter');
  // The new rule opens with focus in its first field; its empty title is named at once.
  await expect(page.locator('mb-console-personalization details[open] input').first()).toBeFocused();
  const title = page.locator('mb-console-personalization details[open]').getByLabel('Titel (Deutsch)');
  await expect(title).toHaveAttribute('aria-invalid', 'true');

  await tabTo(page, 'Titel (Deutsch)');
  await page.keyboard.insertText(RULE_TITLE);
  await expect(title).not.toHaveAttribute('aria-invalid', 'true');
  await tabTo(page, 'Text (Deutsch)');
  await page.keyboard.insertText('Nur heute, solange der Vorrat reicht.');
  await tabTo(page, 'Begründung (Deutsch)');
  await page.keyboard.insertText('Es ist Mittagszeit.');
  await tabTo(page, 'Bedingung (JSON)');
  const condition = page.locator('mb-console-personalization details[open]').getByLabel('Bedingung (JSON)');
  await page.keyboard.press('End');
  await page.keyboard.type(',');
  await expect(condition).toHaveAccessibleDescription(/kein gültiges JSON/);
  await page.keyboard.press('Backspace');
  await expect(condition).not.toHaveAttribute('aria-invalid', 'true');

  const preview = page.locator('mb-console-personalization mb-next-best-action');
  await expect(preview.getByRole('heading', { name: RULE_TITLE })).toBeVisible();
  await tabTo(page, 'Veröffentlichen');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText(/Veröffentlicht als Version \d+/);

  await page.goto(PARTNER_PAGE);
  await expect(page.locator('main mb-next-best-action').getByRole('heading', { name: RULE_TITLE })).toBeVisible({
    timeout: 15_000,
  });
});

test('experiments: a draft is created and started in the console; an exposure on the page appears in its results', async ({
  page,
}) => {
  await openByKeyboard(page, 'Experimente');
  expect(await axeViolations(page)).toEqual([]);
  await tabTo(page, 'Schlüssel');
  await page.keyboard.insertText('e2e cta');
  await expect(page.getByLabel('Schlüssel', { exact: true })).toHaveAccessibleDescription(
    /Erlaubt sind 1–100 Buchstaben/,
  );
  await retype(page, 'e2e-cta');
  await expect(page.getByLabel('Schlüssel', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  await tabTo(page, 'Als Entwurf anlegen');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText(/e2e-cta\u2069? ist als Entwurf angelegt/);
  await tabTo(page, 'e2e-cta starten');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText(/e2e-cta\u2069? läuft jetzt/);
  await expect(page.getByText('Noch keine Teilnehmer.')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // The partner page asks for the visitor's variant, as a page about to show it does.
  const site = await page.context().newPage();
  await site.goto(PARTNER_PAGE);
  await site.locator('mb-consent-banner').getByRole('button', { name: 'Alle akzeptieren' }).click();
  await site.waitForFunction(() => (window.matbakh as { experiments?: unknown }).experiments !== undefined);
  const variant = await site.evaluate(async () => {
    const global = window.matbakh as unknown as {
      experiments: { ready: Promise<void>; variant(key: string): string | null };
      client: { flush(): Promise<void> };
    };
    await global.experiments.ready;
    const chosen = global.experiments.variant('e2e-cta');
    await global.client.flush();
    return chosen;
  });
  expect(['control', 'variant-b']).toContain(variant);

  // The worker folds the exposure into the report within seconds; the page reads it on load.
  await expect
    .poll(
      async () => {
        await page.reload();
        const row = page.locator('mb-console-experiments tr').filter({ hasText: variant! });
        return (await row.count()) > 0 ? ((await row.locator('td').first().textContent()) ?? '').trim() : '';
      },
      { timeout: 30_000, intervals: [1000] },
    )
    .toBe('1');
});

test('campaigns: created by keyboard, a bad placeholder named at its field, previewed as text, started', async ({
  page,
}) => {
  await openByKeyboard(page, 'Kampagnen');
  expect(await axeViolations(page)).toEqual([]);
  await tabTo(page, 'Neue Kampagne');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Neue Kampagne' })).toBeFocused();
  await tabTo(page, 'Name');
  await page.keyboard.insertText('Mittagsangebot');
  await tabTo(page, 'Titel (Deutsch)');
  await page.keyboard.insertText('Hallo {vorname}');
  const title = page.getByLabel('Titel (Deutsch)');
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(title).toHaveAccessibleDescription(/\{vorname\}/);
  await retype(page, 'Hallo {firstName}, <b>heute</b>');
  await expect(title).not.toHaveAttribute('aria-invalid', 'true');
  await tabTo(page, 'Text (Deutsch)');
  await page.keyboard.insertText('Ihr {dish} zum halben Preis.');
  await tabTo(page, 'Speichern');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText(/Mittagsangebot\u2069? ist gespeichert/);
  expect(await axeViolations(page)).toEqual([]);

  await tabTo(page, 'Vorschau');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: /Vorschau: .?Mittagsangebot/ })).toBeFocused();
  // Markup from the texts stays text: the heading shows the tags, no <b> element exists.
  const preview = page.locator('mb-console-campaigns article.preview');
  await expect(preview.getByRole('heading', { level: 3 })).toHaveText('Hallo Lina, <b>heute</b>');
  await expect(preview.locator('b')).toHaveCount(0);
  await expect(preview).toContainText('Ihr Falafel zum halben Preis.');

  const start = page.getByRole('button', { name: /Starten: .?Mittagsangebot/ });
  await start.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText(/Mittagsangebot\u2069? läuft/);
  await expect(page.locator('mb-console-campaigns tbody tr').filter({ hasText: 'Mittagsangebot' })).toContainText(
    'Läuft',
  );
  expect(await axeViolations(page)).toEqual([]);
  const db = await openDb(process.env.MB_E2E_DB!);
  try {
    const row = await db.get<{ status: string }>("SELECT status FROM campaigns WHERE doc LIKE '%Mittagsangebot%'");
    expect(row?.status).toBe('running');
  } finally {
    await db.close();
  }
});

test('catalogue: a CSV with one bad row names that row and changes nothing', async ({ page }) => {
  await openByKeyboard(page, 'Katalog');
  const csv = (rows: string[]) => ({
    name: 'speisekarte.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(['id,kind,name,cuisine,region,restaurantId,price.amount,price.currency', ...rows].join('\n')),
  });
  const upload = page.locator('mb-console-catalogue #file');
  await upload.setInputFiles(
    csv([
      'r-1,restaurant,Falafel Eck,lebanese,Berlin-Mitte,,,',
      'd-1,dish,Falafel-Teller,,,r-1,8.50,EUR',
      'd-2,dish,Hummus,,,r-1,6.00,EUR',
    ]),
  );
  await page.getByRole('button', { name: 'Hochladen' }).click();
  await expect(page.getByText('3 Einträge gespeichert.')).toBeVisible();

  // A renamed item, a new one, and a price that is no number (data row 3, line 4 of the file).
  await upload.setInputFiles(
    csv([
      'd-1,dish,Falafel-Teller XL,,,r-1,9.50,EUR',
      'd-3,dish,Tabouleh,,,r-1,5.00,EUR',
      'd-4,dish,Baklava,,,r-1,zwei,EUR',
    ]),
  );
  await page.getByRole('button', { name: 'Hochladen' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('1 Zeile ist fehlerhaft, nichts wurde geschrieben');
  await expect(alert.getByRole('listitem')).toHaveCount(1);
  await expect(alert.getByRole('listitem')).toContainText(/Zeile 3, \u2068?price\.amount/);

  await page.getByLabel('Katalog durchsuchen').fill('falafel');
  await expect(page.getByRole('row').filter({ hasText: 'Falafel-Teller' })).toHaveCount(1);
  await expect(page.getByRole('row').filter({ hasText: 'XL' })).toHaveCount(0);
  await page.getByLabel('Katalog durchsuchen').fill('tabouleh');
  await expect(page.getByText('Keine Treffer')).toBeVisible();
});

test('the new pages in English and Arabic: translated, right-to-left, axe clean, no keyboard trap', async ({
  browser,
}) => {
  for (const [locale, names] of [
    [
      'en',
      { consent: 'Consent', personalization: 'Personalization', experiments: 'Experiments', campaigns: 'Campaigns' },
    ],
    ['ar', { consent: 'الموافقة', personalization: 'التخصيص', experiments: 'التجارب', campaigns: 'الحملات' }],
  ] as const) {
    const context = await browser.newContext();
    await context.addInitScript((value) => localStorage.setItem('mb-console-locale', value), locale);
    const page = await context.newPage();
    await page.goto(CONSOLE);
    await page.locator('#key').fill(adminKey);
    await page.keyboard.press('Enter');
    await page.locator('mb-console-overview').waitFor();
    for (const [name, heading] of Object.entries(names)) {
      await page.goto(`${CONSOLE}${name}`);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
      await expect(page.getByText(/Loading|جارٍ التحميل/)).toHaveCount(0);
      // No German text leaks into another language (the catalog type makes every key exist in all three).
      const text = await page.locator(`mb-console-${name}`).evaluate((el) => el.shadowRoot!.textContent ?? '');
      expect(text, `${locale} ${name}`).not.toMatch(/\b(Sie|Ihre|Entwurf|speichern|hinzufügen)\b/);
      expect(await axeViolations(page), `${locale} ${name}`).toEqual([]);
      // Tab from the heading through the whole page comes back round to the skip link: nothing traps focus.
      await page.getByRole('heading', { level: 1, name: heading }).focus();
      let back = false;
      for (let i = 0; i < 400 && !back; i++) {
        await page.keyboard.press('Tab');
        back = (await focusedName(page)) === (locale === 'ar' ? 'انتقل إلى المحتوى' : 'Skip to content');
      }
      expect(back, `${locale} ${name}: Tab leaves the page`).toBe(true);
    }
    await context.close();
  }
});

test('versions: a rollback is asked first, Escape sends nothing, confirming makes a new current version', async ({
  page,
}) => {
  await openByKeyboard(page, 'Audit-Log');
  const versions = page.locator('mb-console-versions tbody tr');
  await expect(versions.first()).toContainText('(aktuell)');
  const before = await versions.count();
  // The first rollback button is the newest version before the current one.
  await tabTo(page, /^Zu Version \d+ zurückkehren$/);
  const target = Number(/\d+/.exec(await focusedName(page))![0]);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Zu Version ${target} zurückkehren?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Abbrechen' })).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(versions).toHaveCount(before);

  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('mb-console-versions').getByRole('status')).toContainText(
    `ist jetzt aktuell (wiederhergestellt aus Version ${target})`,
  );
  await expect(versions).toHaveCount(before + 1);
  await expect(versions.first()).toContainText(`(aktuell) Rollback auf Version ${target}`);
  await expect(page.getByRole('row').filter({ hasText: '"change":"rollback"' }).first()).toBeVisible();
});
