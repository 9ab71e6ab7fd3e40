// A host page of the specs' own: a partner's page that imports the SDK and elements as ES modules (bundled here by
// esbuild, as the partner's bundler would), fulfilled by Playwright at a URL of the spec's choosing.
import type { Page } from '@playwright/test';
import { build } from 'esbuild';

/** `entry` bundled as one ES module for the browser; its imports resolve from the repository root. */
export async function bundleEntry(entry: string): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    format: 'esm',
    write: false,
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export interface HostPage {
  /** Where the page is served; its script at the same path ending in `.js` (which `html` must load). */
  url: string;
  html: string;
  script: string;
  /** The element whose definition says the page's script has run. */
  tag: string;
}

/** Opens the host page once its script has defined `tag`; returns the page's uncaught errors, collected from now on. */
export async function openHostPage(page: Page, host: HostPage): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route(host.url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: host.html }));
  await page.route(host.url.replace(/\.html$/, '.js'), (route) =>
    route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: host.script }),
  );
  await page.goto(host.url);
  await page.waitForFunction((tag) => customElements.get(tag) !== undefined, host.tag);
  return errors;
}

/** Resolves once the page's inbox plugin (`window.matbakh.client`) has its stream open (EventSource onopen). */
export const inboxStreamOpen = (page: Page) =>
  page.waitForFunction(
    () =>
      (
        window as unknown as { matbakh: { client: { inbox: { $inbox: { get(): { live: string } } } } } }
      ).matbakh.client.inbox.$inbox.get().live === 'stream',
  );

/** An owner's page with the inbox: the SDK with the privacy and inbox plugins, and `<mb-inbox>` defined. */
export const inboxEntry = (writeKey: string) => `
import { createClient } from '@matbakh/sdk';
import { privacyPlugin } from '@matbakh/sdk/privacy';
import { inboxPlugin } from '@matbakh/sdk/inbox';
import '@matbakh/widgets/inbox/inbox.ts';
const client = createClient({ writeKey: ${JSON.stringify(writeKey)}, api: location.origin, plugins: [privacyPlugin(), inboxPlugin()] });
window.matbakh = { client };
`;
