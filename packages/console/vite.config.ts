import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The partner console: an app (not a library), served by the reference server at `/console/` (routes/console-files.ts).
 * Hashed file names under `assets/` (cached for a year there), `index.html` without inline script (the server's CSP
 * allows only this origin's files).
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  publicDir: false,
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  resolve: { conditions: ['production', 'browser', 'module', 'import', 'default'] },
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // Vite would inline small modules as data: URLs; the CSP allows only files of this origin.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
