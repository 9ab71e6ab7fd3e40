import type { DashboardLayout } from '@matbakh/contract';
import { isObject } from '@matbakh/contract';
import type { Listenable } from '../shared/client-controller.ts';

/**
 * The part of a matbakh client `<mb-widget-grid>` uses: the preferences plugin's layout read and write.
 * Narrow on purpose (a partner's own implementation, or the fake in `widgets/test-support/fake-layout-client.ts`, works too).
 */
export interface LayoutClient {
  preferences: {
    /** Changes when preferences change (here, in another tab, from the server). */
    $preferences: Listenable & { get(): unknown };
    /** Synchronous read of the local copy. */
    get(): { layout: Record<string, DashboardLayout> };
    /** Saves one dashboard's layout; `ok: false` when refused (the grid keeps showing it for this page view). */
    setLayout(dashboardId: string, layout: DashboardLayout): { ok: boolean };
  };
}

/** Duck-typed: a client with the preferences plugin (or anything shaped like one). */
export function isLayoutClient(value: unknown): value is LayoutClient {
  const preferences = isObject(value) ? value.preferences : undefined;
  return (
    isObject(preferences) &&
    typeof preferences.get === 'function' &&
    typeof preferences.setLayout === 'function' &&
    isObject(preferences.$preferences) &&
    typeof preferences.$preferences.listen === 'function'
  );
}

/** The saved layout of `dashboardId`, if it is a well-formed one. */
export function savedLayout(client: LayoutClient | undefined, dashboardId: string | null): DashboardLayout | undefined {
  if (!client || !dashboardId) return undefined;
  const layout: unknown = client.preferences.get()?.layout?.[dashboardId];
  if (!isObject(layout) || !Array.isArray(layout.order)) return undefined;
  const ids = (list: unknown) => (Array.isArray(list) ? list.filter((id) => typeof id === 'string') : []);
  return { order: ids(layout.order), hidden: ids(layout.hidden) };
}
