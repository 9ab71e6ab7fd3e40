import { BUILT_IN_WIDGETS, type DashboardDefaults } from '@matbakh/contract';

/**
 * The reference server's default dashboard arrangement per role, the same for every tenant: what the
 * visitor should see first comes first (a next step for guests, health alerts for owners). Each list holds
 * the built-in widgets only; a page's own widgets follow in the order the page registers them.
 */
export const DEFAULT_DASHBOARDS: DashboardDefaults = {
  guest: { order: [...BUILT_IN_WIDGETS.guest], hidden: [] },
  owner: { order: [...BUILT_IN_WIDGETS.owner], hidden: [] },
};
