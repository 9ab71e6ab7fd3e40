// Lighthouse's performance score (its default mobile run: simulated slow 4G and 4× CPU) of the partner page with
// and without our script, each once, on Debian's Chromium (scripts/chrome.mjs finds it).
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROME_ARGS, findChrome } from '../../scripts/chrome.mjs';

/** @returns {Promise<{ with: number, without: number }>} scores from 0 to 1 */
export async function lighthouseScores(siteUrl) {
  const chromePath = findChrome();
  if (!chromePath) throw new Error('no Chromium found (CHROME_PATH)');
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ['--headless=new', ...CHROME_ARGS] });
  try {
    const score = async (url) => {
      const result = await lighthouse(url, { port: chrome.port, onlyCategories: ['performance'], logLevel: 'error' });
      return result?.lhr.categories.performance?.score ?? Number.NaN;
    };
    return { without: await score(`${siteUrl}/?without=matbakh`), with: await score(`${siteUrl}/`) };
  } finally {
    await chrome.kill();
  }
}
