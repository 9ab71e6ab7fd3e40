// The tenant's default dashboard layouts (`config.dashboards`, or the element's `defaults`): read defensively,
// since they come from the page or the network, and applied as the order of the registered widgets.
import type { DashboardDefaults, DashboardLayout, DashboardRole } from '@matbakh/contract';
import type { WidgetRegistration } from '../shared/widget-registry.ts';

const ids = (list: unknown) => (Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string') : []);

/** The default layout of `role` in `source` (its string ids only), or `undefined` when it has none. */
export function defaultLayoutOf(source: unknown, role: DashboardRole): DashboardLayout | undefined {
  const layout = (source as DashboardDefaults | undefined)?.[role];
  if (!layout || !Array.isArray(layout.order)) return undefined;
  return { order: ids(layout.order), hidden: ids(layout.hidden) };
}

/** `registered` in the order of `layout`; stable: ids the default does not list keep registration order, after it. */
export function inDefaultOrder(registered: WidgetRegistration[], layout: DashboardLayout | undefined) {
  if (!layout) return registered;
  const rank = new Map(layout.order.map((id, index) => [id, index]));
  return registered
    .map((registration, index) => ({ registration, index }))
    .sort((a, b) => (rank.get(a.registration.id) ?? 1e6 + a.index) - (rank.get(b.registration.id) ?? 1e6 + b.index))
    .map(({ registration }) => registration);
}
