/** `matbakh-dashboard.js`: `<mb-dashboard>` with its grid; the built-in widgets' files load when a cell needs them. */
import './use-preferences.ts';
import { setBuiltInLoaders } from '../dashboard/dashboard.ts';

// Inside the dashboard's shadow root, where matbakh.js's watch on the document cannot see them.
setBuiltInLoaders({
  'mb-recommendations': () => import('./recommendations.ts'),
  'mb-next-best-action': () => import('./next-best-action.ts'),
  'mb-insights': () => import('./insights.ts'),
});
