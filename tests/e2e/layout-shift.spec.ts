import { expect, type Page, test } from '@playwright/test';
import { SITE_URL } from './env.ts';

/** A shift the browser reported, with where the moved nodes were and went (for a readable failure). */
interface Shift {
  value: number;
  at: number;
  hadRecentInput: boolean;
  sources: string[];
}

/**
 * Records every `layout-shift` entry from the very start of the page (buffered: true picks up the ones before
 * the observer ran) and the menu's position in the document after every frame, from before first paint.
 */
function recordShifts() {
  const w = window as unknown as { __shifts: Shift[]; __menuTops: number[] };
  w.__shifts = [];
  w.__menuTops = [];
  const nameOf = (node: Node | null) => {
    if (!(node instanceof Element)) return String(node?.nodeName ?? '?');
    const id = node.id ? `#${node.id}` : '';
    const cls = typeof node.className === 'string' && node.className ? `.${node.className.split(' ')[0]}` : '';
    return `${node.localName}${id}${cls}`;
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as unknown as {
      value: number;
      startTime: number;
      hadRecentInput: boolean;
      sources: { node: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[];
    }[]) {
      w.__shifts.push({
        value: entry.value,
        at: Math.round(entry.startTime),
        hadRecentInput: entry.hadRecentInput,
        sources: entry.sources.map(
          (s) => `${nameOf(s.node)} y ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)}`,
        ),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  const track = () => {
    const menu = document.getElementById('menu');
    const dashboard = document.getElementById('dashboard');
    // Relative to the dashboard's top: the page's own content above it (the partner's analytics notice,
    // shown after consent) may move both; what we answer for is the dashboard's height.
    if (menu && dashboard && customElements.get('mb-dashboard')) {
      const top = Math.round(menu.getBoundingClientRect().top - dashboard.getBoundingClientRect().top);
      if (w.__menuTops.at(-1) !== top) w.__menuTops.push(top);
    }
    requestAnimationFrame(track);
  };
  requestAnimationFrame(track);
}

const shifts = (page: Page) => page.evaluate(() => (window as unknown as { __shifts: Shift[] }).__shifts);
const menuTops = (page: Page) => page.evaluate(() => (window as unknown as { __menuTops: number[] }).__menuTops);
/** Cumulative layout shift as the browser scores it: shifts right after an input (a click) do not count. */
const cls = (list: Shift[]) => list.filter((s) => !s.hadRecentInput).reduce((sum, s) => sum + s.value, 0);

for (const viewport of [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test(`partner page (${viewport.name}): no layout shift over load → consent → dashboard → recommendations`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.addInitScript(recordShifts);
    await page.goto(SITE_URL);
    // Load: the banner asks; the dashboard renders its skeletons (no consent yet: popular picks only).
    await page.getByRole('button', { name: 'Alle akzeptieren' }).click();
    // Consent → the tour starts, the dashboard reloads personalized recommendations.
    await page.getByRole('button', { name: 'Tour beenden' }).click({ timeout: 15_000 });
    const cards = page.locator('mb-recommendation-card');
    await expect(cards.first()).toBeVisible({ timeout: 15_000 });
    // Let late images, fonts and the last answers settle.
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1000);

    const recorded = await shifts(page);
    const score = cls(recorded);
    expect(score, `layout shifts:\n${JSON.stringify(recorded, null, 1)}`).toBe(0);
    // Once the dashboard is there, the host's own content below it never moves, not even right after a click
    // (where the browser forgives a shift): the dashboard keeps its height from its first frame.
    expect(await menuTops(page), 'the partner menu moved (px below the dashboard top)').toHaveLength(1);
  });
}
