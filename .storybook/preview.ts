import { createMockApi } from '@matbakh/mocks';
import { dirOf, isLocale, LOCALES, type Locale } from '@matbakh/widgets/shared/i18n.ts';
import { THEMES, type Theme } from '@matbakh/widgets/shared/tokens.ts';
import { type Decorator, type Preview, setCustomElementsManifest } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { mswLoader } from 'msw-storybook-addon/csf3';

// The elements' attributes, properties, events (with detail), slots, parts and --mb-* tokens, generated from
// their JSDoc by `npm run manifest`: every docs page reads this one source.
import manifest from '../stories/generated/custom-elements.json';
import { MOCK_API } from '../stories/support/mock-origin.ts';

setCustomElementsManifest(manifest);

/**
 * msw, started once for the whole Storybook. Our own setup instead of the addon's default only to load the
 * worker by a relative URL, so a Storybook deployed under a sub-path still finds it.
 */
async function startWorker() {
  const { setupWorker } = await import('msw/browser');
  const worker = setupWorker();
  await worker.start({
    quiet: true,
    serviceWorker: { url: './mockServiceWorker.js' },
    // Storybook's own files are none of msw's business; a call to the mock API without a handler is a bug,
    // and is stopped (`print.error` fails the request) rather than passed on to the network.
    onUnhandledRequest: (request, print) => {
      if (request.url.startsWith(MOCK_API)) print.error();
    },
  });
  return worker;
}

const isTheme = (value: unknown): value is Theme => (THEMES as readonly unknown[]).includes(value);

/** Page colour behind the story, so a dark widget is not judged on a white page. */
const PAGE_BACKGROUND: Record<Theme, string> = {
  light: '#efece8',
  dark: '#211e1b',
  'high-contrast': '#ffffff',
  'brand-example': '#e3efe6',
  system: 'light-dark(#efece8, #211e1b)',
};

/**
 * Hands the toolbar's theme and locale to the widgets of a story. Widgets read their preset from their own
 * `theme` attribute and their locale from `lang`; tokens live on each widget's `:host`, so a wrapper alone
 * cannot theme them. The decorator therefore sets both attributes on every `mb-*` element in the story's
 * light DOM (widgets pass them on to the widgets they render in their shadow roots) and `lang`/`dir` on
 * the wrapper, which `direction` and `:lang()` inherit through shadow roots.
 */
const withThemeAndLocale: Decorator = (story, { globals }) => {
  const theme: Theme = isTheme(globals.theme) ? globals.theme : 'light';
  const locale: Locale = isLocale(globals.locale) ? globals.locale : 'de';
  const applyToWidgets = (wrapper?: Element) => {
    // The ref fires before the story's own content is committed; a microtask later it is there.
    queueMicrotask(() => {
      for (const el of wrapper?.querySelectorAll('*') ?? []) {
        if (!el.localName.startsWith('mb-')) continue;
        el.setAttribute('theme', theme);
        el.setAttribute('lang', locale);
      }
    });
  };
  return html`<div
    class="mb-story"
    lang=${locale}
    dir=${dirOf(locale)}
    data-theme=${theme}
    style="padding: 1rem; min-block-size: 100%; box-sizing: border-box; color-scheme: ${
      theme === 'dark' ? 'dark' : theme === 'system' ? 'light dark' : 'light'
    }; background: ${PAGE_BACKGROUND[theme]}"
    ${ref(applyToWidgets)}
  >
    ${story()}
  </div>`;
};

/**
 * The viewport toolbar (Storybook 10's built-in viewport feature, no addon): the three widths the widgets are
 * designed and reviewed at. Keys are what `globals.viewport.value` holds, e.g. a story pinned to mobile:
 * `globals: { viewport: { value: 'mobile', isRotated: false } }`. Rotating swaps width and height.
 */
const VIEWPORTS = {
  mobile: { name: 'Mobile (360 × 740)', styles: { width: '360px', height: '740px' }, type: 'mobile' },
  tablet: { name: 'Tablet (768 × 1024)', styles: { width: '768px', height: '1024px' }, type: 'tablet' },
  desktop: { name: 'Desktop (1280 × 800)', styles: { width: '1280px', height: '800px' }, type: 'desktop' },
} as const;

const preview: Preview = {
  // A docs page per element (its `component` tag): description, the manifest's API tables, the stories.
  tags: ['autodocs'],
  loaders: [mswLoader(startWorker)],
  decorators: [withThemeAndLocale],
  parameters: {
    layout: 'fullscreen',
    // The contract's API for every story; a story overrides a route with `parameters.msw.handlers.api`
    // or adds its own in `beforeEach({ msw })`.
    msw: { handlers: { api: createMockApi({ base: MOCK_API }).handlers } },
    a11y: { test: 'error' },
    viewport: { options: VIEWPORTS },
  },
  globalTypes: {
    theme: {
      description: 'Theme preset of the widgets (their `theme` attribute)',
      toolbar: {
        title: 'Theme',
        icon: 'paintbrush',
        dynamicTitle: true,
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
          { value: 'high-contrast', title: 'High contrast' },
          { value: 'brand-example', title: 'Brand example (green partner)' },
          { value: 'system', title: 'System (prefers-color-scheme)' },
        ],
      },
    },
    locale: {
      description: 'Locale of the widgets (their `lang`); ar renders right-to-left',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        dynamicTitle: true,
        items: LOCALES.map((value) => ({
          value,
          title: { de: 'Deutsch', en: 'English', ar: 'العربية (RTL)' }[value],
          right: dirOf(value),
        })),
      },
    },
  },
  // `viewport.value` undefined: the responsive default (the story fills the preview) until one is picked.
  initialGlobals: { theme: 'light', locale: 'de', viewport: { value: undefined, isRotated: false } },
};

export default preview;
