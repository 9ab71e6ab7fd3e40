// Finds a Chromium for unit tests, e2e and benchmarks: CHROME_PATH, then Debian's, then Playwright's own download.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const FIX_HINT =
  'No Chromium found. Fix: sudo apt-get install -y chromium   (or set CHROME_PATH=/path/to/chrome)';

/** @returns {string | undefined} path of a Chromium executable, undefined for none */
export function findChrome() {
  const candidates = [
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  for (const path of candidates) if (path && existsSync(path)) return path;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // playwright-core has no browser of its own here
  }
  return undefined;
}

/** Launch options for Playwright's chromium.launch(). */
export function chromeLaunchOptions() {
  const executablePath = findChrome();
  if (!executablePath) throw new Error(FIX_HINT);
  return { executablePath, headless: true, args: CHROME_ARGS };
}
