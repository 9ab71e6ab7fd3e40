/**
 * Entry of `matbakh-personalization.js`: the personalization API, fetched by `matbakh.js` the first time a page
 * asks for it (`await matbakh.ready()`, `matbakh.widgets.register(…)`). The elements have files of their own
 * (lazy/files.ts); this one shares the plugins' code with them, so a page that uses both loads it once.
 *
 * On load it adds the feature plugins to the page's live client (`client.extend`: the SDK's plugin host starts
 * them in `requires` order, whatever the order here), copies their APIs onto `window.matbakh` (`preferences`,
 * `recommendations`, `actions`, `experiments`, `insights`, `widgets`) and lets the visitor's theme and language
 * preferences drive every widget. Idempotent: a second copy finds the plugins installed (the host skips installed
 * names) and does nothing.
 */
import { experimentsPlugin } from '@matbakh/sdk/experiments';
import { insightsPlugin } from '@matbakh/sdk/insights';
import { recommendationsPlugin } from '@matbakh/sdk/recommendations';
import { rulesPlugin } from '@matbakh/sdk/rules';
import { install } from './lazy/install.ts';
import { registerWidget, unregisterWidget, type WidgetDefinition } from './shared/widget-registry.ts';

/** What `matbakh.js` leaves on the global for this file: calls made before it arrived. */
interface PendingWidgets {
  q?: [id: string, definition: WidgetDefinition][];
}
type Global = Record<string, unknown> & { widgets?: PendingWidgets | object };

function start() {
  const global = (window as unknown as { matbakh?: Global }).matbakh;
  if (!global) return;
  // With the preferences plugin; copies the APIs onto `window.matbakh` and binds the display preferences.
  install(recommendationsPlugin(), rulesPlugin(), insightsPlugin(), experimentsPlugin());
  const pending = (global.widgets as PendingWidgets | undefined)?.q ?? [];
  global.widgets = { register: registerWidget, unregister: unregisterWidget };
  for (const [id, definition] of pending) registerWidget(id, definition);
}

try {
  start();
} catch (error) {
  // Never into the host page.
  if (/[?&]matbakh_debug=1(&|$)/.test(location.search)) console.warn('[matbakh] personalization failed', error);
}
