/** What the console specs share: axe inside the page, and moving by Tab only. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core inside the page (evaluate runs outside the page's CSP), WCAG 2.1 A/AA; the violations' ids and targets. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(`${axeSource};0`);
  return page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: {
          run(ctx: Document, opts: object): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }, AXE_TAGS);
}

/** The focused element (through shadow roots): its text, or for a form field its label's text; `tag` narrows it. */
export function focusedName(page: Page, tag?: string): Promise<string> {
  return page.evaluate((tag) => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || (tag && el.tagName !== tag)) return '';
    const labelled = (el as HTMLInputElement).labels?.[0];
    // Names inside sentences are wrapped in Unicode isolates (FSI/PDI) for right-to-left pages.
    const name = labelled?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '';
    return name
      .replace(/[\u2066-\u2069]/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  }, tag);
}

/**
 * Tabs forward until the focused element is named `name` (at most `max` presses); `tag` (`A` for a link) tells a
 * navigation link from a control of the same name on the page.
 */
export async function tabTo(
  page: Page,
  name: string | RegExp,
  { max = 200, tag }: { max?: number; tag?: string } = {},
) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await focusedName(page, tag);
    if (typeof name === 'string' ? focused === name : name.test(focused)) return;
  }
  throw new Error(`never reached "${name}" with Tab`);
}
