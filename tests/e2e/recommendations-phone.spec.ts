import { expect, test } from '@playwright/test';
import { SITE_URL } from './env.ts';

/**
 * The partner page on a 390 px phone: the recommendations are one row of cards that scrolls sideways, one card
 * tall, not a screen per card above the partner's own menu; no dish without image shows a grey box.
 */
test('partner page (phone): recommendations are one card tall, a row the keyboard walks through', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(SITE_URL);
  await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
  await page.getByRole('button', { name: 'Tour beenden' }).click({ timeout: 15_000 });
  const list = page.getByRole('list', { name: 'Empfohlen für Sie' });
  await expect(list.locator(':scope > li')).toHaveCount(4, { timeout: 15_000 });
  const boxes = await list.locator(':scope > li').evaluateAll((items) =>
    items.map((item) => {
      const box = item.getBoundingClientRect();
      return { top: Math.round(box.top), height: Math.round(box.height) };
    }),
  );
  // One row: every card at the same height on the page, the list no taller than a card and its padding.
  expect(new Set(boxes.map((box) => box.top)).size).toBe(1);
  const listBox = (await list.boundingBox())!;
  expect(listBox.height).toBeLessThanOrEqual(boxes[0]!.height + 24);
  // The partner's menu follows within two screens (it was ~3,000 px down, below four grey boxes).
  const menu = await page.locator('#menu').evaluate((node) => node.getBoundingClientRect().top + window.scrollY);
  expect(menu).toBeLessThan(2 * 844);
  // A scrolling list is a tab stop of its own; its name is the heading.
  await expect(list).toHaveAttribute('tabindex', '0');
});
