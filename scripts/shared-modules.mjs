// The lazily loaded script-tag files (matbakh-privacy-center.js, matbakh-personalization.js) use the copy of
// Lit that matbakh.js already brought into the page, instead of carrying one of their own: one Lit per page
// (one template cache, one set of classes) and ≈ 5 KB less to fetch per file.
//
// matbakh.js publishes the modules (widgets/src/shared/shared-modules.ts) under a key that carries its version;
// in the lazy builds this plugin replaces each of those modules by one that reads the published copy. A lazy
// file is only ever loaded by the matbakh.js it was built with (it sits next to it), so the versions match.
// Directives (repeat, live, …) stay in the lazy files: they import lit-html's internals, which now resolve
// to the shared copy too.

import { resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * Our own modules matbakh.js carries anyway and publishes too (widgets/src/shared/shared-modules.ts, under these
 * short names, each its file): the widget foundation, the SDK's plugin host, the contract's locale rules, nanostores' atom. Each is
 * published whole (every export stays in matbakh.js), so only modules matbakh.js already has (nearly) all of
 * belong here; one whose own imports keep state (display.ts's store) must have those shared too, or left out.
 */
export const SHARED_SOURCES = {
  tokens: 'widgets/src/shared/tokens.ts',
  i18n: 'widgets/src/shared/i18n.ts',
  define: 'widgets/src/shared/define.ts',
  'client-controller': 'widgets/src/shared/client-controller.ts',
  focus: 'widgets/src/shared/focus.ts',
  'mb-element': 'widgets/src/shared/mb-element.ts',
  events: 'widgets/src/events/events.ts',
  'plugin-define': 'sdk/src/plugin/define.ts',
  http: 'sdk/src/plugin/http.ts',
  storage: 'sdk/src/util/storage.ts',
  uuid: 'sdk/src/util/uuid.ts',
  diagnostics: 'sdk/src/util/diagnostics.ts',
  context: 'sdk/src/tracking/context.ts',
  version: 'sdk/src/version.ts',
  locale: 'packages/contract/src/locale.ts',
  'safe-url': 'packages/contract/src/safe-url.ts',
  'is-object': 'packages/contract/src/is-object.ts',
  vocabulary: 'packages/contract/src/vocabulary.ts',
  atom: 'node_modules/nanostores/atom/index.js',
};

const escaped = (path) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\//g, '[\\\\/]');

/** Module → how its file is recognised once resolved (development and production builds alike). */
export const SHARED_MODULES = {
  'lit-html': /[\\/]node_modules[\\/]lit-html[\\/](development[\\/])?lit-html\.js$/,
  '@lit/reactive-element':
    /[\\/]node_modules[\\/]@lit[\\/]reactive-element[\\/](development[\\/])?reactive-element\.js$/,
  '@lit/reactive-element/css-tag.js':
    /[\\/]node_modules[\\/]@lit[\\/]reactive-element[\\/](development[\\/])?css-tag\.js$/,
  'lit-element/lit-element.js': /[\\/]node_modules[\\/]lit-element[\\/](development[\\/])?lit-element\.js$/,
  ...Object.fromEntries(
    Object.entries(SHARED_SOURCES).map(([name, path]) => [name, new RegExp(`[\\\\/]${escaped(path)}$`)]),
  ),
};

/** A module's runtime export names (types are gone): its own exports and those it passes on. */
async function exportNames(name) {
  const path = SHARED_SOURCES[name];
  if (!path) return Object.keys(await import(name));
  const result = await build({
    entryPoints: [resolve(ROOT, path)],
    bundle: true,
    packages: 'external',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.values(result.metafile.outputs)[0].exports;
}

const PREFIX = '\0matbakh-shared:';
/** The one module that finds what matbakh.js published (and says what to do when it is missing). */
const ROOT_MODULE = '\0matbakh-shared-root';

/**
 * Vite/Rolldown plugin for a lazy script-tag build.
 * @param {string} key where matbakh.js publishes them (`sharedModulesKey(version)` of shared-modules-key.ts)
 * @param {string} version the SDK version both files are built with (for the error message)
 */
export function viteSharedModules(key, version) {
  return {
    name: 'matbakh-shared-modules',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (source.startsWith(PREFIX) || source === ROOT_MODULE) return source;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || resolved.external) return resolved;
      const name = Object.keys(SHARED_MODULES).find((module) => SHARED_MODULES[module].test(resolved.id));
      return name ? PREFIX + name : resolved;
    },
    async load(id) {
      if (id === ROOT_MODULE) {
        return [
          `const shared = globalThis[Symbol.for(${JSON.stringify(key)})];`,
          // Only matbakh.js loads these files; if someone adds one to a page alone, say what to do instead.
          `if (!shared) throw new Error(${JSON.stringify(
            `[matbakh] this file is loaded by matbakh.js ${version}: add that script tag instead`,
          )});`,
          // A pure call per export: the exports a file does not use leave no property read behind.
          'export const pick = (name, exported) => shared[name][exported];',
        ].join('\n');
      }
      if (!id.startsWith(PREFIX)) return undefined;
      const name = id.slice(PREFIX.length);
      // The module's export names: a package's from Node's own copy (its `node` build exports the same names).
      const names = await exportNames(name);
      return [
        `import { pick } from ${JSON.stringify(ROOT_MODULE)};`,
        ...names.map(
          (exported) =>
            `export const ${exported} = /* @__PURE__ */ pick(${JSON.stringify(name)}, ${JSON.stringify(exported)});`,
        ),
      ].join('\n');
    },
  };
}
