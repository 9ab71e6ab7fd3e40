/**
 * The audit log (GDPR Art. 5(2) accountability; the seed's "Audit-Logs"): every read, export, erasure and change of
 * personal data and every admin change is appended with actor, purpose, target and time. Append-only like the
 * consent ledger (triggers in the migrations): a row changes once, when erase pseudonymizes its subject, and leaves
 * only through the retention purge, which opens the gate inside its own transaction.
 *
 * What is not logged one by one: the reads the personalization itself does on each recommendation request (they
 * happen under the subject's recorded grant, which the consent ledger proves) and the ingest of events (the events
 * are the record). Both would double the write load for no extra accountability.
 */
import type { AuditAction, AuditActor, AuditEntry, JsonObject } from '@matbakh/contract';
import type { Db, Queryable } from './db.ts';
import { pseudonymize, subjectPredicate, type VerifiedSubject } from './subject.ts';
import type { SubjectDataSource } from './subject-data-source.ts';

/** Two years: long enough to answer a supervisory authority about last year's accesses (`MB_AUDIT_RETENTION_DAYS`). */
export const DEFAULT_AUDIT_RETENTION_DAYS = 730;

export interface AuditInput {
  tenantId: string;
  /** The request's clock (ms). */
  at: number;
  actor: AuditActor;
  actorId?: string;
  purpose: string;
  action: AuditAction;
  target: string;
  /**
   * Whom it is about: a verified subject, or a recipient known by one id alone (a one-click unsubscribe names the
   * preferences' key, `u:<userId>` or `a:<anonymousId>`, not both).
   */
  subject?: VerifiedSubject | { userId: string; anonymousId?: undefined };
  detail?: JsonObject;
}

interface AuditRow {
  id: number;
  at: string;
  actor: AuditActor;
  actor_id: string | null;
  purpose: string;
  action: AuditAction;
  target: string;
  anonymous_id: string | null;
  user_id: string | null;
  detail: string;
}

const COLUMNS = 'id, at, actor, actor_id, purpose, action, target, anonymous_id, user_id, detail';

function fromRow(row: AuditRow): AuditEntry {
  const subject: NonNullable<AuditEntry['subject']> = {};
  if (row.anonymous_id !== null) subject.anonymousId = row.anonymous_id;
  if (row.user_id !== null) subject.userId = row.user_id;
  return {
    id: Number(row.id),
    at: row.at,
    actor: row.actor,
    ...(row.actor_id === null ? {} : { actorId: row.actor_id }),
    purpose: row.purpose,
    action: row.action,
    target: row.target,
    ...(Object.keys(subject).length === 0 ? {} : { subject }),
    detail: JSON.parse(row.detail) as JsonObject,
  };
}

const INSERT = `INSERT INTO audit_log (tenant_id, at, actor, actor_id, purpose, action, target, anonymous_id, user_id,
  detail, anonymized_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export async function appendAudit(db: Queryable, input: AuditInput): Promise<void> {
  await db.run(INSERT, [
    input.tenantId,
    new Date(input.at).toISOString(),
    input.actor,
    input.actorId ?? null,
    input.purpose,
    input.action,
    input.target,
    input.subject?.anonymousId ?? null,
    input.subject?.userId ?? null,
    JSON.stringify(input.detail ?? {}),
    null,
  ]);
}

/** A page of the tenant's log, oldest first, after the entry id `after` (0: from the start). */
export async function auditPage(
  db: Queryable,
  tenantId: string,
  options: { after: number; limit: number; since?: string },
): Promise<{ entries: AuditEntry[]; next: number | null }> {
  const rows = await db.all<AuditRow>(
    `SELECT ${COLUMNS} FROM audit_log WHERE tenant_id = ? AND id > ? AND at >= ? ORDER BY id LIMIT ?`,
    [tenantId, options.after, options.since ?? '', options.limit + 1],
  );
  const entries = rows.slice(0, options.limit).map(fromRow);
  return { entries, next: rows.length > options.limit ? entries.at(-1)!.id : null };
}

/**
 * The erasure itself is logged, but about pseudonyms: the row proves that the request was honoured without keeping
 * the identifiers it removed. Written after the subject's older entries were pseudonymized the same way.
 */
export async function appendErasure(db: Queryable, input: AuditInput & { secret: string }): Promise<void> {
  const { subject, secret } = input;
  const at = new Date(input.at).toISOString();
  await db.run(INSERT, [
    input.tenantId,
    at,
    input.actor,
    input.actorId ?? null,
    input.purpose,
    input.action,
    input.target,
    subject?.anonymousId === undefined ? null : pseudonymize(secret, subject.anonymousId),
    subject?.userId === undefined ? null : pseudonymize(secret, subject.userId),
    JSON.stringify(input.detail ?? {}),
    at,
  ]);
}

/** The subject sees what was done with their data in their export; erase pseudonymizes those rows (kept as proof). */
export const auditSource: SubjectDataSource<'audit'> = {
  section: 'audit',
  async export({ db, tenant, subject }) {
    const where = subjectPredicate(subject);
    const rows = await db.all<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log WHERE tenant_id = ? AND anonymized_at IS NULL AND ${where.sql} ORDER BY id`,
      [tenant.id, ...where.params],
    );
    return rows.map(fromRow);
  },
  async erase({ db, tenant, subject, now }) {
    const where = subjectPredicate(subject);
    const rows = await db.all<{ id: number; anonymous_id: string | null; user_id: string | null }>(
      `SELECT id, anonymous_id, user_id FROM audit_log WHERE tenant_id = ? AND anonymized_at IS NULL AND ${where.sql}`,
      [tenant.id, ...where.params],
    );
    const at = new Date(now).toISOString();
    for (const row of rows) {
      await db.run('UPDATE audit_log SET anonymous_id = ?, user_id = ?, anonymized_at = ? WHERE id = ?', [
        row.anonymous_id === null ? null : pseudonymize(tenant.pseudonymKey, row.anonymous_id),
        row.user_id === null ? null : pseudonymize(tenant.pseudonymKey, row.user_id),
        at,
        row.id,
      ]);
    }
    return { deleted: 0, anonymized: rows.length };
  },
};

/** Deletes entries older than `days`: the only way a row leaves the log (the gate opens inside this transaction). */
export function purgeExpiredAudit(db: Db, now: number, days: number): Promise<number> {
  const cutoff = new Date(now - days * 24 * 60 * 60 * 1000).toISOString();
  return db.transaction(async (tx) => {
    await tx.run('UPDATE audit_purge_gate SET open = 1 WHERE id = 1');
    const { changes } = await tx.run('DELETE FROM audit_log WHERE at < ?', [cutoff]);
    await tx.run('UPDATE audit_purge_gate SET open = 0 WHERE id = 1');
    return changes;
  });
}
