/**
 * Consent enforced where the data is: the subject's newest consent-ledger decision (per tenant, per category)
 * decides what the server stores and uses, whatever a request claims. No decision recorded means nothing personal
 * (privacy by default, as the SDK does: it sends nothing before a decision).
 */
import type { ConsentCategoryId } from '@matbakh/contract';
import type { Queryable } from './db.ts';

/** Whom a decision is about: a device (anonymousId) and/or a proven userId. */
export interface ConsentSubject {
  anonymousId?: string | undefined;
  userId?: string | undefined;
}

export type ConsentChoices = Partial<Record<ConsentCategoryId, boolean>>;

/**
 * The rows that speak for the subject, as `subjectPredicate` scopes them: a verified user's own decisions and the
 * userless ones of its device; an anonymous device's userless decisions. Indexed on both engines by
 * (tenant_id, anonymous_id) and (tenant_id, user_id).
 */
function ledgerScope(subject: ConsentSubject): { sql: string; params: string[] } | undefined {
  const { anonymousId, userId } = subject;
  if (userId !== undefined && anonymousId !== undefined) {
    return { sql: '(user_id = ? OR (anonymous_id = ? AND user_id IS NULL))', params: [userId, anonymousId] };
  }
  if (userId !== undefined) return { sql: 'user_id = ?', params: [userId] };
  if (anonymousId !== undefined) return { sql: '(anonymous_id = ? AND user_id IS NULL)', params: [anonymousId] };
  return undefined;
}

/**
 * The choices of the subject's newest ledger entry (append order), or `undefined` when it recorded none. With
 * `receivedBy` (ISO time), the newest entry received by then: what the server knew at that moment (the KPI worker).
 */
export async function latestChoices(
  db: Queryable,
  tenantId: string,
  subject: ConsentSubject,
  receivedBy?: string,
): Promise<ConsentChoices | undefined> {
  const scope = ledgerScope(subject);
  if (!scope) return undefined;
  const row = await db.get<{ choices: string }>(
    `SELECT choices FROM consent_ledger WHERE tenant_id = ? AND anonymized_at IS NULL AND ${scope.sql}
     ${receivedBy === undefined ? '' : 'AND received_at <= ?'} ORDER BY id DESC LIMIT 1`,
    receivedBy === undefined ? [tenantId, ...scope.params] : [tenantId, ...scope.params, receivedBy],
  );
  if (!row) return undefined;
  try {
    const choices: unknown = JSON.parse(row.choices);
    return typeof choices === 'object' && choices !== null && !Array.isArray(choices)
      ? (choices as ConsentChoices)
      : {};
  } catch {
    return {};
  }
}

/** Only an explicit `true` in the newest decision grants a category. */
export const grants = (choices: ConsentChoices | undefined, category: ConsentCategoryId): boolean =>
  choices?.[category] === true;

/**
 * Lookups for one request: each subject's decision is read once, however many messages of a batch are about it.
 * Lives as long as the request (a withdrawal recorded meanwhile counts from the next request on).
 */
export class ConsentLookup {
  private readonly seen = new Map<string, Promise<ConsentChoices | undefined>>();

  constructor(
    private readonly db: Queryable,
    private readonly tenantId: string,
  ) {}

  choices(subject: ConsentSubject): Promise<ConsentChoices | undefined> {
    const key = JSON.stringify([subject.anonymousId ?? null, subject.userId ?? null]);
    let found = this.seen.get(key);
    if (!found) {
      found = latestChoices(this.db, this.tenantId, subject);
      this.seen.set(key, found);
    }
    return found;
  }

  async granted(subject: ConsentSubject, category: ConsentCategoryId): Promise<boolean> {
    return grants(await this.choices(subject), category);
  }

  /** The newest decision explicitly refuses the category (no decision recorded is not a refusal). */
  async refused(subject: ConsentSubject, category: ConsentCategoryId): Promise<boolean> {
    return (await this.choices(subject))?.[category] === false;
  }
}
