import type { DashboardLayout } from './preferences.ts';

/**
 * Dashboards (`<mb-dashboard role>`): who a dashboard is for, and the tenant's default arrangement per role,
 * delivered in `GET /v1/config` as `dashboards`. A visitor's saved layout (the `layout` preference) wins
 * over these defaults; ids the page has no widget for are ignored, widgets missing here follow in the order
 * they were registered.
 */
export type DashboardRole = 'guest' | 'owner';
export const DASHBOARD_ROLES: readonly DashboardRole[] = ['guest', 'owner'];

/** Ids of the widgets the dashboard brings itself (a host registers more through `matbakh.widgets.register`). */
export const BUILT_IN_WIDGETS = {
  guest: ['next-best-action', 'recommendations', 'orders'],
  owner: ['insights', 'next-best-action', 'recommendations', 'orders'],
} as const satisfies Record<DashboardRole, readonly string[]>;

/** `ConfigResponse.dashboards`: a default layout per role; a role without one uses registration order. */
export type DashboardDefaults = Partial<Record<DashboardRole, DashboardLayout>>;

/** Longest widget id, and most ids in one default layout: a config is small and never a dump of data. */
export const DASHBOARD_LIMITS = { idLength: 64, widgets: 50 } as const;

/** A widget id: lower-case letters, digits and dashes, starting with a letter (`next-best-action`). */
export const WIDGET_ID_PATTERN = /^[a-z][a-z0-9-]*$/;

export function isDashboardRole(value: unknown): value is DashboardRole {
  return typeof value === 'string' && (DASHBOARD_ROLES as readonly string[]).includes(value);
}

/**
 * Checks a `dashboards` section (what a tenant configures, or what a client receives): every role known,
 * `order` and `hidden` lists of valid, unique widget ids within the limits. The error names the field.
 */
export function validateDashboardDefaults(
  value: unknown,
): { ok: true; value: DashboardDefaults } | { ok: false; error: { field: string; message: string } } {
  const fail = (field: string, message: string) => ({ ok: false as const, error: { field, message } });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('dashboards', 'dashboards must be an object keyed by role (guest, owner)');
  }
  const result: DashboardDefaults = {};
  for (const [role, layout] of Object.entries(value)) {
    const field = `dashboards.${role}`;
    if (!isDashboardRole(role)) return fail(field, `unknown role "${role}": use ${DASHBOARD_ROLES.join(' or ')}`);
    if (typeof layout !== 'object' || layout === null) return fail(field, `${field} must be { order, hidden }`);
    const { order, hidden = [] } = layout as { order?: unknown; hidden?: unknown };
    for (const [name, list] of [
      ['order', order],
      ['hidden', hidden],
    ] as const) {
      const listField = `${field}.${name}`;
      if (!Array.isArray(list)) return fail(listField, `${listField} must be an array of widget ids`);
      if (list.length > DASHBOARD_LIMITS.widgets) {
        return fail(listField, `${listField} has more than ${DASHBOARD_LIMITS.widgets} ids`);
      }
      const seen = new Set<string>();
      for (const id of list) {
        if (typeof id !== 'string' || id.length > DASHBOARD_LIMITS.idLength || !WIDGET_ID_PATTERN.test(id)) {
          return fail(listField, `${listField} holds an invalid widget id: ${JSON.stringify(id)?.slice(0, 80)}`);
        }
        if (seen.has(id)) return fail(listField, `${listField} lists "${id}" twice`);
        seen.add(id);
      }
    }
    result[role] = { order: [...(order as string[])], hidden: [...(hidden as string[])] };
  }
  return { ok: true, value: result };
}
