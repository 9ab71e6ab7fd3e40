// The search on the partner site (issue 20): examples/partner-site/menu.html, reached from the start page's
// navigation, with the one script tag and <mb-search> above the partner's own menu. Type "falafl", pick
// "Falafel-Teller", add it to the cart: the search, the pick and the added dish each arrive at the server once.
import { expect, type Page, test } from '@playwright/test';
import type {} from '../../sdk/src/loader/index.ts';
import { trackedOf } from './db.ts';
import { SITE_URL } from './env.ts';

const anonymousId = (page: Page) =>
  page.evaluate(() => (window.matbakh as { client?: { user(): { anonymousId: string } } }).client!.user().anonymousId);

/** What the search flow stores: the search, the pick from its results, the dish added to the cart. */
const SEARCH_FLOW = new Set(['Products Searched', 'Product Clicked', 'Product Added']);
const searchFlowOf = (id: string) => trackedOf(id).filter((row) => SEARCH_FLOW.has(row.event));

test('type "falafl", pick "Falafel-Teller", add to cart: the search and the pick are tracked once each', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${SITE_URL}/`);
  await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
  await page.getByRole('link', { name: 'Ganze Speisekarte' }).click();
  await page.waitForURL('**/menu.html');
  await page.waitForFunction(() => typeof (window.matbakh as { version?: string })?.version === 'string');
  const id = await anonymousId(page);

  const box = page.getByRole('combobox', { name: 'Suche' });
  await box.click();
  await box.pressSequentially('falafl', { delay: 40 });
  const ours = page.getByRole('option', { name: /Falafel-Teller.*Beirut Kitchen/ });
  await expect(ours).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /Treffer/ })).toHaveText(/^\d+ Treffer/);
  await ours.click();

  // The pick fills the field, closes the list and shows the dish on the menu, its button ready for the next step.
  await expect(box).toHaveValue('Falafel-Teller');
  await expect(page.getByRole('listbox')).toBeHidden();
  const dish = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Falafel-Teller' }) });
  await expect(dish).toHaveClass(/picked/);
  await expect(dish).toBeInViewport();
  const add = dish.getByRole('button', { name: 'In den Warenkorb' });
  await expect(add).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#cart')).toHaveText(/Im Warenkorb: 1/);

  await expect
    .poll(() => searchFlowOf(id).map((row) => row.event), { timeout: 15_000 })
    .toEqual(['Products Searched', 'Product Clicked', 'Product Added']);
  // Nothing arrives late or twice.
  await page.waitForTimeout(500);
  const [searched, clicked, added] = searchFlowOf(id);
  expect(searchFlowOf(id)).toHaveLength(3);
  expect(searched?.properties).toMatchObject({ query: 'falafl', query_length: 6 });
  expect(searched?.properties.results).toBeGreaterThan(0);
  // The pick names the search it came from (search → click → order attribution).
  expect(clicked?.properties).toMatchObject({
    product_id: 'd-falafel',
    restaurant_id: 'rest_demo_beirut',
    search_id: searched?.properties.search_id,
  });
  expect(typeof searched?.properties.search_id).toBe('string');
  expect(added?.properties).toMatchObject({ product_id: 'd-falafel', name: 'Falafel-Teller', price: 11.5 });
  expect(errors).toEqual([]);
});

test("a dish of another restaurant is named with a link to it; the partner's menu stays as it was", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${SITE_URL}/menu.html`);
  await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
  const box = page.getByRole('combobox', { name: 'Suche' });
  await box.click();
  await box.pressSequentially('falafl', { delay: 40 });
  const other = page
    .getByRole('option', { name: /Falafel-Teller/ })
    .filter({ hasNotText: 'Beirut Kitchen' })
    .first();
  const restaurant = (await other.textContent())!.replace('Falafel-Teller', '').trim();
  await other.click();
  await expect(page.getByRole('status').filter({ hasText: 'gibt es nicht bei uns' })).toHaveText(
    `Falafel-Teller gibt es nicht bei uns, aber bei ${restaurant}. Ansehen`,
  );
  await expect(page.getByRole('link', { name: 'Ansehen' })).toHaveAttribute('href', /^https:\/\/matbakh\.app\/r\//);
  await expect(page.locator('.dish.picked')).toHaveCount(0);
  await expect(box).toBeFocused();
  expect(errors).toEqual([]);
});
