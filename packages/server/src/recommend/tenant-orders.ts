import type { Db } from '../db.ts';
import { localHour, type OrderFact, productIds } from './aggregates.ts';

/** Rows per read: the event loop gets a turn between pages. */
const PAGE_ROWS = 2_000;

interface Row {
  seq: number;
  user_id: string | null;
  anonymous_id: string | null;
  timestamp: string;
  tz: string | null;
  payload: string;
}

/**
 * A tenant's stored orders (`Order Completed`) as the aggregates take them, oldest first, and the events sequence
 * they were read up to: what a refit learns from. Read by (tenant_id, sequence), so other tenants cost nothing.
 */
export async function tenantOrders(db: Db, tenantId: string): Promise<{ orders: OrderFact[]; top: number }> {
  const top =
    (
      await db.get<{ top: number }>(
        `SELECT ${db.sql.eventSeq} AS top FROM events WHERE tenant_id = ? ORDER BY ${db.sql.eventSeq} DESC LIMIT 1`,
        [tenantId],
      )
    )?.top ?? 0;
  const sql = `SELECT ${db.sql.eventSeq} AS seq, user_id, anonymous_id, timestamp,
      ${db.sql.jsonText('context', 'timezone')} AS tz, payload
    FROM events
    WHERE tenant_id = ? AND ${db.sql.eventSeq} > ? AND ${db.sql.eventSeq} <= ?
      AND type = 'track' AND event = 'Order Completed'
    ORDER BY ${db.sql.eventSeq}
    LIMIT ?`;
  const orders: OrderFact[] = [];
  let after = 0;
  for (;;) {
    const rows = await db.all<Row>(sql, [tenantId, after, top, PAGE_ROWS]);
    for (const row of rows) {
      const at = Date.parse(row.timestamp);
      const payload = JSON.parse(row.payload) as { properties?: Record<string, unknown> };
      const items = productIds(payload.properties);
      if (items.length === 0 || !Number.isFinite(at)) continue;
      orders.push({ userId: row.user_id, anonymousId: row.anonymous_id, at, hour: localHour(at, row.tz), items });
    }
    if (rows.length < PAGE_ROWS) break;
    after = rows[rows.length - 1]!.seq;
    await new Promise((resolve) => setImmediate(resolve));
  }
  orders.sort((a, b) => a.at - b.at);
  return { orders, top };
}

/** Orders stored after `seq` (the refit schedule's "new orders"): one range of the (tenant_id, sequence) index. */
export async function ordersSince(db: Db, tenantId: string, seq: number): Promise<number> {
  const row = await db.get<{ n: number }>(
    `SELECT count(*) AS n FROM events
     WHERE tenant_id = ? AND ${db.sql.eventSeq} > ? AND type = 'track' AND event = 'Order Completed'`,
    [tenantId, seq],
  );
  return row?.n ?? 0;
}
