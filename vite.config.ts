import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type LibraryOptions } from 'vite';
import { viteMinifyLiterals } from './scripts/minify-literals.mjs';
import { viteSharedModules } from './scripts/shared-modules.mjs';
import { sharedModulesKey } from './widgets/src/shared/shared-modules-key.ts';

const root = import.meta.dirname;
const sdkVersion: string = JSON.parse(readFileSync(resolve(root, 'sdk/package.json'), 'utf8')).version;
const banner = `/*! matbakh.js ${sdkVersion} | matbakh personalization SDK */`;

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
  // Loaded by matbakh.js when a page shows a personalization element or asks for its API (`matbakh.ready()`).
  'iife-personalization': { entry: 'widgets/src/personalization.ts', file: 'matbakh-personalization.js', lazy: true },
};

/**
 * Builds:
 *  - `vite build`: ESM of the packages for bundler users, dependencies external.
 *  - `vite build --mode iife` / `--mode iife-privacy-center` / `--mode iife-personalization`: the script-tag files
 *    in dist/, with source maps. `npm run build` runs all four.
 */
export default defineConfig(({ mode }) => {
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
        external: scriptTag ? [] : [/^nanostores/, /^lit/, /^@floating-ui\//],
        // Script-tag files start with a byte order mark: a classic script served without a charset is decoded in
        // the embedding page's encoding (windows-1252 pages exist), the BOM makes it UTF-8 whatever the page.
        output: {
          postBanner: scriptTag ? `\uFEFF${banner}` : banner,
          ...(scriptTag ? {} : { chunkFileNames: 'esm/[name]-[hash].js' }),
        },
      },
    },
  };
});
