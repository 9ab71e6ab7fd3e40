/**
 * The in-app inbox's rows (`inbox_items`): the in-app channel appends, `GET /v1/inbox` reads, and the stream
 * (`GET /v1/stream`) hears of each new item through `onInboxItem` in the instance that wrote it. Other instances
 * learn of it by polling the table from the last id they sent (the id is monotonic: it is the SSE event id).
 */
import type { InboxItem, NotificationTopic } from '@matbakh/contract';
import type { Db } from '../db.ts';
import type { RecipientKey } from './channel.ts';

export interface NewInboxItem {
  tenantId: string;
  recipient: RecipientKey;
  /** The delivery that put it here (`message_deliveries.id`); absent for an item written outside a campaign. */
  deliveryId?: number;
  topic: NotificationTopic;
  title: string;
  body: string;
  /** Already sanitised with `safeUrl`. */
  url?: string;
  createdAt: string;
}

export type InboxListener = (tenantId: string, recipient: RecipientKey, item: InboxItem) => void;

const listeners = new Set<InboxListener>();

/** Hears every item this process appends; returns the unsubscribe. */
export function onInboxItem(listener: InboxListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The columns every read of an item selects (an `InboxRow`). */
export const INBOX_COLUMNS = 'id, topic, title, body, url, created_at, read_at';

/** An `inbox_items` row as the queries select it. */
export interface InboxRow {
  id: number;
  topic: NotificationTopic;
  title: string;
  body: string;
  url: string | null;
  created_at: string;
  read_at: string | null;
}

/** A row as the contract's item. */
export function toInboxItem(row: InboxRow): InboxItem {
  return {
    id: Number(row.id),
    topic: row.topic,
    title: row.title,
    body: row.body,
    ...(row.url ? { url: row.url } : {}),
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

/**
 * Stores one item and tells this process's listeners once the row is committed (inside a transaction: after its
 * COMMIT, never after a rollback), so a stream woken by the news finds the row when it reads. A listener that throws
 * does not undo the write.
 */
export async function appendInboxItem(db: Db, input: NewInboxItem): Promise<InboxItem> {
  const row = await db.get<InboxRow>(
    `INSERT INTO inbox_items (tenant_id, recipient, delivery_id, topic, title, body, url, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${INBOX_COLUMNS}`,
    [
      input.tenantId,
      input.recipient,
      input.deliveryId ?? null,
      input.topic,
      input.title,
      input.body,
      input.url ?? null,
      input.createdAt,
    ],
  );
  if (!row) throw new Error('inbox insert returned no row');
  const item = toInboxItem(row);
  // The listeners as they are now; each one's failure is kept from the others and from the write (runEffects).
  for (const listener of [...listeners]) db.afterCommit(() => listener(input.tenantId, input.recipient, item));
  return item;
}
