/**
 * Who a campaign reaches: its audience rules (every one must hold) over a recipient's traits, preferences and
 * order aggregates. `matches` is pure; `recipientFacts` reads what the rules name, and only that.
 */
import type { AudienceRule, JsonObject, PreferencesDocument } from '@matbakh/contract';
import { subjectCipher } from '../crypto/subject-data.ts';
import { openTraits } from '../crypto/traits.ts';
import type { Queryable } from '../db.ts';
import { readPreferences } from '../preferences-store.ts';
import type { Db } from '../storage/port.ts';
import type { RecipientKey } from './channel.ts';
import { recipientSubject } from './send-checks.ts';

const DAY_MS = 86_400_000;

export interface OrderHistory {
  /** Order times (ms), oldest first. */
  times: number[];
  total: number;
}

export interface RecipientFacts {
  traits: JsonObject;
  preferences: PreferencesDocument | undefined;
  orders: OrderHistory;
}

type Value = string | number | boolean | null | undefined;

function pathValue(root: unknown, path: readonly string[]): Value {
  let at: unknown = root;
  for (const key of path) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return typeof at === 'object' ? undefined : (at as Value);
}

/** The value a rule's field names: `trait.<path>`, `preference.<path>`, `orders.count|daysSinceLast|total`. */
export function fieldValue(field: string, facts: RecipientFacts, now: number): Value {
  const [root, ...path] = field.split('.');
  if (root === 'trait') return pathValue(facts.traits, path);
  if (root === 'preference') return pathValue(facts.preferences, path);
  if (root === 'orders') {
    const { times, total } = facts.orders;
    if (path[0] === 'count') return times.length;
    if (path[0] === 'total') return total;
    if (path[0] === 'daysSinceLast') {
      const last = times.at(-1);
      return last === undefined ? undefined : Math.floor((now - last) / DAY_MS);
    }
  }
  return undefined;
}

function holds(rule: AudienceRule, value: Value): boolean {
  const wanted = rule.value;
  switch (rule.op) {
    case 'exists':
      return value !== undefined && value !== null;
    case 'eq':
      return value === wanted;
    case 'neq':
      return value !== wanted;
    case 'in':
      return Array.isArray(wanted) && (wanted as readonly Value[]).includes(value);
    default: {
      if (typeof value !== 'number' || typeof wanted !== 'number') return false;
      if (rule.op === 'gt') return value > wanted;
      if (rule.op === 'gte') return value >= wanted;
      if (rule.op === 'lt') return value < wanted;
      return value <= wanted;
    }
  }
}

export function matches(rules: readonly AudienceRule[], facts: RecipientFacts, now: number): boolean {
  return rules.every((rule) => holds(rule, fieldValue(rule.field, facts, now)));
}

function subjectWhere(recipient: RecipientKey): { sql: string; params: string[] } {
  const { userId, anonymousId } = recipientSubject(recipient);
  return userId !== undefined
    ? { sql: 'user_id = ?', params: [userId] }
    : { sql: 'anonymous_id = ? AND user_id IS NULL', params: [anonymousId ?? ''] };
}

/** The recipient's `Order Completed` events: times (oldest first) and revenue. */
export async function orderHistory(db: Queryable, tenantId: string, recipient: RecipientKey): Promise<OrderHistory> {
  const where = subjectWhere(recipient);
  const revenue = db.sql.jsonText('payload', 'properties', 'revenue');
  const rows = await db.all<{ timestamp: string; revenue: string | null }>(
    `SELECT timestamp, ${revenue} AS revenue FROM events
     WHERE tenant_id = ? AND type = 'track' AND event = 'Order Completed' AND ${where.sql} ORDER BY timestamp`,
    [tenantId, ...where.params],
  );
  const times = rows.map((r) => Date.parse(r.timestamp)).filter(Number.isFinite);
  const total = rows.reduce((sum, r) => sum + (Number.isFinite(Number(r.revenue)) ? Number(r.revenue) : 0), 0);
  return { times, total };
}

/** The traits of the recipient's newest `identify`, opened (sealed at rest). */
export async function latestTraits(db: Queryable, tenantId: string, recipient: RecipientKey): Promise<JsonObject> {
  const where = subjectWhere(recipient);
  const row = await db.get<{ payload: string }>(
    `SELECT payload FROM events WHERE tenant_id = ? AND type = 'identify' AND ${where.sql}
     ORDER BY timestamp DESC LIMIT 1`,
    [tenantId, ...where.params],
  );
  if (!row) return {};
  const payload = JSON.parse(row.payload) as { traits?: JsonObject; sealedTraits?: unknown };
  return (await openTraits(subjectCipher(db, tenantId), recipient, payload)).traits ?? {};
}

/** What the rules name about the recipient (traits are decrypted only when a rule asks for one). */
export async function recipientFacts(
  db: Db,
  tenantId: string,
  recipient: RecipientKey,
  rules: readonly AudienceRule[],
): Promise<RecipientFacts> {
  const wants = (root: string) => rules.some((r) => r.field.startsWith(`${root}.`));
  const [traits, stored, orders] = await Promise.all([
    wants('trait') ? latestTraits(db, tenantId, recipient) : Promise.resolve({}),
    readPreferences(db, tenantId, recipient),
    orderHistory(db, tenantId, recipient),
  ]);
  return { traits, preferences: stored?.preferences, orders };
}
