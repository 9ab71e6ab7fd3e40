/**
 * The check every admin-key route module starts with: the admin key, its own rate limit per module, no caching of
 * the answer, and who acted (the key's id) for the audit log.
 */
import { authorizeKey, keyRule } from '../auth.ts';
import type { Ctx, RouteKit } from '../route-kit.ts';
import type { Tenant } from '../tenants.ts';

export type AdminCaller = { tenant: Tenant; by: { actor: 'admin_key'; id: string } };

export function adminGate(kit: RouteKit, purpose: string): (c: Ctx) => Promise<AdminCaller | Response> {
  const rule = keyRule(kit, ['admin'], purpose);
  return async (c) => {
    const auth = await authorizeKey(kit, c, rule);
    if (auth instanceof Response) return auth;
    c.header('Cache-Control', 'no-store');
    return { tenant: auth.tenant, by: { actor: 'admin_key', id: auth.key.id } };
  };
}
