import { createHash } from 'node:crypto';
import type { Queryable } from '../db.ts';

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

const STATE_TABLES = ['kpi_visitors', 'kpi_marks', 'kpi_clicks', 'kpi_accepts', 'kpi_exposures'] as const;

/**
 * Erasure: the KPI worker's per-visitor state of the subject (by its userId and by its anonymousId) goes with the
 * events it was read from. The counters stay: they identify nobody.
 */
export async function forgetKpiSubject(
  db: Queryable,
  tenantId: string,
  subject: { anonymousId?: string | undefined; userId?: string | undefined },
): Promise<void> {
  const keys = [
    subject.userId === undefined ? undefined : kpiSubject(tenantId, subject.userId, null),
    subject.anonymousId === undefined ? undefined : kpiSubject(tenantId, null, subject.anonymousId),
  ].filter((key): key is string => key !== undefined);
  if (keys.length === 0) return;
  for (const table of STATE_TABLES) {
    await db.run(`DELETE FROM ${table} WHERE tenant_id = ? AND subject IN (${keys.map(() => '?').join(', ')})`, [
      tenantId,
      ...keys,
    ]);
  }
}
