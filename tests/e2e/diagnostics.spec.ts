// Issue 16 item 5: a page opened on an origin its tenant does not allow. With data-debug the developer gets one
// console line naming the cause and the fix; the visitor is never told "offline" (it is the setup, not the network).
import { expect, test } from '@playwright/test';
import { chromeLaunchOptions } from '../../scripts/chrome.mjs';
import { E2E_FIXTURE_PORT } from './fixtures/env.ts';

// A host no tenant allows (the demo tenant allows localhost and 127.0.0.1), resolved to the fixture server.
const HOST = 'partner.test';
const launch = chromeLaunchOptions();
test.use({ launchOptions: { ...launch, args: [...launch.args, `--host-resolver-rules=MAP ${HOST} 127.0.0.1`] } });

/** What the widgets say when the visitor's network is gone (de, en, ar), and the banner's "saved until online". */
const OFFLINE = /Sie sind offline|Du bist offline|You are offline|أنت غير متصل|wieder online|back online/;

test('a refused origin: one console line with cause and fix, and no "offline" for the visitor', async ({ page }) => {
  const origin = `http://${HOST}:${E2E_FIXTURE_PORT}`;
  const lines: string[] = [];
  page.on('console', (message) => {
    if (message.text().startsWith('[matbakh]')) lines.push(message.text());
  });
  await page.goto(`${origin}/fixtures/refused-origin.html`);
  const banner = page.locator('mb-consent-banner');
  await expect(banner.getByRole('button', { name: 'Alle akzeptieren' })).toBeVisible();
  const refused = () => lines.filter((line) => line.includes('is not allowed'));
  await expect.poll(refused, { timeout: 10_000 }).toHaveLength(1);

  // The visitor decides (the proof cannot be delivered) and the page asks for recommendations: still no offline.
  await banner.getByRole('button', { name: 'Alle akzeptieren' }).click();
  // The dashboard's recommendations: the quiet empty state.
  await expect(page.locator('mb-recommendations').getByText('Gerade haben wir keine Empfehlungen')).toBeVisible({
    timeout: 10_000,
  });
  await page.waitForTimeout(1000);
  expect(refused()).toEqual([
    `[matbakh] this page's origin ${origin} is not allowed for write key pk_demo_partner_site, so the API refuses it. ` +
      `Fix: add ${origin} to the tenant's allowed origins (console → Keys & origins), or open the page on an allowed origin.`,
  ]);
  expect(lines.filter((line) => /Failed to fetch|network error/.test(line))).toEqual([]);
  const shown = await page.evaluate(() => {
    const texts: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      texts.push(
        root instanceof Document ? root.body.textContent! : (root.host as HTMLElement).shadowRoot!.textContent!,
      );
      for (const element of root.querySelectorAll('*')) if (element.shadowRoot) walk(element.shadowRoot);
    };
    walk(document);
    return texts.join('\n');
  });
  expect(shown).not.toMatch(OFFLINE);
});
