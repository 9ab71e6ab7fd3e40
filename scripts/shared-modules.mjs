// The lazily loaded script-tag files (matbakh-privacy-center.js, matbakh-personalization.js) use the copy of
// Lit that matbakh.js already brought into the page, instead of carrying one of their own: one Lit per page
// (one template cache, one set of classes) and ≈ 5 KB less to fetch per file.
//
// matbakh.js publishes the modules (widgets/src/shared/shared-modules.ts) under a key that carries its version;
// in the lazy builds this plugin replaces each of those modules by one that reads the published copy. A lazy
// file is only ever loaded by the matbakh.js it was built with (it sits next to it), so the versions match.
// Directives (repeat, live, …) stay in the lazy files: they import lit-html's internals, which now resolve
// to the shared copy too.

/** Module → how its file is recognised once resolved (development and production builds alike). */
export const SHARED_MODULES = {
  'lit-html': /[\\/]node_modules[\\/]lit-html[\\/](development[\\/])?lit-html\.js$/,
  '@lit/reactive-element':
    /[\\/]node_modules[\\/]@lit[\\/]reactive-element[\\/](development[\\/])?reactive-element\.js$/,
  '@lit/reactive-element/css-tag.js':
    /[\\/]node_modules[\\/]@lit[\\/]reactive-element[\\/](development[\\/])?css-tag\.js$/,
  'lit-element/lit-element.js': /[\\/]node_modules[\\/]lit-element[\\/](development[\\/])?lit-element\.js$/,
};

const PREFIX = '\0matbakh-shared:';

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
      if (source.startsWith(PREFIX)) return source;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || resolved.external) return resolved;
      const name = Object.keys(SHARED_MODULES).find((module) => SHARED_MODULES[module].test(resolved.id));
      return name ? PREFIX + name : resolved;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return undefined;
      const name = id.slice(PREFIX.length);
      // The module's export names, from Node's own copy (its `node` build exports the same names).
      const names = Object.keys(await import(name));
      return [
        `const shared = globalThis[Symbol.for(${JSON.stringify(key)})];`,
        // Only matbakh.js loads this file; if someone adds it to a page alone, say what to do instead.
        `if (!shared) throw new Error(${JSON.stringify(
          `[matbakh] this file is loaded by matbakh.js ${version}: add that script tag instead`,
        )});`,
        `const m = shared[${JSON.stringify(name)}];`,
        ...names.map((exported) => `export const ${exported} = m.${exported};`),
      ].join('\n');
    },
  };
}
