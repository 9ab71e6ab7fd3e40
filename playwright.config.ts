import { defineConfig } from '@playwright/test';
import { chromeLaunchOptions } from './scripts/chrome.mjs';

// The servers the e2e tests start seal tenant secrets under a master key (packages/server/src/crypto/master-key.ts);
// a fixed one for every worker, so a tenant made in one process opens in another.
process.env.MATBAKH_MASTER_KEY ??= Buffer.alloc(32, 11).toString('base64');

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
