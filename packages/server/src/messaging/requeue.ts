/**
 * A message skipped because the recipient could not be reached — no consented channel for its topic, or no address
 * on the allowed ones — gets another chance when that changes: a trigger that finds its idempotency key already
 * used (the health alert's is once per restaurant, alert and day) puts such a skipped job back in the queue if a
 * consent decision, a preference change or a contact arrived after the skip. Its key still names the same day, so
 * the retry is the same day's alert, never a second one; a job that was sent, deferred or dropped for any other
 * reason (a cap, a holdout, a withdrawal) is left alone.
 */
import type { Queryable } from '../db.ts';
import type { RecipientKey } from './channel.ts';
import { newestLedgerRow } from './send-checks.ts';

/** The dispatcher's reasons for a skip that consent, preferences or a contact can lift (dispatcher.ts). */
const LIFTABLE = /^(no consented channel for |not reachable on )/;

/** Whether anything that decides the recipient's channels changed after `since` (ISO). */
async function changedSince(db: Queryable, tenantId: string, recipient: RecipientKey, since: string) {
  const [ledger, preferences, contact] = await Promise.all([
    newestLedgerRow(db, tenantId, recipient),
    db.get<{ updated_at: string }>('SELECT updated_at FROM preferences WHERE tenant_id = ? AND subject_key = ?', [
      tenantId,
      recipient,
    ]),
    db.get<{ updated_at: string }>('SELECT updated_at FROM message_contacts WHERE tenant_id = ? AND recipient = ?', [
      tenantId,
      recipient,
    ]),
  ]);
  return [ledger?.received_at, preferences?.updated_at, contact?.updated_at].some(
    (at) => at !== undefined && at > since,
  );
}

/**
 * Queues again, to run at `now`, the job of `idempotencyKey` if it was skipped for want of a reachable consented
 * channel and the recipient's consent, preferences or contact changed since. Answers whether it did.
 */
export async function requeueIfNowAllowed(
  db: Queryable,
  tenantId: string,
  idempotencyKey: string,
  now: number,
): Promise<boolean> {
  const job = await db.get<{
    id: number;
    recipient: string;
    status: string;
    reason: string | null;
    updated_at: string;
  }>('SELECT id, recipient, status, reason, updated_at FROM message_jobs WHERE tenant_id = ? AND idempotency_key = ?', [
    tenantId,
    idempotencyKey,
  ]);
  if (job?.status !== 'skipped' || !LIFTABLE.test(job.reason ?? '')) return false;
  if (!(await changedSince(db, tenantId, job.recipient, job.updated_at))) return false;
  const at = new Date(now).toISOString();
  // Fenced on the row as read: two instances' trigger passes requeue it once.
  const { changes } = await db.run(
    `UPDATE message_jobs SET status = 'queued', run_at = ?, reason = NULL, attempts = 0, locked_by = NULL,
       locked_until = NULL, updated_at = ?
     WHERE id = ? AND status = 'skipped' AND updated_at = ?`,
    [at, at, job.id, job.updated_at],
  );
  return changes === 1;
}
