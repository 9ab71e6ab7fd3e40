/**
 * Order attribution for messages (issue 19 item 5), a step of the KPI worker's event pass (kpis/apply.ts): each
 * `Order Completed` it reads — once, in event order, never a rescan — is matched against the recipient's
 * deliveries of the last {@link MESSAGE_ATTRIBUTION_DAYS} days (`u:<userId>` and `a:<anonymousId>`, as
 * preferences-store.ts `subjectKey` names recipients):
 *
 * - **converted** (the funnel, revenue, ROI): the treated delivery whose last touch — click, else open, else the
 *   send for in-app messages, which have neither — is the latest within the window before the order gets the
 *   order and its revenue, unless it converted already (an older touch does not take its place). One order
 *   converts at most one treated delivery, so channel totals never count it twice.
 *   A holdout delivery has no touch: it converts on its (would-be) send, the same way, per campaign.
 * - **ordered_at** (the lift): every delivery, treated or holdout, sent within the window before the order notes
 *   the recipient's first order after it. Treated and holdout are compared on this alone (intent to treat), so a
 *   campaign's lift does not depend on whether its recipients clicked.
 * A delivery converts once: later orders leave it as it is.
 */
import { MESSAGE_ATTRIBUTION_DAYS } from '@matbakh/contract';
import type { Queryable } from '../db.ts';

const WINDOW_MS = MESSAGE_ATTRIBUTION_DAYS * 86_400_000;

interface DeliveryRow {
  id: number;
  campaign_id: string;
  channel: string | null;
  holdout: number;
  sent_at: string;
  opened_at: string | null;
  clicked_at: string | null;
  converted_at: string | null;
  ordered_at: string | null;
}

export interface AttributedOrder {
  tenantId: string;
  userId: string | null;
  anonymousId: string | null;
  /** The order's time (the event's timestamp), ms and ISO. */
  time: number;
  iso: string;
  revenue: number;
}

/** The moment a delivery last reached its recipient: click, else open, else the send where nothing else is recorded. */
function touchOf(row: DeliveryRow): string | undefined {
  if (row.holdout === 1 || row.channel === 'in_app') return row.clicked_at ?? row.opened_at ?? row.sent_at;
  return row.clicked_at ?? row.opened_at ?? undefined;
}

const inWindow = (at: string | undefined, order: AttributedOrder): at is string =>
  at !== undefined && at <= order.iso && Date.parse(at) >= order.time - WINDOW_MS;

/** Marks the deliveries an order converts; returns how many rows changed. */
export async function attributeOrder(db: Queryable, order: AttributedOrder): Promise<number> {
  const recipients = [
    ...(order.userId === null ? [] : [`u:${order.userId}`]),
    ...(order.anonymousId === null ? [] : [`a:${order.anonymousId}`]),
  ];
  if (recipients.length === 0 || !Number.isFinite(order.time)) return 0;
  // Event timestamps may lack milliseconds: one spelling, so ISO strings compare as times.
  order = { ...order, iso: new Date(order.time).toISOString() };
  // A touch inside the window belongs to a send at most two windows back (a click comes after its send).
  const since = new Date(order.time - 2 * WINDOW_MS).toISOString();
  const rows = (
    await db.all<DeliveryRow>(
      `SELECT id, campaign_id, channel, holdout, sent_at, opened_at, clicked_at, converted_at, ordered_at
       FROM message_deliveries WHERE tenant_id = ? AND recipient IN (${recipients.map(() => '?').join(', ')})
       AND sent_at >= ? AND sent_at <= ?`,
      [order.tenantId, ...recipients, since, order.iso],
    )
  ).map((row) => ({ ...row, id: Number(row.id), holdout: Number(row.holdout) }));
  let changed = 0;
  const mark = async (sql: string, params: (string | number)[]) => {
    changed += (await db.run(sql, params)).changes;
  };
  for (const row of rows) {
    if (row.ordered_at === null && inWindow(row.sent_at, order)) {
      await mark('UPDATE message_deliveries SET ordered_at = ? WHERE id = ? AND ordered_at IS NULL', [
        order.iso,
        row.id,
      ]);
    }
  }
  // The last touch decides, converted or not: an order after a newer touch does not fall back to an older one.
  const touched = rows.filter((row) => inWindow(touchOf(row), order));
  const lastTreated = touched
    .filter((row) => row.holdout === 0)
    .sort((a, b) => (touchOf(b) ?? '').localeCompare(touchOf(a) ?? '') || b.id - a.id)[0];
  // Holdout deliveries of one campaign: the latest converts, as a treated one would.
  const lastHoldout = new Map<string, DeliveryRow>();
  for (const row of touched) {
    const seen = lastHoldout.get(row.campaign_id);
    if (row.holdout === 1 && (!seen || row.sent_at > seen.sent_at)) lastHoldout.set(row.campaign_id, row);
  }
  const converting = [...(lastTreated ? [lastTreated] : []), ...lastHoldout.values()].filter(
    (row) => row.converted_at === null,
  );
  for (const row of converting) {
    await mark('UPDATE message_deliveries SET converted_at = ?, revenue = ? WHERE id = ? AND converted_at IS NULL', [
      order.iso,
      order.revenue,
      row.id,
    ]);
  }
  return changed;
}
