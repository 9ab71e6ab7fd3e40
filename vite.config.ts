import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type LibraryOptions, type UserConfig } from 'vite';
import { viteMinifyLiterals } from './scripts/minify-literals.mjs';
import { viteSharedModules } from './scripts/shared-modules.mjs';
import { API_FILE, LAZY_ELEMENTS } from './widgets/src/lazy/files.ts';
import { sharedModulesKey } from './widgets/src/shared/shared-modules-key.ts';

const root = import.meta.dirname;
const sdkVersion: string = JSON.parse(readFileSync(resolve(root, 'sdk/package.json'), 'utf8')).version;
const banner = `/*! matbakh.js ${sdkVersion} | matbakh personalization SDK */`;

/**
 * The banner's texts in locales other than German: matbakh.js fetches the one a page shows with `import()`
 * (lazy-texts.ts), from `matbakh-banner-texts-<locale>.js` beside it (built by the lazy build below).
 */
const BANNER_LOCALES = ['en', 'ar'];
const BANNER_TEXTS = /consent-banner\.messages\.(en|ar)\.ts$/;

/**
 * The debug-mode explanations (sdk/src/plugin/explain.ts): matbakh.js fetches them from `matbakh-explain.js`
 * (built by the lazy build) only when debug mode is on; explain-later.ts stands in for them in the IIFE.
 */
const explainLater = () => ({
  name: 'matbakh-explain-later',
  enforce: 'pre' as const,
  async resolveId(source: string, importer: string | undefined) {
    if (source !== './explain.ts' || !importer) return undefined;
    if (/[\\/]plugin[\\/]host\.ts$/.test(importer)) return resolve(root, 'sdk/src/plugin/explain-later.ts');
    if (/[\\/]plugin[\\/]explain-later\.ts$/.test(importer)) return { id: './matbakh-explain.js', external: true };
    return undefined;
  },
});

/** Script-tag files: each one a self-contained IIFE (vite builds one IIFE entry per run). */
const SCRIPT_TAG_BUILDS: Record<string, { entry: string; file: string; lazy?: true }> = {
  // What the partner's one script tag loads: core, privacy layer, Lit, the consent banner.
  iife: { entry: 'widgets/src/bundle.ts', file: 'matbakh.js' },
  // Loaded by matbakh.js only when a page uses <mb-privacy-center> or opens it.
  'iife-privacy-center': {
    entry: 'widgets/src/privacy-center/privacy-center.ts',
    file: 'matbakh-privacy-center.js',
    lazy: true,
  },
  // The Web Push service worker the partner hosts at its own origin (sdk/src/push/service-worker.ts).
  'iife-sw': { entry: 'sdk/src/push/service-worker.ts', file: 'matbakh-sw.js' },
};

/**
 * `vite build --mode lazy`: the personalization elements, one file each (lazy/files.ts), and the personalization
 * API (`matbakh.ready()`), as ES modules with code splitting: what several of them use (the widget foundation, the
 * SDK plugins) goes into shared chunks a page loads once; Lit comes from matbakh.js. Texts of a locale other than
 * German are chunks of their own, fetched for the locale a page shows. ES modules rather than one IIFE per element:
 * the bundler splits shared code exactly (no copy per file, no hand-kept list of shared modules), a module
 * instance is shared by every file (one widget registry, one display store), and `import()` of a catalog is free.
 * File names are `matbakh-<letters>.js` (the servers serve that pattern, and the reference server versions the set).
 */
const LAZY_INPUT: Record<string, string> = {
  ...Object.fromEntries(
    [...Object.keys(LAZY_ELEMENTS), API_FILE].map((name) => [
      name,
      resolve(root, name === API_FILE ? 'widgets/src/personalization.ts' : `widgets/src/lazy/${name}.ts`),
    ]),
  ),
  explain: resolve(root, 'sdk/src/plugin/explain.ts'),
  ...Object.fromEntries(
    BANNER_LOCALES.map((locale) => [
      `banner-texts-${locale}`,
      resolve(root, `widgets/src/consent-banner/consent-banner.messages.${locale}.ts`),
    ]),
  ),
};
/** A chunk's name as a file name the servers accept: lower-case letters in dash-separated words. */
const chunkFile = (name: string) =>
  `matbakh-chunk-${
    name
      .replace(/([a-z])([A-Z])/g, '$1-$2')
      .toLowerCase()
      .replace(/[^a-z]+/g, '-')
      .replace(/^-|-$/g, '') || 'shared'
  }.js`;

/**
 * Builds:
 *  - `vite build`: ESM of the packages for bundler users, dependencies external.
 *  - `vite build --mode iife` / `--mode iife-privacy-center`: the script-tag files in dist/, with source maps;
 *  - `vite build --mode lazy`: the files matbakh.js loads for the personalization elements (see LAZY_INPUT).
 *  `npm run build` runs all four.
 */
export default defineConfig(({ mode }) => {
  if (mode === 'lazy') return lazyBuild();
  const scriptTag = SCRIPT_TAG_BUILDS[mode];
  const lib: LibraryOptions = scriptTag
    ? {
        entry: resolve(root, scriptTag.entry),
        formats: ['iife'],
        name: 'matbakhBundle',
        fileName: () => scriptTag.file,
      }
    : {
        entry: Object.fromEntries(
          ['index', 'privacy', 'preferences', 'recommendations', 'rules', 'experiments', 'insights'].map((name) => [
            name === 'index' ? 'sdk' : name,
            resolve(root, name === 'index' ? 'sdk/src/index.ts' : `sdk/src/${name}/index.ts`),
          ]),
        ),
        formats: ['es'],
        fileName: (_format, name) => `esm/${name}.js`,
      };
  return {
    publicDir: false,
    // Lazily loaded files take Lit from matbakh.js (scripts/shared-modules.mjs) instead of bringing their own.
    plugins: [
      viteMinifyLiterals(),
      ...(scriptTag?.lazy ? [viteSharedModules(sharedModulesKey(sdkVersion), sdkVersion)] : []),
      ...(mode === 'iife' ? [explainLater()] : []),
    ],
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    resolve: { conditions: ['production', 'browser', 'module', 'import', 'default'] },
    build: {
      target: 'es2020',
      sourcemap: true,
      emptyOutDir: !scriptTag,
      copyPublicDir: false,
      outDir: 'dist',
      lib,
      rolldownOptions: {
        external: scriptTag ? [BANNER_TEXTS] : [/^nanostores/, /^lit/, /^@floating-ui\//],
        // Script-tag files start with a byte order mark: a classic script served without a charset is decoded in
        // the embedding page's encoding (windows-1252 pages exist), the BOM makes it UTF-8 whatever the page.
        output: {
          postBanner: scriptTag ? `\uFEFF${banner}` : banner,
          // A relative `import()` in a classic script resolves against the script's own URL: beside matbakh.js.
          paths: (id: string) => {
            const locale = BANNER_TEXTS.exec(id)?.[1];
            return locale ? `./matbakh-banner-texts-${locale}.js` : id;
          },
          ...(scriptTag ? {} : { chunkFileNames: 'esm/[name]-[hash].js' }),
        },
      },
    },
  };
});

function lazyBuild(): UserConfig {
  return {
    publicDir: false,
    plugins: [viteMinifyLiterals(), viteSharedModules(sharedModulesKey(sdkVersion), sdkVersion)],
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    resolve: { conditions: ['production', 'browser', 'module', 'import', 'default'] },
    build: {
      target: 'es2020',
      sourcemap: true,
      emptyOutDir: false,
      copyPublicDir: false,
      outDir: 'dist',
      // Library mode: plain `import()`, no preload helper (it would add <link> tags to the partner's page and
      // assume the files are served from `/`).
      lib: { entry: LAZY_INPUT, formats: ['es'] },
      rolldownOptions: {
        // The banner's text files are imported for their default export; the element files export nothing.
        preserveEntrySignatures: 'exports-only',
        output: {
          entryFileNames: 'matbakh-[name].js',
          // Library mode keeps whitespace in ES output by default; these files are for browsers only.
          minify: true,
          // The build's own `@__PURE__` marks (shared-modules.mjs) have done their work once the files are
          // minified: no annotation or JSDoc comment ships.
          comments: { legal: true, annotation: false, jsdoc: false },
          chunkFileNames: (chunk) => chunkFile(chunk.name),
        },
      },
    },
  };
}
