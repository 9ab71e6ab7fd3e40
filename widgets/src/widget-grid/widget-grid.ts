/**
 * Registers `<mb-widget-grid>` (guarded: loading matbakh twice is a no-op, never an exception).
 * Import this file for the side effect; import `widget-grid.component.ts` for the class alone.
 */
import { VERSION } from '@matbakh/sdk';
import { defineElement } from '../shared/define.ts';
import { MbWidgetGrid } from './widget-grid.component.ts';

export type { LayoutClient } from './layout-client.ts';
export type { LayoutChangeDetail, LayoutChangeReason } from './widget-grid.component.ts';
export { MbWidgetGrid };

export const WIDGET_GRID_TAG = 'mb-widget-grid';
defineElement(WIDGET_GRID_TAG, MbWidgetGrid, VERSION);

declare global {
  interface HTMLElementTagNameMap {
    'mb-widget-grid': MbWidgetGrid;
  }
}
