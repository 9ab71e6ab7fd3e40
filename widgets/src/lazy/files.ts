/**
 * The elements `matbakh.js` loads on first use, one file per element (or per group that always renders together):
 * `dist/matbakh-<name>.js`, built from `widgets/src/lazy/<name>.ts` by `vite build --mode lazy` as ES modules that
 * share their common code (Lit from matbakh.js, the widget foundation, the SDK plugins) through chunks loaded once
 * per page. A new element: one line here and its entry file beside this one.
 */
export const LAZY_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  dashboard: ['mb-dashboard'],
  'widget-grid': ['mb-widget-grid'],
  recommendations: ['mb-recommendations', 'mb-recommendation-card'],
  'preference-panel': ['mb-preference-panel'],
  'next-best-action': ['mb-next-best-action'],
  tour: ['mb-tour'],
  insights: ['mb-insights'],
  search: ['mb-search'],
  'push-optin': ['mb-push-optin'],
};

/** The file `matbakh.ready()` and `matbakh.widgets.register()` load: the personalization API, no elements. */
export const API_FILE = 'personalization';
