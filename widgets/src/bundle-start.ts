/**
 * The first thing `matbakh.js` runs: the client (with the privacy layer) exists before any widget is
 * defined, so widgets find `window.matbakh.client` on their first render instead of polling for it.
 */
import { extensible } from '@matbakh/sdk';
import { boot } from '@matbakh/sdk/loader';
import { privacyPlugin } from '@matbakh/sdk/privacy';

/** Our own <script> element, read while it runs (afterwards `document.currentScript` is gone). */
export const bundleScript = document.currentScript as HTMLScriptElement | null;
/** False when another copy of matbakh.js got here first: then that copy owns the page and this one stays quiet. */
export const ownsPage = !window.matbakh?.version;
boot([privacyPlugin(), extensible]);
