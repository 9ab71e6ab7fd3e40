import { expect, test } from '@playwright/test';
import { FIXTURE_URL } from './fixtures/env.ts';
import { watch } from './fixtures/watch.ts';

// React 19 sets `client`/`open` as properties and listens via `onmb-*` props.
test('React host: properties reach the elements, mb-* events reach the app exactly once', async ({ page }) => {
  const problems = watch(page);
  await page.goto(`${FIXTURE_URL}/react-host/`);
  await expect(page.getByRole('heading', { name: 'React host' })).toBeVisible();
  const accept = page.getByRole('button', { name: 'Alle akzeptieren' });
  await expect(accept).toBeVisible();

  // The client is a property (no window.matbakh on this page, so the widgets can only have it from the app).
  const wiring = await page.evaluate(() => {
    const banner = document.querySelector('mb-consent-banner') as HTMLElement & { client?: { consent?: object } };
    const center = document.querySelector('mb-privacy-center') as HTMLElement & { client?: object; open?: boolean };
    return {
      global: 'matbakh' in window,
      bannerClient: typeof banner.client?.consent,
      sameClient: banner.client === center.client,
      clientAttribute: banner.hasAttribute('client') || center.hasAttribute('client'),
      theme: banner.getAttribute('theme'),
      open: center.open,
    };
  });
  expect(wiring).toEqual({
    global: false,
    bannerClient: 'object',
    sameClient: true,
    clientAttribute: false,
    theme: 'brand-example',
    open: false,
  });

  await accept.click();
  await expect(page.getByTestId('changes')).toHaveText('banner:accept_all');

  // A boolean property from app state opens the dialog; the widget's close event flows back into state.
  await page.getByRole('button', { name: 'Datenschutz-Einstellungen' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  expect(
    await page.evaluate(() => (document.querySelector('mb-privacy-center') as HTMLElement & { open: boolean }).open),
  ).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('closed-by')).toHaveText('escape');
  expect(
    await page.evaluate(() => (document.querySelector('mb-privacy-center') as HTMLElement & { open: boolean }).open),
  ).toBe(false);
  // Opening again works: the app's state went back to false, so setting true is a change.
  await page.getByRole('button', { name: 'Datenschutz-Einstellungen' }).click();
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('changes')).toHaveText('banner:accept_all');
  expect(problems).toEqual([]);
});
