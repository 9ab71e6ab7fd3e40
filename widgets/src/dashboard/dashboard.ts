/**
 * Registers `<mb-dashboard>` (and the `<mb-widget-grid>` it composes; guarded: loading matbakh twice is a
 * no-op, never an exception). Import this file for the side effect; `dashboard.component.ts` for the class.
 * The widgets on the dashboard are not imported: they are defined when the page (or their loader) does.
 */
import { VERSION } from '@matbakh/sdk';
import '../widget-grid/widget-grid.ts';
import { defineElement } from '../shared/define.ts';
import { registerBuiltInWidgets } from './built-in-widgets.ts';
import { MbDashboard } from './dashboard.component.ts';

export { type BuiltInLoaders, registerBuiltInWidgets, setBuiltInLoaders } from './built-in-widgets.ts';
export { MbDashboard };

export const DASHBOARD_TAG = 'mb-dashboard';
// Built-ins first, so a page's widgets follow them in registration order.
registerBuiltInWidgets();
defineElement(DASHBOARD_TAG, MbDashboard, VERSION);

declare global {
  interface HTMLElementTagNameMap {
    'mb-dashboard': MbDashboard;
  }
}
