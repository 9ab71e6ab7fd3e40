import type { Ctx, RouteKit } from './route-kit.ts';
import { findByWriteKey, type Tenant } from './tenants.ts';

/**
 * A tenant's server-side call (`Authorization: Bearer <tenant secret>`, never sent from a browser), then the origin
 * rule and rate limit every /v1 call gets. A Response means refused (401, 403 or 429), already written.
 */
export async function authorizeSecret(c: Ctx, kit: RouteKit): Promise<Tenant | Response> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  const row = match
    ? await kit.db.get<{ write_key: string }>('SELECT write_key FROM tenants WHERE secret = ?', [match[1]!])
    : undefined;
  const found = row ? await findByWriteKey(kit.db, row.write_key) : undefined;
  if (!found) {
    return kit.fail(c, 401, 'unauthorized', 'send Authorization: Bearer <tenant secret> (the sk_… from create-tenant)');
  }
  // Origin rule and rate limit as for every /v1 call (a backend sends no Origin).
  return kit.authorize(c, found.writeKey);
}
