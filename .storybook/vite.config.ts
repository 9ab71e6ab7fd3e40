import { defineConfig } from 'vite';

/**
 * Storybook's own Vite config (see `viteConfigPath` in main.ts). Deliberately almost empty: Storybook adds
 * what it needs and main.ts's `viteFinal` adds the `process.env.NODE_ENV` define. Kept apart so the root
 * library build config never leaks into Storybook.
 */
export default defineConfig({});
