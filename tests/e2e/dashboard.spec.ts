import { expect, type Page, test } from '@playwright/test';
import { SITE_URL } from './env.ts';

/** Opens the partner page, accepts everything and ends the welcome tour (as a first-time guest does). */
async function openAccepted(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // The demo rules include a lunch offer (11–14 h local): these tests assume a first visit with no eligible next
  // step, so the page's clock reads a morning rather than whatever time the run happens at.
  await page.clock.setFixedTime(new Date('2026-03-04T09:30:00'));
  await page.goto(SITE_URL);
  await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
  await page.getByRole('button', { name: 'Tour beenden' }).click({ timeout: 15_000 });
  await expect(page.getByRole('button', { name: 'Tour beenden' })).toBeHidden();
  return errors;
}

/**
 * The widget ids in the order the grid lays them out: top to bottom, start to end (layout boxes, so a cell
 * still sliding to its place counts where it lands).
 */
const shownOrder = (page: Page) =>
  page.locator('mb-widget-grid').evaluate((grid) =>
    [...(grid.shadowRoot?.querySelectorAll<HTMLElement>('[part~="cell"]') ?? [])]
      .map((cell) => ({ id: cell.dataset.id ?? '', top: cell.offsetTop, left: cell.offsetLeft }))
      .sort((a, b) => a.top - b.top || a.left - b.left)
      .map((cell) => cell.id),
  );

/** The saved `guest` layout in the visitor's preferences. */
const savedOrder = (page: Page) =>
  page.evaluate(
    () =>
      (
        window.matbakh as unknown as {
          preferences: { get(): { layout: Record<string, { order: string[]; hidden: string[] }> } };
        }
      ).preferences.get().layout.guest,
  );

/** The title the dashboard gives a widget (what its handle and menu are named after). */
const titleOf = (page: Page, id: string) =>
  page.locator(`mb-dashboard [widget-id="${id}"]`).evaluate((el) => el.getAttribute('widget-title') ?? '');

/** Moves the last widget shown one place towards the start by keyboard: pick up, arrow, drop. */
async function moveLastEarlier(page: Page) {
  const last = (await shownOrder(page)).at(-1) as string;
  const handle = page.getByRole('button', { name: `${await titleOf(page, last)} verschieben` });
  await handle.focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Space');
}

test('a layout arranged by keyboard is what the grid shows after a reload', async ({ page }) => {
  const errors = await openAccepted(page);
  const before = await shownOrder(page);
  expect(before.length).toBeGreaterThan(1);
  await moveLastEarlier(page);
  const after = await shownOrder(page);
  expect(after).toEqual([...before.slice(0, -2), before.at(-1), before.at(-2)]);
  await expect.poll(async () => (await savedOrder(page))?.order.slice(0, after.length)).toEqual(after);

  await page.reload();
  await page.waitForFunction(() => typeof (window.matbakh as { version?: string })?.version === 'string');
  await expect(page.locator('mb-recommendations')).toBeVisible({ timeout: 15_000 });
  // The config and the preferences arrive after the first render: the saved order must still win then.
  await expect.poll(() => page.evaluate(() => (window.matbakh as { client?: { config?: unknown } }).client?.config));
  await page.waitForTimeout(500);
  expect(await shownOrder(page)).toEqual(after);
  expect(errors).toEqual([]);
});

test('"Dashboard anpassen" lists a hidden widget and keeps the arrangement; a language switch keeps it too', async ({
  page,
}) => {
  const errors = await openAccepted(page);
  await moveLastEarlier(page);
  const arranged = await shownOrder(page);
  // Hide the widget shown first through its options menu.
  const hide = arranged[0] as string;
  const title = await titleOf(page, hide);
  await page.getByRole('button', { name: `Optionen für ${title}` }).click();
  await page.getByRole('menuitem', { name: 'Ausblenden' }).click();
  const withHidden = arranged.filter((id) => id !== hide);
  await expect.poll(() => shownOrder(page)).toEqual(withHidden);

  await page.getByRole('button', { name: 'Dashboard anpassen' }).click();
  await expect(page.getByRole('button', { name: `${title} einblenden` })).toBeVisible();
  await expect(page.getByText('Keine ausgeblendeten Widgets')).toBeHidden();
  expect(await shownOrder(page)).toEqual(withHidden);
  expect((await savedOrder(page))?.hidden).toContain(hide);

  // Another language for every widget: same arrangement, same hidden widget.
  await page.evaluate(() =>
    (window.matbakh as unknown as { preferences: { set(k: string, v: string): unknown } }).preferences.set(
      'locale',
      'en',
    ),
  );
  await expect(page.getByRole('heading', { name: 'Your dashboard' })).toBeVisible();
  await page.waitForTimeout(300);
  expect(await shownOrder(page)).toEqual(withHidden);
  expect((await savedOrder(page))?.hidden).toContain(hide);
  expect(errors).toEqual([]);
});

for (const path of ['/', '/owner/']) {
  test(`the welcome tour on ${path} opens inside the viewport and stays there while the page loads`, async ({
    page,
  }) => {
    await page.goto(`${SITE_URL}${path}`);
    await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
    const dialog = page.locator('mb-tour').getByRole('dialog');
    await expect(dialog).toBeVisible({ timeout: 15_000 });
    const viewport = page.viewportSize() as { width: number; height: number };
    const inside = async () => {
      const box = await dialog.boundingBox();
      return (
        !!box &&
        box.y >= 0 &&
        box.x >= 0 &&
        box.y + box.height <= viewport.height &&
        box.x + box.width <= viewport.width
      );
    };
    await expect.poll(inside).toBe(true);
    // The dashboard's widgets and recommendations arrive after the step opened: it is still readable then.
    await expect(page.locator('mb-recommendation-card').first()).toBeAttached({ timeout: 15_000 });
    await page.waitForTimeout(500);
    expect(await inside()).toBe(true);
    await expect(dialog).toBeVisible();
  });
}

test('a guest with no eligible next step sees no empty "Ihr nächster Schritt" card', async ({ page }) => {
  const errors = await openAccepted(page);
  await expect(page.locator('mb-recommendation-card').first()).toBeVisible({ timeout: 15_000 });
  // The rules ran (the widget is defined and answered): nothing eligible for a first visit.
  await expect(page.locator('mb-next-best-action')).toBeAttached();
  await page.waitForFunction(() => customElements.get('mb-next-best-action') !== undefined);
  await expect(page.locator('mb-next-best-action')).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Ihr nächster Schritt' })).toBeHidden();
  expect(await shownOrder(page)).not.toContain('next-best-action');
  expect(errors).toEqual([]);
});

test('ticking "Vegetarisch" updates the recommendations at once, without a reload', async ({ page }) => {
  const errors = await openAccepted(page);
  const diets = () =>
    page
      .locator('mb-recommendation-card')
      .evaluateAll((cards) =>
        cards.map((card) => (card as HTMLElement & { item?: { diet?: string[] } }).item?.diet ?? []),
      );
  await expect(page.locator('mb-recommendation-card').first()).toBeVisible({ timeout: 15_000 });
  // The demo catalogue's first answer holds dishes that are not vegetarian.
  expect((await diets()).some((diet) => !diet.includes('vegetarian'))).toBe(true);
  await page.getByText('Meine Einstellungen').click();
  await page
    .locator('mb-preference-panel')
    .getByRole('checkbox', { name: /^Vegetarisch$/ })
    .check();
  await expect
    .poll(
      async () => {
        const shown = await diets();
        return shown.length > 0 && shown.every((diet) => diet.includes('vegetarian'));
      },
      { timeout: 5_000 },
    )
    .toBe(true);
  expect(errors).toEqual([]);
});

test('dark theme on the cream partner page: the dashboard paints its surface; unreadable themes are refused', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await openAccepted(page);
  type ThemeGlobal = { theme: { set(theme: unknown): boolean } };
  expect(await page.evaluate(() => (window.matbakh as unknown as ThemeGlobal).theme.set('dark'))).toBe(true);
  const colors = await page.locator('mb-dashboard').evaluate((el) => {
    const heading = el.shadowRoot!.querySelector('[part~="heading"]')!;
    const base = el.shadowRoot!.querySelector('[part~="base"]')!;
    return { text: getComputedStyle(heading).color, background: getComputedStyle(base).backgroundColor };
  });
  expect(colors).toEqual({ text: 'rgb(248, 247, 245)', background: 'rgb(23, 21, 19)' });
  // Bad values and unreadable pairs: false, a console error naming why, the banner's buttons unchanged.
  const set = (tokens: Record<string, string>) =>
    page.evaluate((t) => (window.matbakh as unknown as ThemeGlobal).theme.set(t), tokens);
  expect(await set({ '--mb-color-primary': 'purple-ish' })).toBe(false);
  expect(await set({ '--mb-color-primary': '#ffeb3b', '--mb-color-on-primary': '#ffffff' })).toBe(false);
  expect(errors.join('\n')).toContain('purple-ish');
  expect(errors.join('\n')).toContain('WCAG AA');
});
