/**
 * `matbakh-dashboard.js`: `<mb-dashboard>` with its grid, and the built-in widgets every dashboard shows
 * (recommendations, next step): defined with it, so their cells have their own size from the first frame.
 * The owners' insights load when a cell needs them.
 */
import './next-best-action.ts';
import './recommendations.ts';
import '../widget-grid/widget-grid.ts';
import { VERSION } from '@matbakh/sdk';
import { registerBuiltInWidgets, setBuiltInLoaders } from '../dashboard/built-in-widgets.ts';
import { MbDashboard } from '../dashboard/dashboard.component.ts';
import { defineElement } from '../shared/define.ts';
import { nextTask } from '../shared/next-task.ts';

// Inside the dashboard's shadow root, where matbakh.js's watch on the document cannot see them.
setBuiltInLoaders({ 'mb-insights': () => import('./insights.ts') });
registerBuiltInWidgets();
// Defined (the page's dashboards upgrade and render: with their widgets, whole from the first frame) in a task of
// its own: not in the one that ran these files and started their plugins, which together made one long task.
void nextTask().then(() => defineElement('mb-dashboard', MbDashboard, VERSION));
