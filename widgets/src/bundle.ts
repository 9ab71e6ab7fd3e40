/**
 * Entry of the script-tag bundle `matbakh.js`: the core client, the privacy layer and the consent banner.
 *   <script async src=".../matbakh.js" data-write-key="pk_…" data-api="https://…"></script>
 *   <mb-consent-banner></mb-consent-banner>
 * Everything else costs nothing until a page uses it; its file is fetched from beside matbakh.js:
 *  - `matbakh-privacy-center.js` when `<mb-privacy-center>` shows or someone asks for it (`matbakh.privacy.open()`,
 *    the banner's link, an `mb-privacy-open` event);
 *  - `matbakh-<element>.js` (lazy/files.ts) when one of its elements shows (`<mb-dashboard>`,
 *    `<mb-recommendations>`, …): each element's own code, ES modules sharing the code they have in common;
 *  - `matbakh-explain.js` in debug mode only (`data-debug`): what a misconfiguration means and how to fix it;
 *  - `matbakh-personalization.js` when the page asks for the personalization API: `await matbakh.ready()` (then
 *    `matbakh.preferences`, `.recommendations`, `.actions`, `.experiments`, `.insights` are there) or
 *    `matbakh.widgets.register(id, definition)` (kept until the file runs).
 * Safe to load twice (or two versions): the first copy owns `window.matbakh` and the tags, later ones do nothing.
 */
// Import order is evaluation order: start the client first, then define the widgets.
import { VERSION } from '@matbakh/sdk';
import { bundleScript, ownsPage } from './bundle-start.ts';
import './consent-banner/consent-banner.ts';
import { API_FILE, LAZY_ELEMENTS } from './lazy/files.ts';
import { installGlobalExtras } from './shared/global-extras.ts';
import { lazyElement } from './shared/lazy.ts';
import { shareModules } from './shared/shared-modules.ts';

type WidgetQueue = { q: unknown[][]; register(...args: unknown[]): void };

const script = bundleScript;
if (ownsPage && script?.src) {
  // Before anything can load a lazy file: they are built to use this copy of Lit.
  shareModules(VERSION);
  const global = window.matbakh as Record<string, unknown>;
  installGlobalExtras(global, { script });
  const nextTo = (file: string) => new URL(file, script.src).href;
  lazyElement({
    tags: ['mb-privacy-center'],
    src: nextTo('matbakh-privacy-center.js'),
    nonce: script.nonce,
    openEvent: 'mb-privacy-open',
  });
  // ES modules: their shared chunks load once per page, whichever element comes first.
  for (const [name, tags] of Object.entries(LAZY_ELEMENTS)) {
    lazyElement({ tags, src: nextTo(`matbakh-${name}.js`), nonce: script.nonce, module: true });
  }
  const personalization = lazyElement({
    tags: [],
    src: nextTo(`matbakh-${API_FILE}.js`),
    nonce: script.nonce,
    module: true,
  });
  const load = () => personalization.load();
  global.ready = load;
  const widgets: WidgetQueue = {
    q: [],
    register(...args) {
      widgets.q.push(args);
      load().catch(() => undefined);
    },
  };
  global.widgets = widgets;
}
