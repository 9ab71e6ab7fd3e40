import { createHash } from 'node:crypto';

/**
 * The KPI tables' name for a visitor: a hash of tenant and id (the userId when the event has one, else the
 * anonymousId — the identifier the SDK buckets experiments by), so the tables count visitors without holding
 * their ids. `undefined` when the event names nobody.
 */
export function kpiSubject(tenantId: string, userId: string | null, anonymousId: string | null): string | undefined {
  const id = userId ?? anonymousId;
  if (id === null) return undefined;
  return createHash('sha256')
    .update(`${tenantId}\u0000${userId === null ? 'a' : 'u'}\u0000${id}`)
    .digest('base64url')
    .slice(0, 22);
}
