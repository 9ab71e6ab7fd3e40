// Finds a Chromium for tests, e2e and benchmarks: CHROME_PATH, then Debian's, then Playwright's own download.
import { existsSync } from 'node:fs';

export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const FIX_HINT = 'No Chromium found. Fix: sudo apt-get install -y chromium   (or set CHROME_PATH=/path/to/chrome)';

/** @returns {Promise<string | undefined>} path of a Chromium executable, undefined for none */
export async function findChrome() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  for (const path of candidates) if (path && existsSync(path)) return path;
  try {
    const { chromium } = await import('playwright-core');
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // playwright-core knows no browser of its own here
  }
  return undefined;
}

/** Launch options for playwright's chromium.launch(). */
export async function chromeLaunchOptions() {
  const executablePath = await findChrome();
  if (!executablePath) throw new Error(FIX_HINT);
  return { executablePath, headless: true, args: CHROME_ARGS };
}
