import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const sdkVersion: string = JSON.parse(readFileSync(resolve(import.meta.dirname, 'sdk/package.json'), 'utf8')).version;
const banner = `/*! matbakh.js ${sdkVersion} | matbakh personalization SDK */`;

/**
 * Two builds:
 *  - `vite build`: ESM of the packages for bundler users, dependencies external.
 *  - `vite build --mode iife`: the one-script-tag bundle `dist/matbakh.js`, everything inside, with a source map.
 */
export default defineConfig(({ mode }) => {
  const iife = mode === 'iife';
  return {
    publicDir: false,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      target: 'es2020',
      sourcemap: true,
      emptyOutDir: !iife,
      copyPublicDir: false,
      outDir: 'dist',
      lib: iife
        ? {
            entry: resolve(import.meta.dirname, 'sdk/src/loader/index.ts'),
            formats: ['iife'],
            name: 'matbakhBundle',
            fileName: () => 'matbakh.js',
          }
        : {
            entry: { sdk: resolve(import.meta.dirname, 'sdk/src/index.ts') },
            formats: ['es'],
            fileName: (_format, name) => `esm/${name}.js`,
          },
      rolldownOptions: {
        external: iife ? [] : [/^nanostores/, /^lit/, /^@floating-ui\//],
        output: { postBanner: banner },
      },
    },
  };
});
