import { defineConfig } from '@playwright/test';
import { chromeLaunchOptions } from './scripts/chrome.mjs';

/** End-to-end: the examples, served like a partner site, against the real reference server. */
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? 'list' : 'line',
  globalSetup: './tests/e2e/global-setup.ts',
  use: {
    browserName: 'chromium',
    launchOptions: chromeLaunchOptions(),
    trace: 'off',
  },
});
