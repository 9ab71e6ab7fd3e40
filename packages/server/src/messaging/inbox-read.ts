/**
 * What the inbox routes and the stream read from `inbox_items` (the writes are inbox-store.ts's `appendInboxItem`,
 * and marking read here). Every query is scoped by (tenant_id, recipient) and walks the index
 * `inbox_items_recipient (tenant_id, recipient, id)`; only the stream's instance-wide poll reads by id alone.
 */
import type { InboxItem } from '@matbakh/contract';
import type { Queryable } from '../db.ts';
import type { RecipientKey } from './channel.ts';
import { INBOX_COLUMNS, type InboxRow, toInboxItem } from './inbox-store.ts';

/** An item together with whose inbox it is in: what the stream's poll fans out. */
export interface AddressedItem {
  tenantId: string;
  recipient: RecipientKey;
  item: InboxItem;
}

export interface InboxPage {
  /** Items older than this id (newest first): the list's "more". */
  before?: number;
  /** Items newer than this id (oldest first): the polling fallback's cursor. */
  after?: number;
  limit: number;
}

/** A page of one recipient's inbox: newest first, or — with `after` — the items since that id, oldest first. */
export async function listInbox(
  db: Queryable,
  tenantId: string,
  recipient: RecipientKey,
  page: InboxPage,
): Promise<InboxItem[]> {
  const where = ['tenant_id = ?', 'recipient = ?'];
  const params: (string | number)[] = [tenantId, recipient];
  if (page.before !== undefined) {
    where.push('id < ?');
    params.push(page.before);
  }
  if (page.after !== undefined) {
    where.push('id > ?');
    params.push(page.after);
  }
  const order = page.after !== undefined ? 'ASC' : 'DESC';
  const rows = await db.all<InboxRow>(
    `SELECT ${INBOX_COLUMNS} FROM inbox_items WHERE ${where.join(' AND ')} ORDER BY id ${order} LIMIT ?`,
    [...params, page.limit],
  );
  return rows.map(toInboxItem);
}

export async function unreadCount(db: Queryable, tenantId: string, recipient: RecipientKey): Promise<number> {
  const row = await db.get<{ n: number | string }>(
    'SELECT count(*) AS n FROM inbox_items WHERE tenant_id = ? AND recipient = ? AND read_at IS NULL',
    [tenantId, recipient],
  );
  return Number(row?.n ?? 0);
}

/** Marks the given items (only the recipient's own; already read ones keep their time) or all as read. */
export async function markRead(
  db: Queryable,
  tenantId: string,
  recipient: RecipientKey,
  which: readonly number[] | 'all',
  at: string,
): Promise<number> {
  if (which !== 'all' && which.length === 0) return 0;
  const ids = which === 'all' ? '' : ` AND id IN (${which.map(() => '?').join(', ')})`;
  const result = await db.run(
    `UPDATE inbox_items SET read_at = ? WHERE tenant_id = ? AND recipient = ? AND read_at IS NULL${ids}`,
    [at, tenantId, recipient, ...(which === 'all' ? [] : which)],
  );
  return result.changes;
}

/** Every tenant's items after `id`, oldest first: one query per instance and poll, whatever the connections. */
export async function itemsAfter(db: Queryable, id: number, limit: number): Promise<AddressedItem[]> {
  const rows = await db.all<InboxRow & { tenant_id: string; recipient: string }>(
    `SELECT tenant_id, recipient, ${INBOX_COLUMNS} FROM inbox_items WHERE id > ? ORDER BY id LIMIT ?`,
    [id, limit],
  );
  return rows.map((row) => ({ tenantId: row.tenant_id, recipient: row.recipient, item: toInboxItem(row) }));
}

/** The newest id now (0 for an empty table): where a starting instance's poll begins. */
export async function newestItemId(db: Queryable): Promise<number> {
  const row = await db.get<{ id: number | string | null }>('SELECT max(id) AS id FROM inbox_items');
  return Number(row?.id ?? 0);
}
