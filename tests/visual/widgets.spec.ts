import { test as base, expect, type Page } from '@playwright/test';
import { currentEnvironment, mismatch, recordEnvironment, recordedEnvironment } from './environment.ts';

/**
 * Visual regression of every widget × theme preset × locale, from the built Storybook.
 *
 * One representative story per widget, chosen for deterministic content: fixed fake data, no play function, no
 * user interaction. Dates are frozen (see FROZEN_NOW) in case a widget shows "today" or a relative time. Each
 * screenshot is of `#storybook-root` (the story and the decorator's page background) and is compared with its
 * baseline in __screenshots__/ with a small tolerance (playwright.visual.config.ts).
 */

/**
 * Widget (the screenshot's name) → the story that represents it. `loads`: the widget fetches from its fake
 * client with a latency (setTimeout, not frozen) and marks the pending part `aria-busy="true"`; the picture
 * waits until nothing in the story is busy. The dashboard's guest story keeps its built-ins loading on purpose
 * (skeletons are part of that picture), so it does not wait.
 */
const WIDGETS: Record<string, { story: string; loads?: boolean }> = {
  'consent-banner': { story: 'widgets-consent-banner--dialog' },
  'privacy-center': { story: 'widgets-privacy-center--embedded', loads: true },
  'widget-grid': { story: 'widgets-widget-grid--default' },
  dashboard: { story: 'widgets-dashboard--guest-content' },
  'preference-panel': { story: 'widgets-preference-panel--default' },
  recommendations: { story: 'widgets-recommendations--list', loads: true },
  'recommendation-card': { story: 'widgets-recommendation-card--dish' },
  'next-best-action': { story: 'widgets-next-best-action--inline' },
  tour: { story: 'widgets-tour--guest-welcome' },
  insights: { story: 'widgets-insights--every-severity', loads: true },
  // The focused, empty field: its suggestion groups and recent searches (fixed fake data, no typing, no timers).
  search: { story: 'widgets-search--suggestions' },
};

/** The presets a partner can pick (not `system`: it is `light` or `dark`, both covered). */
const THEMES = ['light', 'dark', 'high-contrast', 'brand-example'] as const;
const LOCALES = ['de', 'en', 'ar'] as const;

/** Any clock a widget reads shows this moment: a weekday noon, far from a DST switch. */
const FROZEN_NOW = new Date('2026-03-11T12:00:00+01:00');
const RENDER_TIMEOUT_MS = 20_000;

/**
 * One browser page for the whole run, reused from test to test: msw's service worker (the mocked API) is
 * registered once per browser context, and the preview's bundle stays in the HTTP cache.
 */
const test = base.extend<Record<never, never>, { storyPage: Page }>({
  storyPage: [
    async ({ browser }, use) => {
      const context = await browser.newContext({
        viewport: { width: 1024, height: 768 },
        deviceScaleFactor: 1,
        reducedMotion: 'reduce',
        colorScheme: 'light',
        locale: 'de-DE',
        timezoneId: 'Europe/Berlin',
      });
      const page = await context.newPage();
      await page.clock.setFixedTime(FROZEN_NOW);
      await use(page);
      await context.close();
    },
    { scope: 'worker' },
  ],
});

function origin(): string {
  const value = process.env.MB_VISUAL_ORIGIN;
  if (!value) throw new Error('MB_VISUAL_ORIGIN is not set: run with -c playwright.visual.config.ts');
  return value;
}

interface Shown {
  storyId: string;
  theme: string;
  locale: string;
}

/** What the shared page shows now; undefined: the next story navigates afresh. */
let shown: Shown | undefined;

/**
 * Shows a story with the toolbar's theme and locale and waits until Storybook has finished rendering it.
 *
 * The first story is a navigation to iframe.html (seconds: the preview bundle, msw's worker). After that the
 * preview is asked over its channel, like Storybook's own manager does: `updateGlobals` for another theme or
 * locale, then `setCurrentStory` for another story or `forceRemount` for the same one. Either way the story is
 * mounted from scratch into an empty root (~0.2 s instead of ~5 s per screenshot), and storage is cleared first,
 * so no state of an earlier story (a consent decision, a saved layout) shows up in the next one.
 */
async function showStory(page: Page, next: Shown): Promise<void> {
  try {
    if (!shown) {
      // `a11y.manual:!true`: no axe pass of the a11y addon running (and highlighting) while we take the picture.
      const globals = `theme:${next.theme};locale:${next.locale};a11y.manual:!true`;
      const url = `${origin()}/iframe.html?id=${encodeURIComponent(next.storyId)}&viewMode=story&globals=${globals}`;
      await page.goto(url, { waitUntil: 'domcontentloaded' });
    } else {
      if (shown.theme !== next.theme || shown.locale !== next.locale)
        await emitAndWaitForRender(page, shown.storyId, 'updateGlobals', {
          globals: { theme: next.theme, locale: next.locale },
        });
      await page.evaluate(() => {
        localStorage.clear();
        sessionStorage.clear();
      });
      if (shown.storyId !== next.storyId)
        await emitAndWaitForRender(page, next.storyId, 'setCurrentStory', { storyId: next.storyId, viewMode: 'story' });
      else await emitAndWaitForRender(page, next.storyId, 'forceRemount', { storyId: next.storyId });
    }
    await waitForFinishedRender(page, next.storyId);
    shown = next;
  } catch (error) {
    shown = undefined; // the preview may be stuck: the next test navigates afresh
    throw error;
  }
}

type StorybookWindow = Window & {
  __STORYBOOK_ADDONS_CHANNEL__: {
    on(event: string, listener: (...args: unknown[]) => void): void;
    off(event: string, listener: (...args: unknown[]) => void): void;
    emit(event: string, payload: unknown): void;
  };
  __STORYBOOK_PREVIEW__?: { currentRender?: { id: string; phase: string } };
};

/** Emits a preview channel event and resolves when the preview reports `storyRendered` for `storyId`. */
async function emitAndWaitForRender(page: Page, storyId: string, event: string, payload: unknown): Promise<void> {
  await page.evaluate(
    ({ storyId, event, payload, timeout }) =>
      new Promise<void>((done, fail) => {
        const channel = (window as unknown as StorybookWindow).__STORYBOOK_ADDONS_CHANNEL__;
        const stop = () => {
          clearTimeout(timer);
          channel.off('storyRendered', onRendered);
          channel.off('storyErrored', onError);
          channel.off('storyThrewException', onError);
        };
        const onRendered = (id: unknown) => {
          if (id !== storyId) return;
          stop();
          done();
        };
        const onError = (detail: unknown) => {
          stop();
          fail(new Error(`${storyId} failed to render after ${event}: ${JSON.stringify(detail)}`));
        };
        const timer = setTimeout(() => {
          stop();
          fail(new Error(`${storyId} did not render within ${timeout} ms after ${event}`));
        }, timeout);
        channel.on('storyRendered', onRendered);
        channel.on('storyErrored', onError);
        channel.on('storyThrewException', onError);
        channel.emit(event, payload);
      }),
    { storyId, event, payload, timeout: RENDER_TIMEOUT_MS },
  );
}

async function waitForFinishedRender(page: Page, storyId: string): Promise<void> {
  const outcome = await page
    .waitForFunction(
      (id) => {
        if (document.body.classList.contains('sb-show-errordisplay')) return 'error';
        const render = (window as unknown as StorybookWindow).__STORYBOOK_PREVIEW__?.currentRender;
        if (render?.id !== id || render.phase !== 'finished') return false;
        return document.querySelector('#storybook-root')?.childElementCount ? 'ok' : 'empty';
      },
      storyId,
      { timeout: RENDER_TIMEOUT_MS, polling: 25 },
    )
    .then((handle) => handle.jsonValue());
  if (outcome !== 'ok') {
    const message = await page.locator('#error-message').textContent();
    throw new Error(`story ${storyId} did not render (${outcome}): ${message ?? ''}`);
  }
  // Web fonts and the widgets' own async updates (mocked API responses) settle before the picture;
  // toHaveScreenshot then still waits for two identical frames.
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  });
}

/** Waits until no element of the story, in any shadow root, is `aria-busy="true"`. */
async function waitUntilNothingBusy(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const busy = (root: ParentNode): boolean =>
        root.querySelector('[aria-busy="true"]') !== null ||
        [...root.querySelectorAll('*')].some((element) => element.shadowRoot && busy(element.shadowRoot));
      const storyRoot = document.querySelector('#storybook-root');
      return storyRoot !== null && !busy(storyRoot);
    },
    undefined,
    { timeout: RENDER_TIMEOUT_MS, polling: 50 },
  );
}

const environment = currentEnvironment();

test.beforeAll(() => {
  const updating = test.info().config.updateSnapshots !== 'none' && test.info().config.updateSnapshots !== 'missing';
  if (updating) return recordEnvironment(environment);
  const reason = mismatch(environment, recordedEnvironment());
  test.skip(
    reason !== undefined,
    `visual comparison skipped: ${reason}. To make this environment the reference: npm run test:visual -- --update-snapshots`,
  );
});

for (const [widget, { story: storyId, loads }] of Object.entries(WIDGETS)) {
  test.describe(widget, () => {
    for (const theme of THEMES) {
      for (const locale of LOCALES) {
        test(`${theme} · ${locale}`, async ({ storyPage }) => {
          await showStory(storyPage, { storyId, theme, locale });
          if (loads) await waitUntilNothingBusy(storyPage);
          await expect(storyPage.locator('#storybook-root')).toHaveScreenshot(`${widget}-${theme}-${locale}.png`);
        });
      }
    }
  });
}
