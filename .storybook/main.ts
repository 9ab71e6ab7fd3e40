import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';
import { mergeConfig } from 'vite';

/**
 * Storybook for the mb-* widgets. Builds offline: no telemetry, no addon that downloads anything.
 *
 * Vite is pointed at `.storybook/vite.config.ts` instead of the root `vite.config.ts`: the root one is the
 * library build (lib mode, externals, production define) and must not shape the Storybook app.
 */
const config: StorybookConfig = {
  framework: {
    name: '@storybook/web-components-vite',
    options: { builder: { viteConfigPath: fileURLToPath(new URL('./vite.config.ts', import.meta.url)) } },
  },
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  // msw's worker script lives in .storybook/public (root package.json "msw.workerDirectory").
  staticDirs: ['./public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (vite, { configType }) =>
    mergeConfig(vite, {
      // nanostores reads process.env.NODE_ENV, which only exists in Node: replace it at build time.
      define: { 'process.env.NODE_ENV': JSON.stringify(configType === 'PRODUCTION' ? 'production' : 'development') },
      // One Lit for the renderer and our code. Pre-bundled, the renderer's `lit/directive-helpers.js` and our
      // `lit` ended up with two lit-html copies in dev ("Multiple versions of Lit loaded"); Lit is plain
      // ESM, so serving it unbundled costs nothing but a few requests.
      optimizeDeps: { exclude: ['lit', 'lit-element', 'lit-html', '@lit/reactive-element'] },
      // Storybook's own preview runtime (plus axe) is one large chunk by design; not our bundle budget.
      build: { chunkSizeWarningLimit: 2000 },
    }),
};

export default config;
