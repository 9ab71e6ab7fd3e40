/**
 * A guest's objection to profiling (GDPR Art. 21): stored per subject key (a verified user's and this device's
 * anonymous one), it removes the guest's churn scores at once and keeps them out of every later pass (eligibility.ts).
 * Withdrawing it lets the next daily pass score them again, if their consent still allows profiling.
 */
import type { Queryable } from '../db.ts';
import { ownedKeys } from '../preferences-store.ts';
import type { VerifiedSubject } from '../subject.ts';

const marks = (keys: readonly string[]) => keys.map(() => '?').join(', ');

/** Records the objection (idempotent: the first time stands) and deletes the subject's scores; returns that time. */
export async function recordObjection(
  db: Queryable,
  tenantId: string,
  subject: VerifiedSubject,
  now: number,
): Promise<{ objectedAt: string; scoresRemoved: number }> {
  const keys = ownedKeys(subject);
  for (const key of keys) {
    await db.run(
      `INSERT INTO profiling_objections (tenant_id, subject_key, objected_at) VALUES (?, ?, ?)
       ON CONFLICT (tenant_id, subject_key) DO NOTHING`,
      [tenantId, key, new Date(now).toISOString()],
    );
  }
  const scoresRemoved = await deleteGuestScores(db, tenantId, keys);
  return { objectedAt: (await objectionOf(db, tenantId, subject))!, scoresRemoved };
}

export async function withdrawObjection(db: Queryable, tenantId: string, subject: VerifiedSubject): Promise<number> {
  const keys = ownedKeys(subject);
  const { changes } = await db.run(
    `DELETE FROM profiling_objections WHERE tenant_id = ? AND subject_key IN (${marks(keys)})`,
    [tenantId, ...keys],
  );
  return changes;
}

/** When the subject objected (the earliest of its keys), or undefined. */
export async function objectionOf(
  db: Queryable,
  tenantId: string,
  subject: VerifiedSubject,
): Promise<string | undefined> {
  const keys = ownedKeys(subject);
  const row = await db.get<{ at: string | null }>(
    `SELECT min(objected_at) AS at FROM profiling_objections WHERE tenant_id = ? AND subject_key IN (${marks(keys)})`,
    [tenantId, ...keys],
  );
  return row?.at ?? undefined;
}

/** Every subject key of the tenant that objected (the worker reads it once per pass). */
export async function objectedKeys(db: Queryable, tenantId: string): Promise<Set<string>> {
  const rows = await db.all<{ subject_key: string }>(
    'SELECT subject_key FROM profiling_objections WHERE tenant_id = ?',
    [tenantId],
  );
  return new Set(rows.map((r) => r.subject_key));
}

export async function deleteGuestScores(db: Queryable, tenantId: string, keys: readonly string[]): Promise<number> {
  if (keys.length === 0) return 0;
  const { changes } = await db.run(`DELETE FROM churn_scores WHERE tenant_id = ? AND guest IN (${marks(keys)})`, [
    tenantId,
    ...keys,
  ]);
  return changes;
}
