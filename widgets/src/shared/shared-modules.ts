/**
 * `matbakh.js` publishes its copy of Lit, and the modules of its own that the lazily loaded files use too (the
 * widget foundation, the SDK's plugin host, the contract's locale rules; SHARED_SOURCES in
 * scripts/shared-modules.mjs, which builds those files to read them from here): one copy per page of each, one
 * template cache, one set of classes, less to fetch per file. Under a `Symbol.for` key that carries the version,
 * not enumerable.
 */
import * as reactiveElement from '@lit/reactive-element';
import * as cssTag from '@lit/reactive-element/css-tag.js';
import * as litElement from 'lit-element/lit-element.js';
import * as litHtml from 'lit-html';
import { atom, batch, readonlyType } from 'nanostores';
import * as isObject from '../../../packages/contract/src/is-object.ts';
import * as locale from '../../../packages/contract/src/locale.ts';
import * as safeUrl from '../../../packages/contract/src/safe-url.ts';
import * as vocabulary from '../../../packages/contract/src/vocabulary.ts';
import * as pluginDefine from '../../../sdk/src/plugin/define.ts';
import * as http from '../../../sdk/src/plugin/http.ts';
import * as context from '../../../sdk/src/tracking/context.ts';
import * as diagnostics from '../../../sdk/src/util/diagnostics.ts';
import * as storage from '../../../sdk/src/util/storage.ts';
import * as uuid from '../../../sdk/src/util/uuid.ts';
import * as version from '../../../sdk/src/version.ts';
import * as events from '../events/events.ts';
import * as clientController from './client-controller.ts';
import * as define from './define.ts';
import * as focus from './focus.ts';
import * as i18n from './i18n.ts';
import * as mbElement from './mb-element.ts';
import { sharedModulesKey } from './shared-modules-key.ts';
import * as tokens from './tokens.ts';

export function shareModules(version_: string): void {
  const key = Symbol.for(sharedModulesKey(version_));
  if (key in globalThis) return; // the same version loaded twice: the first copy's modules stay
  Object.defineProperty(globalThis, key, {
    value: Object.freeze({
      'lit-html': litHtml,
      '@lit/reactive-element': reactiveElement,
      '@lit/reactive-element/css-tag.js': cssTag,
      'lit-element/lit-element.js': litElement,
      tokens: tokens,
      i18n: i18n,
      define: define,
      'client-controller': clientController,
      focus: focus,
      'mb-element': mbElement,
      events: events,
      'plugin-define': pluginDefine,
      http: http,
      storage: storage,
      uuid: uuid,
      diagnostics: diagnostics,
      context: context,
      version: version,
      locale: locale,
      'safe-url': safeUrl,
      'is-object': isObject,
      vocabulary: vocabulary,
      // The package exports only its index: these are atom/index.js's exports (nanostoresGlobal is global anyway).
      atom: {
        atom,
        batch,
        readonlyType,
        nanostoresGlobal: (globalThis as { nanostoresGlobal?: unknown }).nanostoresGlobal,
      },
    }),
  });
}
