import { defineConfig } from '@playwright/test';
import { chromeLaunchOptions } from './scripts/chrome.mjs';

/**
 * Visual regression: one representative story per widget × theme preset × locale, screenshotted from the built
 * Storybook (`npm run storybook:build` first) and compared with the PNGs in tests/visual/__screenshots__/.
 * Baselines change only on purpose: `npx playwright test -c playwright.visual.config.ts --update-snapshots`.
 * See tests/visual/README.md.
 */
export default defineConfig({
  testDir: 'tests/visual',
  // One browser page walks through all screenshots in order (see widgets.spec.ts): one worker, no parallelism.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? 'list' : 'line',
  // Actual and diff images of a failed comparison; apart from the e2e run's own test-results/ files.
  outputDir: 'test-results/visual',
  // Serves storybook-static on a free port and hands its origin to the tests in MB_VISUAL_ORIGIN.
  globalSetup: './tests/visual/global-setup.ts',
  // Stable names without the platform suffix: the baselines are made with Debian's Chromium (scripts/chrome.mjs).
  snapshotPathTemplate: '{testDir}/__screenshots__/{arg}{ext}',
  expect: {
    toHaveScreenshot: {
      // Rendering is deterministic here (same Chromium, fonts, frozen clock): re-runs match within this tolerance.
      // `threshold` forgives faint anti-aliasing shifts per pixel; at most 100 pixels may then differ, an absolute
      // count because the pictures range from 0.4 to 2.2 megapixels: a 1 % ratio let a changed primary colour
      // through on the larger widgets (400 pixels of the preference panel). See tests/visual/README.md.
      maxDiffPixels: 100,
      threshold: 0.2,
      animations: 'disabled',
      caret: 'hide',
      scale: 'css',
    },
  },
  use: {
    browserName: 'chromium',
    launchOptions: chromeLaunchOptions(),
    viewport: { width: 1024, height: 768 },
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
    colorScheme: 'light',
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    trace: 'off',
  },
});
