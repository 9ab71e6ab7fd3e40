/**
 * The personalization fields a message's text asks for (`{firstName}`, `{dish}`, `{city}`, `{orders}`,
 * `{daysSinceLastOrder}`), read at send time from the recipient's own data: never stored in the queue, so a job row
 * holds no personal data beyond the recipient key, and an erasure between queueing and sending leaves nothing to fill.
 * Only what the text names is read (traits are decrypted only for `{firstName}` / `{city}`).
 */
import { type JsonObject, type MessageContent, placeholdersOf } from '@matbakh/contract';
import type { Queryable } from '../db.ts';
import { productIds } from '../recommend/aggregates.ts';
import { latestTraits, orderHistory } from './audience.ts';
import type { RecipientKey } from './channel.ts';
import { recipientSubject } from './send-checks.ts';

const DAY_MS = 86_400_000;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** `firstName`, else the first word of `name` (Segment's reserved traits). */
function firstNameOf(traits: JsonObject): string | undefined {
  return text(traits.firstName) ?? text(traits.first_name) ?? text(traits.name)?.split(/\s+/)[0];
}

/** Segment's `address.city`, else a flat `city` trait. */
function cityOf(traits: JsonObject): string | undefined {
  const address = traits.address;
  const nested = typeof address === 'object' && address !== null && !Array.isArray(address) ? address.city : undefined;
  return text(nested) ?? text(traits.city);
}

/** The dish the recipient ordered most often (ties: the most recent), named as the catalogue names it. */
async function favouriteDish(db: Queryable, tenantId: string, recipient: RecipientKey): Promise<string | undefined> {
  const { userId, anonymousId } = recipientSubject(recipient);
  const where = userId !== undefined ? 'user_id = ?' : 'anonymous_id = ? AND user_id IS NULL';
  const rows = await db.all<{ payload: string }>(
    `SELECT payload FROM events WHERE tenant_id = ? AND type = 'track' AND event = 'Order Completed' AND ${where}
     ORDER BY timestamp`,
    [tenantId, userId ?? anonymousId ?? ''],
  );
  const counts = new Map<string, number>();
  for (const row of rows) {
    const properties = (JSON.parse(row.payload) as { properties?: Record<string, unknown> }).properties;
    for (const id of productIds(properties)) {
      // Re-inserted so that among equal counts the most recently ordered wins the scan below.
      const count = (counts.get(id) ?? 0) + 1;
      counts.delete(id);
      counts.set(id, count);
    }
  }
  let best: string | undefined;
  for (const [id, count] of counts) if (best === undefined || count >= counts.get(best)!) best = id;
  if (best === undefined) return undefined;
  const item = await db.get<{ data: string }>('SELECT data FROM catalog_items WHERE tenant_id = ? AND id = ?', [
    tenantId,
    best,
  ]);
  return item ? text((JSON.parse(item.data) as { name?: unknown }).name) : undefined;
}

/** The placeholder names used anywhere in the content, in every locale. */
export function fieldsNamed(content: Partial<Record<string, MessageContent>>): Set<string> {
  const names = new Set<string>();
  for (const entry of Object.values(content)) {
    if (!entry) continue;
    for (const part of [entry.title, entry.body, entry.url ?? ''])
      for (const name of placeholdersOf(part)) names.add(name);
  }
  return names;
}

/** The values of the recipient-derived fields among `names`; a field without data is left out (it renders empty). */
export async function recipientFields(
  db: Queryable,
  tenantId: string,
  recipient: RecipientKey,
  names: ReadonlySet<string>,
  now: number,
): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  if (names.has('firstName') || names.has('city')) {
    const traits = await latestTraits(db, tenantId, recipient);
    const firstName = firstNameOf(traits);
    const city = cityOf(traits);
    if (firstName && names.has('firstName')) fields.firstName = firstName;
    if (city && names.has('city')) fields.city = city;
  }
  if (names.has('orders') || names.has('daysSinceLastOrder')) {
    const { times } = await orderHistory(db, tenantId, recipient);
    if (names.has('orders')) fields.orders = String(times.length);
    const last = times.at(-1);
    if (last !== undefined && names.has('daysSinceLastOrder')) {
      fields.daysSinceLastOrder = String(Math.max(0, Math.floor((now - last) / DAY_MS)));
    }
  }
  if (names.has('dish')) {
    const dish = await favouriteDish(db, tenantId, recipient);
    if (dish) fields.dish = dish;
  }
  return fields;
}
