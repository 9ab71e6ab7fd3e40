// A Playwright launcher for @web/test-runner that keeps each test page's tab for the next test file. The stock
// launcher opens a new browser context and tab per test file and closes them after: a new renderer process each
// time, which cost more than half a second per file on the 2-core box, longer than most SDK test files run.
// Reusing a tab is only safe if the next file cannot tell: `resetForNextFile` removes everything a file can leave
// behind (storage of every kind, service workers, cookies, permissions, emulated media, mouse and keys), and a tab
// that cannot be reset is closed instead of reused. The HTTP cache is kept, like a returning visitor's: the dev
// server marks what it serves `no-cache`, so a kept copy is only used after the server confirms it is current.
import { PlaywrightLauncher } from '@web/test-runner-playwright';

/** @typedef {import('playwright').Page} Page */
/** @typedef {import('playwright').BrowserContext} BrowserContext */

const ALL_MEDIA = { media: null, colorScheme: null, reducedMotion: null, forcedColors: null, contrast: null };

/** One tab in its own browser context, with the session API the stock launcher expects of its pages. */
class PooledPage {
  /** @param {BrowserContext} context @param {Page} page @param {(tab: PooledPage) => void} release */
  constructor(context, page, release) {
    this.playwrightContext = context;
    this.playwrightPage = page;
    this.release = release;
    /** @type {string | undefined} */
    this.origin = undefined;
  }

  /** @param {string} url */
  async runSession(url) {
    this.origin = new URL(url).origin;
    await this.playwrightPage.setViewportSize({ height: 600, width: 800 });
    await this.playwrightPage.goto(url);
  }

  async stopSession() {
    try {
      await this.resetForNextFile();
      this.release(this);
    } catch {
      // A crashed or stuck tab is not reused: the next file gets a fresh context.
      await this.playwrightContext.close().catch(() => {});
    }
    return { testCoverage: undefined };
  }

  /** Leaves the tab as a new context would be: nothing a test file did is visible to the next one. */
  async resetForNextFile() {
    const page = this.playwrightPage;
    // sessionStorage belongs to the tab, so it survives navigation: clear it while the test origin is loaded.
    await page.evaluate(() => sessionStorage.clear()).catch(() => {});
    // Stops the file's timers and running code, as the stock launcher does before closing.
    await page.goto('about:blank');
    const cdp = await this.playwrightContext.newCDPSession(page);
    try {
      if (this.origin) await cdp.send('Storage.clearDataForOrigin', { origin: this.origin, storageTypes: 'all' });
    } finally {
      await cdp.detach();
    }
    await this.playwrightContext.clearCookies();
    await this.playwrightContext.clearPermissions();
    await page.emulateMedia(ALL_MEDIA);
    await page.mouse.move(0, 0);
    for (const button of ['left', 'middle', 'right']) await page.mouse.up({ button });
    for (const key of ['Shift', 'Control', 'Alt', 'Meta']) await page.keyboard.up(key);
  }
}

/** The stock Chromium launcher, with each test file's tab reset and reused for the next file. */
export class PooledPlaywrightLauncher extends PlaywrightLauncher {
  /** @param {import('playwright').LaunchOptions} launchOptions */
  constructor(launchOptions) {
    super(
      'chromium',
      launchOptions,
      ({ browser }) => browser.newContext(),
      ({ context }) => context.newPage(),
    );
    /** @type {PooledPage[]} */
    this.idle = [];
  }

  /** @param {import('playwright').Browser} browser */
  async createNewPage(browser) {
    const reused = this.idle.pop();
    if (reused && !reused.playwrightPage.isClosed()) return reused;
    const context = await browser.newContext();
    const page = await context.newPage();
    return new PooledPage(context, page, (tab) => this.idle.push(tab));
  }
}
