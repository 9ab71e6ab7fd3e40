/**
 * Which devices (anonymousIds) a signed-in recipient used (`subject_links`). A visitor often decides on the
 * privacy center's channel switches before signing in: that decision is a userless ledger row of the device's
 * anonymousId. Once a request proves both ids together (the userHash), the two are one person, and the dispatcher's
 * channel consent for `u:<userId>` must hear that decision too — the push route already does (it scopes a verified
 * subject as `subjectPredicate` does), so without the link a subscription was stored that nothing ever sent to.
 *
 * Recorded where a signed-in browser acts on messaging (push subscription, inbox, stream), once per process and
 * pair; erased with the subject (privacy-source.ts).
 */
import type { Queryable } from '../db.ts';
import type { VerifiedSubject } from '../subject.ts';

/** Pairs this process has written already: the insert is idempotent, this only spares the round trip. */
const written = new Set<string>();
const MAX_REMEMBERED = 50_000;

/** Notes that the verified subject's userId used its anonymousId (no-op for an anonymous subject). */
export async function linkSubject(db: Queryable, tenantId: string, subject: VerifiedSubject, now: number) {
  if (subject.userId === undefined) return;
  const key = `${tenantId}\u0000${subject.userId}\u0000${subject.anonymousId}`;
  if (written.has(key)) return;
  await db.run(
    `INSERT INTO subject_links (tenant_id, user_id, anonymous_id, linked_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (tenant_id, user_id, anonymous_id) DO NOTHING`,
    [tenantId, subject.userId, subject.anonymousId, new Date(now).toISOString()],
  );
  if (written.size >= MAX_REMEMBERED) written.clear();
  written.add(key);
}

/** Forgets the subject's links (erasure): the process's memory too, so a new link is written again. */
export async function unlinkSubject(db: Queryable, tenantId: string, subject: VerifiedSubject): Promise<number> {
  written.clear();
  const { changes } =
    subject.userId === undefined
      ? await db.run('DELETE FROM subject_links WHERE tenant_id = ? AND anonymous_id = ?', [
          tenantId,
          subject.anonymousId,
        ])
      : await db.run('DELETE FROM subject_links WHERE tenant_id = ? AND (user_id = ? OR anonymous_id = ?)', [
          tenantId,
          subject.userId,
          subject.anonymousId,
        ]);
  return changes;
}

/**
 * The ledger rows that speak for recipient `u:<userId>`: the user's own, and the userless ones of every device the
 * user was seen on — linked here, or named in one of the user's own ledger rows (a decision made while signed in
 * records the device too). SQL for `WHERE`, with its parameters.
 */
export function userLedgerScope(tenantId: string, userId: string): { sql: string; params: string[] } {
  return {
    sql: `(user_id = ? OR (user_id IS NULL AND anonymous_id IN (
            SELECT anonymous_id FROM subject_links WHERE tenant_id = ? AND user_id = ?
            UNION SELECT anonymous_id FROM consent_ledger WHERE tenant_id = ? AND user_id = ?)))`,
    params: [userId, tenantId, userId, tenantId, userId],
  };
}
