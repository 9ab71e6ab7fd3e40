/**
 * `matbakh-dashboard.js`: `<mb-dashboard>` with its grid, and the built-in widgets every dashboard shows
 * (recommendations, next step): defined with it, so their cells have their own size from the first frame.
 * The owners' insights load when a cell needs them.
 */
import './next-best-action.ts';
import './recommendations.ts';
import { setBuiltInLoaders } from '../dashboard/dashboard.ts';

// Inside the dashboard's shadow root, where matbakh.js's watch on the document cannot see them.
setBuiltInLoaders({ 'mb-insights': () => import('./insights.ts') });
