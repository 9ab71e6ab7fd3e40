/**
 * Entry of the script-tag bundle `matbakh.js`: the core client, the privacy layer and the consent banner.
 *   <script async src=".../matbakh.js" data-write-key="pk_…" data-api="https://…"></script>
 *   <mb-consent-banner></mb-consent-banner>
 * `<mb-privacy-center>` costs nothing until a page uses it: its file is fetched from beside matbakh.js when the
 * element shows or someone asks for it (`matbakh.privacy.open()`, the banner's link, an `mb-privacy-open` event).
 * Safe to load twice (or two versions): the first copy owns `window.matbakh` and the tags, later ones do nothing.
 */
// Import order is evaluation order: start the client first, then define the widgets.
import { bundleScript } from './bundle-start.ts';
import './consent-banner/consent-banner.ts';
import { lazyElement } from './shared/lazy.ts';

if (bundleScript?.src) {
  lazyElement({
    tags: ['mb-privacy-center'],
    src: new URL('matbakh-privacy-center.js', bundleScript.src).href,
    nonce: bundleScript.nonce,
    openEvent: 'mb-privacy-open',
  });
}
