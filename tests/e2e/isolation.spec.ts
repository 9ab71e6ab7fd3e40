import { expect, type Page, test } from '@playwright/test';
import { DEMO_WRITE_KEY, SITE_URL } from './env.ts';
import { FIXTURE_URL } from './fixtures/env.ts';
import { browserDefaultFontSize, shadowStyle, watch } from './fixtures/watch.ts';

const LOOKS = [
  'background-color',
  'color',
  'font-size',
  'font-style',
  'font-weight',
  'letter-spacing',
  'text-transform',
  'line-height',
  'box-sizing',
  'padding-top',
  'border-top-width',
  'text-align',
];

async function bannerLooks(page: Page) {
  await expect(page.getByRole('button', { name: /Alle akzeptieren/i })).toBeVisible();
  const look = (selector: string) => shadowStyle(page, 'mb-consent-banner', selector, LOOKS);
  const measure = async () => ({
    accept: await look('[part~="accept"]'),
    reject: await look('[part~="reject"]'),
    panel: await look('[part~="base"]'),
    title: await look('[part~="title"]'),
  });
  // Accept and reject keep equal weight once the banner has settled (the tenant's texts arrive and re-render it):
  // measure until a measurement shows them equal, and compare that one.
  let looks = await measure();
  await expect
    .poll(async () => {
      looks = await measure();
      return looks.accept.width === looks.reject.width;
    })
    .toBe(true);
  return looks;
}

/** The host elements' computed styles: the widgets must not change any of them. */
const hostStyles = (page: Page) =>
  page.evaluate(() =>
    ['#host-title', '#host-text', '#host-button', 'body', 'html'].map((selector) => {
      const style = getComputedStyle(document.querySelector(selector)!);
      return [selector, Array.from(style, (name) => `${name}:${style.getPropertyValue(name)}`).join(';')];
    }),
  );

test('aggressive host CSS (resets, * !important, Preflight/Reboot habits) does not change the banner', async ({
  page,
}) => {
  await page.goto(`${FIXTURE_URL}/fixtures/clean.html`);
  await page.waitForLoadState('networkidle'); // the tenant's config is in: the banner's final text
  const clean = await bannerLooks(page);
  const defaultSize = await browserDefaultFontSize(page);
  expect(clean.accept['font-size']).toBe(defaultSize);

  const problems = watch(page);
  await page.goto(`${FIXTURE_URL}/fixtures/isolation.html`);
  const before = await hostStyles(page);
  await page.evaluate((writeKey) => {
    const script = document.createElement('script');
    script.src = '/matbakh.js';
    script.dataset.writeKey = writeKey;
    script.dataset.api = location.origin;
    document.head.append(script);
  }, DEMO_WRITE_KEY);
  await expect.poll(() => bannerLooks(page)).toEqual(clean);
  // …and the widgets leaked nothing into the page.
  expect(await hostStyles(page)).toEqual(before);
  expect(await page.evaluate(() => document.documentElement.getAttribute('style'))).toBeNull();
  expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);
  expect(problems).toEqual([]);
});

test('keyboard focus stays visible under a host `:focus { outline: none !important }`', async ({ page }) => {
  await page.goto(`${FIXTURE_URL}/fixtures/isolation.html`);
  await page.evaluate((writeKey) => {
    const script = document.createElement('script');
    script.src = '/matbakh.js';
    script.dataset.writeKey = writeKey;
    script.dataset.api = location.origin;
    document.head.append(script);
  }, DEMO_WRITE_KEY);
  const reject = page.getByRole('button', { name: /Alle ablehnen/i });
  await expect(reject).toBeVisible();
  await reject.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const active = document.querySelector('mb-consent-banner')!.shadowRoot!.activeElement!;
    const style = getComputedStyle(active);
    return { style: style.outlineStyle, width: style.outlineWidth };
  });
  expect(focused).toEqual({ style: 'solid', width: '2px' });
});

test('loading matbakh.js twice, or two versions, throws nothing; another version only warns in debug mode', async ({
  page,
  request,
}) => {
  const bundle = await (await request.get(`${SITE_URL}/matbakh.js`)).text();
  const version = /matbakh\.js (\d+\.\d+\.\d+)/.exec(bundle)?.[1];
  expect(version).toBeTruthy();
  const other = ['"', "'", '`'].reduce((text, q) => text.replaceAll(`${q}${version}${q}`, `${q}9.9.9${q}`), bundle);
  expect(other).toContain('9.9.9');
  await page.route('**/matbakh-v9.js', (route) => route.fulfill({ body: other, contentType: 'text/javascript' }));
  const warnings: string[] = [];
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  const problems = watch(page);

  for (const debug of [false, true]) {
    warnings.length = 0;
    await page.goto(`${SITE_URL}/${debug ? '?matbakh_debug=1' : ''}`);
    await expect(page.getByRole('button', { name: 'Alle akzeptieren' })).toBeVisible();
    const client = await page.evaluate(() => (window.matbakh as { client?: object }).client);
    for (const src of ['/matbakh.js', '/matbakh-v9.js']) {
      await page.evaluate(
        (src) =>
          new Promise((resolve, reject) => {
            const script = document.createElement('script');
            script.src = src;
            script.dataset.writeKey = 'pk_demo_partner_site';
            script.onload = resolve;
            script.onerror = reject;
            document.head.append(script);
          }),
        src,
      );
    }
    expect(await page.evaluate(() => (window.matbakh as { version?: string }).version)).toBe(version);
    expect(await page.evaluate(() => (window.matbakh as { client?: object }).client)).toEqual(client);
    await expect(page.getByRole('button', { name: 'Alle akzeptieren' })).toHaveCount(1);
    const versionWarnings = warnings.filter((text) => text.includes('9.9.9') && text.includes('mb-consent-banner'));
    expect(versionWarnings.length, warnings.join('\n')).toBe(debug ? 1 : 0);
  }
  expect(problems).toEqual([]);
});
