/**
 * `matbakh.js` publishes its copy of Lit for the files it loads later (`matbakh-privacy-center.js`,
 * `matbakh-personalization.js`), which are built without one (scripts/shared-modules.mjs): one Lit per page,
 * ≈ 5 KB less per lazily loaded file. Under a `Symbol.for` key that carries the version, not enumerable.
 */
import * as reactiveElement from '@lit/reactive-element';
import * as cssTag from '@lit/reactive-element/css-tag.js';
import * as litElement from 'lit-element/lit-element.js';
import * as litHtml from 'lit-html';
import { sharedModulesKey } from './shared-modules-key.ts';

export function shareModules(version: string): void {
  const key = Symbol.for(sharedModulesKey(version));
  if (key in globalThis) return; // the same version loaded twice: the first copy's modules stay
  Object.defineProperty(globalThis, key, {
    value: Object.freeze({
      'lit-html': litHtml,
      '@lit/reactive-element': reactiveElement,
      '@lit/reactive-element/css-tag.js': cssTag,
      'lit-element/lit-element.js': litElement,
    }),
  });
}
