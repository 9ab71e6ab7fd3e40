import { BUILT_IN_WIDGETS, type DashboardDefaults } from '@matbakh/contract';
import type { RouteModule } from '../route-kit.ts';

/**
 * The reference server's default dashboard arrangement per role, the same for every tenant: what the
 * visitor should see first comes first (a next step for guests, health alerts for owners). Each list holds
 * the built-in widgets only; a page's own widgets follow in the order the page registers them.
 */
export const DEFAULT_DASHBOARDS: DashboardDefaults = {
  guest: { order: [...BUILT_IN_WIDGETS.guest], hidden: [] },
  owner: { order: [...BUILT_IN_WIDGETS.owner], hidden: [] },
};

/** Adds `dashboards` (default layout per role) to `GET /v1/config`. No routes of its own. */
export const dashboardRoutes: RouteModule = (_app, kit) => {
  // A copy per response: nothing downstream can mutate the shared default.
  kit.addConfig(() => ({ dashboards: structuredClone(DEFAULT_DASHBOARDS) }));
};
