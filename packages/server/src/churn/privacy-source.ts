/**
 * The churn scores and the objection to profiling in `/v1/privacy/export` and `/erase` (privacy.ts), and the
 * guest's status for the privacy center (`GET /v1/privacy/profiling`). A subject's rows are those of its keys
 * (`ownedKeys`: a verified user's and this device's anonymous one).
 */
import type { ProfilingExport, ProfilingStatus } from '@matbakh/contract';
import { grants, latestChoices } from '../consent-gate.ts';
import type { Queryable } from '../db.ts';
import { ownedKeys } from '../preferences-store.ts';
import type { VerifiedSubject } from '../subject.ts';
import type { SubjectDataSource } from '../subject-data-source.ts';
import { deleteGuestScores, objectionOf } from './objections.ts';

const marks = (keys: readonly string[]) => keys.map(() => '?').join(', ');

async function scoresOf(db: Queryable, tenantId: string, subject: VerifiedSubject) {
  const keys = ownedKeys(subject);
  return db.all<{ group_id: string; probability: number; reasons: string; computed_at: string }>(
    `SELECT group_id, probability, reasons, computed_at FROM churn_scores
     WHERE tenant_id = ? AND guest IN (${marks(keys)}) ORDER BY group_id, guest`,
    [tenantId, ...keys],
  );
}

export async function exportProfiling(
  db: Queryable,
  tenantId: string,
  subject: VerifiedSubject,
): Promise<ProfilingExport> {
  return {
    objectedAt: (await objectionOf(db, tenantId, subject)) ?? null,
    churnScores: (await scoresOf(db, tenantId, subject)).map((row) => ({
      groupId: row.group_id,
      probability: Math.round(Number(row.probability) * 1000) / 1000,
      reasons: JSON.parse(row.reasons) as string[],
      computedAt: row.computed_at,
    })),
  };
}

export async function profilingStatus(
  db: Queryable,
  tenantId: string,
  subject: VerifiedSubject,
): Promise<ProfilingStatus> {
  const objectedAt = (await objectionOf(db, tenantId, subject)) ?? null;
  return {
    consentAllows: grants(await latestChoices(db, tenantId, subject), 'personalization'),
    objected: objectedAt !== null,
    objectedAt,
    scores: (await scoresOf(db, tenantId, subject)).length,
  };
}

export const profilingSource: SubjectDataSource<'profiling'> = {
  section: 'profiling',
  export: ({ db, tenant, subject }) => exportProfiling(db, tenant.id, subject),
  // The objection goes too: after an erasure the server holds nothing about the guest, and scores need a new
  // consent decision (which the erasure leaves anonymized, granting nothing) before they could come back.
  erase: async ({ db, tenant, subject }) => {
    const keys = ownedKeys(subject);
    const scores = await deleteGuestScores(db, tenant.id, keys);
    const { changes } = await db.run(
      `DELETE FROM profiling_objections WHERE tenant_id = ? AND subject_key IN (${marks(keys)})`,
      [tenant.id, ...keys],
    );
    return { deleted: scores + changes, anonymized: 0 };
  },
};
