import { expect, test } from '@playwright/test';
import type {} from '../../sdk/src/loader/index.ts';
import { API_URL, SITE_URL } from './env.ts';
import { SECOND_WRITE_KEY } from './fixtures/env.ts';
import { browserDefaultFontSize, shadowStyle, watch } from './fixtures/watch.ts';

type ThemeGlobal = { theme: { set(theme: unknown): boolean; get(): { preset?: string } } };
const BRAND_SURFACE = 'rgb(246, 251, 247)';
const BRAND_PRIMARY = 'rgb(23, 112, 60)';

test('white-label: data-theme brand preset, German texts, banner and privacy center', async ({ page }) => {
  const problems = watch(page);
  await page.goto(`${SITE_URL}/white-label/`);
  const accept = page.getByRole('button', { name: 'Alle akzeptieren' });
  await expect(accept).toBeVisible();
  expect(await page.evaluate(() => (window.matbakh as unknown as ThemeGlobal).theme.get().preset)).toBe(
    'brand-example',
  );
  const panel = await shadowStyle(page, 'mb-consent-banner', '[part~="base"]', ['background-color', 'border-radius']);
  expect(panel['background-color']).toBe(BRAND_SURFACE);
  expect(panel['border-radius']).toBe('20px'); // brand radius-l
  const button = await shadowStyle(page, 'mb-consent-banner', '[part~="accept"]', ['background-color', 'color']);
  expect(button['background-color']).toBe(BRAND_PRIMARY);
  expect(button.color).toBe('rgb(255, 255, 255)');

  await accept.click();
  // The dashboard and its recommendation cards wear the brand too.
  const card = page.locator('mb-recommendation-card').first();
  await expect(card).toBeVisible({ timeout: 15_000 });
  const why = await card
    .locator('[part~="why"]')
    .evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).borderTopColor]);
  expect(why).toContain(BRAND_PRIMARY);
  await page.getByRole('link', { name: 'Datenschutz-Einstellungen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Datenschutz-Center' });
  await expect(dialog).toBeVisible();
  const center = await shadowStyle(page, 'mb-privacy-center', '[part~="base"]', ['background-color']);
  expect(center['background-color']).toBe(BRAND_SURFACE);
  expect(problems).toEqual([]);
});

test("the page's html { font-size: 62.5% } does not shrink the widgets; the browser default is kept", async ({
  page,
}) => {
  await page.goto(`${SITE_URL}/white-label/`);
  await expect(page.getByRole('button', { name: 'Alle akzeptieren' })).toBeVisible();
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('10px');
  const defaultSize = await browserDefaultFontSize(page);
  expect(defaultSize).toBe('16px');
  const panel = await shadowStyle(page, 'mb-consent-banner', '[part~="base"]', ['font-size', 'padding-top']);
  expect(panel['font-size']).toBe(defaultSize);
  expect(panel['padding-top']).toBe('24px'); // --mb-space-l = 1.5em of 16px
  const button = await shadowStyle(page, 'mb-consent-banner', '[part~="accept"]', ['font-size']);
  expect(button['font-size']).toBe(defaultSize);
  expect(button.height).toBeGreaterThanOrEqual(44); // min-block-size 2.75em: a full-size touch target
});

test('matbakh.theme.set restyles the widgets at runtime; bad input is refused with a console error', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(`${SITE_URL}/white-label/`);
  await expect(page.getByRole('button', { name: 'Alle akzeptieren' })).toBeVisible();
  expect(await page.evaluate(() => (window.matbakh as unknown as ThemeGlobal).theme.set('dark'))).toBe(true);
  let panel = await shadowStyle(page, 'mb-consent-banner', '[part~="base"]', ['background-color']);
  expect(panel['background-color']).toBe('rgb(23, 21, 19)');
  expect(
    await page.evaluate(() =>
      (window.matbakh as unknown as ThemeGlobal).theme.set({ '--mb-color-surface': '#123456' }),
    ),
  ).toBe(true);
  panel = await shadowStyle(page, 'mb-consent-banner', '[part~="base"]', ['background-color']);
  expect(panel['background-color']).toBe('rgb(18, 52, 86)');
  expect(
    await page.evaluate(() => (window.matbakh as unknown as ThemeGlobal).theme.set({ '--mb-colour-surface': 'red' })),
  ).toBe(false);
  expect(errors.join('\n')).toContain('--mb-colour-surface');
  // Nothing was written on the page's root.
  expect(await page.evaluate(() => document.documentElement.getAttribute('style'))).toBeNull();
});

test('matbakh.create: a second client with its own write key; its events go to that key only', async ({ page }) => {
  const problems = watch(page);
  const batches: { writeKey: string; events: string[] }[] = [];
  page.on('request', (request) => {
    if (!request.url().endsWith('/v1/batch') || request.method() !== 'POST') return;
    const body = JSON.parse(request.postData() ?? '{}') as {
      writeKey: string;
      batch: { event?: string; type: string }[];
    };
    batches.push({ writeKey: body.writeKey, events: body.batch.map((m) => m.event ?? m.type) });
  });
  await page.goto(`${SITE_URL}/white-label/`);
  await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
  const result = await page.evaluate(
    async ([writeKey, api]) => {
      type C = {
        track(e: string, p: object): void;
        flush(): Promise<void>;
        user(): { anonymousId: string };
        stats(): { queued: number };
        consent: { set(c: object): void };
      };
      const global = window.matbakh as unknown as { client: C; create(o: object): C | undefined };
      const second = global.create({ writeKey, api, flushAt: 1 })!;
      second.consent.set({ analytics: true });
      second.track('Second Only', {});
      global.client.track('First Only', {});
      for (let i = 0; i < 10 && second.stats().queued > 0; i++) await second.flush();
      for (let i = 0; i < 10 && global.client.stats().queued > 0; i++) await global.client.flush();
      return {
        distinct: second !== global.client,
        ids: [second.user().anonymousId, global.client.user().anonymousId],
        keys: Object.keys(localStorage).sort(),
        refused: global.create({ writeKey: 'pk_demo_partner_site', api }) === undefined,
      };
    },
    [SECOND_WRITE_KEY, API_URL] as const,
  );
  expect(result.distinct).toBe(true);
  expect(result.ids[0]).not.toBe(result.ids[1]);
  expect(result.refused).toBe(true);
  const sentWith = (event: string) => batches.filter((b) => b.events.includes(event)).map((b) => b.writeKey);
  await expect.poll(() => sentWith('Second Only')).toEqual([SECOND_WRITE_KEY]);
  await expect.poll(() => sentWith('First Only')).toEqual(['pk_demo_partner_site']);
  // Per-client storage carries the write key, the consent decision (`mb.consent.<writeKey>`) included.
  for (const key of result.keys.filter((k) => k.startsWith('mb.'))) {
    expect(key).toMatch(new RegExp(`\\.(pk_demo_partner_site|${SECOND_WRITE_KEY})(\\.|$)`));
  }
  expect(result.keys.some((key) => key.includes(SECOND_WRITE_KEY))).toBe(true);
  expect(problems.filter((p) => !p.includes('already has a client'))).toEqual([]);
});
