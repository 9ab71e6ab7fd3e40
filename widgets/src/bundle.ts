/**
 * Entry of the script-tag bundle `matbakh.js`: the core client, the privacy layer and the consent banner.
 *   <script async src=".../matbakh.js" data-write-key="pk_…" data-api="https://…"></script>
 *   <mb-consent-banner></mb-consent-banner>
 * `<mb-privacy-center>` costs nothing until a page uses it: its file is fetched from beside matbakh.js when the
 * element appears or someone asks for it (`matbakh.privacy.open()`, the banner's link, an `mb-privacy-open` event).
 * Safe to load twice (or two versions): the first copy owns `window.matbakh` and the tags, later ones do nothing.
 */
import { boot } from '@matbakh/sdk/loader';
import { privacyPlugin } from '@matbakh/sdk/privacy';
import './consent-banner/consent-banner.ts';
import { lazyElement } from './shared/lazy.ts';

const script = document.currentScript as HTMLScriptElement | null;
boot([privacyPlugin()]);
if (script?.src) {
  lazyElement({
    tag: 'mb-privacy-center',
    src: new URL('matbakh-privacy-center.js', script.src).href,
    nonce: script.nonce,
    openEvent: 'mb-privacy-open',
  });
}
