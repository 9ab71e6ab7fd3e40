import type { LiveEvent } from '@matbakh/contract';
import type { Queryable } from '../db.ts';

/** The tenant's live events after `after` (an id), oldest first: one indexed range read of (tenant_id, id). */
export async function liveEventsAfter(
  db: Queryable,
  tenantId: string,
  after: number,
  limit: number,
): Promise<LiveEvent[]> {
  const rows = await db.all<{ id: number; data: string }>(
    'SELECT id, data FROM live_events WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?',
    [tenantId, after, limit],
  );
  return rows.map((row) => ({ id: Number(row.id), ...(JSON.parse(row.data) as Omit<LiveEvent, 'id'>) }));
}

/** The cursor that shows the tenant's newest `backlog` events first (0 when it has fewer). */
export async function backlogCursor(db: Queryable, tenantId: string, backlog: number): Promise<number> {
  const row = await db.get<{ id: number }>(
    'SELECT id FROM live_events WHERE tenant_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?',
    [tenantId, backlog],
  );
  return row ? Number(row.id) : 0;
}
