import type { DashboardLayout } from '@matbakh/contract';

export type LayoutChangeReason = 'move' | 'hide' | 'show' | 'reset';

/** `mb-layout-change`: the visitor rearranged the grid (one event per action). */
export interface LayoutChangeDetail {
  dashboardId: string | null;
  layout: DashboardLayout;
  reason: LayoutChangeReason;
}

export type MbLayoutChangeEvent = CustomEvent<LayoutChangeDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-layout-change': MbLayoutChangeEvent;
  }
}
