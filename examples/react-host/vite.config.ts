import { defineConfig } from 'vite';

/** React 19 needs no plugin for custom elements: JSX with the automatic runtime is enough. */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  logLevel: 'warn',
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
