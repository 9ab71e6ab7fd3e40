import { expect, type Page, test } from '@playwright/test';
import { eventsOf, label } from './db.ts';
import { FIXTURE_URL } from './fixtures/env.ts';
import { STRICT_CSP } from './fixtures/server.ts';
import { recordCspViolations, violations, watch } from './fixtures/watch.ts';

type Global = { client: { user(): { anonymousId: string }; flush(): Promise<void> } };

async function open(page: Page) {
  const problems = watch(page);
  await recordCspViolations(page);
  const response = await page.goto(`${FIXTURE_URL}/strict-csp/`);
  expect(response?.headers()['content-security-policy']).toBe(STRICT_CSP);
  return problems;
}

test('strict CSP + Trusted Types: the banner is styled, consent and tracking work, no violation', async ({ page }) => {
  const problems = await open(page);
  // The widget styles arrived as constructable stylesheets: the bar is laid out (fixed), not unstyled.
  await expect(page.getByRole('button', { name: 'Alle akzeptieren' })).toBeVisible();
  const position = await page.evaluate(
    () =>
      getComputedStyle(document.querySelector('mb-consent-banner')!.shadowRoot!.querySelector('[part~="base"]')!)
        .position,
  );
  expect(position).toBe('fixed');
  await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
  const id = await page.evaluate(() => (window.matbakh as unknown as Global).client.user().anonymousId);
  await page.getByRole('button', { name: 'In den Warenkorb' }).click();
  await page.evaluate(() => (window.matbakh as unknown as Global).client.flush());
  await expect.poll(() => eventsOf(id).map(label), { timeout: 15_000 }).toContain('Product Added');
  expect(await violations(page)).toEqual([]);
  expect(problems).toEqual([]);
});

/** Opens the privacy center, whose file matbakh.js loads on first use. */
async function openPrivacyCenter(page: Page) {
  await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
  await page.getByRole('button', { name: 'Datenschutz-Einstellungen' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
}

test('strict CSP: the lazily loaded privacy center works once its script URL is a TrustedScriptURL', async ({
  page,
}) => {
  // Stand-in for the fix in widgets/src/shared/lazy.ts (a 'matbakh' policy of its own): a page policy that
  // trusts our own files. Proves everything else about the privacy center works under this CSP.
  await page.addInitScript(() => {
    const tt = (window as unknown as { trustedTypes?: { createPolicy(n: string, r: object): unknown } }).trustedTypes;
    tt?.createPolicy('default', {
      createScriptURL: (url: string) => (new URL(url, location.href).pathname.startsWith('/matbakh') ? url : null),
    });
  });
  const problems = await open(page);
  await openPrivacyCenter(page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  expect(await violations(page)).toEqual([]);
  expect(problems).toEqual([]);
});

// lazy.ts loads our own files through a 'matbakh' Trusted Types policy that vouches for those URLs only.
test('strict CSP: the lazily loaded privacy center works without help from the page', async ({ page }) => {
  const problems = await open(page);
  await openPrivacyCenter(page);
  expect(await violations(page)).toEqual([]);
  expect(problems).toEqual([]);
});
