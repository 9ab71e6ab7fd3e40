/** The stored churn scores: written by the daily pass (pass.ts), read by the owner routes (routes/churn.ts). */
import type { ChurnReasonCode } from '@matbakh/contract';
import type { Db, Queryable } from '../db.ts';
import type { GuestStats } from './features.ts';
import type { GuestScore } from './model.ts';

export interface GroupChurn {
  groupId: string;
  currency: string;
  regulars: number;
  scores: GuestScore[];
}

export interface TenantChurnRun {
  computedAt: number;
  trainingRows: number;
  groups: GroupChurn[];
}

/** Replaces the tenant's scores with this pass's, in one transaction (a reader sees the old or the new set). */
export async function storeTenantChurn(db: Db, tenantId: string, run: TenantChurnRun): Promise<number> {
  const at = new Date(run.computedAt).toISOString();
  let scored = 0;
  await db.transaction(async (tx) => {
    await tx.run('DELETE FROM churn_scores WHERE tenant_id = ?', [tenantId]);
    await tx.run('DELETE FROM churn_groups WHERE tenant_id = ?', [tenantId]);
    for (const group of run.groups) {
      await tx.run(
        'INSERT INTO churn_groups (tenant_id, group_id, computed_at, currency, regulars) VALUES (?, ?, ?, ?, ?)',
        [tenantId, group.groupId, at, group.currency, group.regulars],
      );
      for (const score of group.scores) {
        await tx.run(
          `INSERT INTO churn_scores (tenant_id, group_id, guest, probability, stats, reasons, computed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
          [
            tenantId,
            group.groupId,
            score.guest,
            score.probability,
            JSON.stringify(score.stats),
            JSON.stringify(score.reasons),
            at,
          ],
        );
        scored++;
      }
    }
    await tx.run(
      `INSERT INTO churn_runs (tenant_id, computed_at, training_rows, scored) VALUES (?, ?, ?, ?)
       ON CONFLICT (tenant_id) DO UPDATE SET computed_at = excluded.computed_at,
         training_rows = excluded.training_rows, scored = excluded.scored`,
      [tenantId, at, run.trainingRows, scored],
    );
  });
  return scored;
}

export interface StoredGroupChurn {
  groupId: string;
  computedAt: string;
  currency: string;
  regulars: number;
  /** The tenant's pass had a model (enough history to learn from). */
  modelled: boolean;
  /** Most at risk first. */
  scores: GuestScore[];
}

interface ScoreRow {
  guest: string;
  probability: number;
  stats: string;
  reasons: string;
}

/** The group's stored churn, or undefined before the first pass that saw its orders. */
export async function readGroupChurn(
  db: Queryable,
  tenantId: string,
  groupId: string,
  minProbability = 0,
): Promise<StoredGroupChurn | undefined> {
  const group = await db.get<{ computed_at: string; currency: string; regulars: number; training_rows: number }>(
    `SELECT g.computed_at, g.currency, g.regulars, r.training_rows FROM churn_groups g
     JOIN churn_runs r ON r.tenant_id = g.tenant_id WHERE g.tenant_id = ? AND g.group_id = ?`,
    [tenantId, groupId],
  );
  if (!group) return undefined;
  const rows = await db.all<ScoreRow>(
    `SELECT guest, probability, stats, reasons FROM churn_scores
     WHERE tenant_id = ? AND group_id = ? AND probability >= ? ORDER BY probability DESC, guest`,
    [tenantId, groupId, minProbability],
  );
  return {
    groupId,
    computedAt: group.computed_at,
    currency: group.currency,
    regulars: Number(group.regulars),
    modelled: Number(group.training_rows) > 0,
    scores: rows.map((row) => ({
      guest: row.guest,
      restaurant: groupId,
      probability: Number(row.probability),
      stats: JSON.parse(row.stats) as GuestStats,
      reasons: JSON.parse(row.reasons) as ChurnReasonCode[],
    })),
  };
}

/** When the tenant's scores were last computed (ms), or undefined. */
export async function lastChurnRun(db: Queryable, tenantId: string): Promise<number | undefined> {
  const row = await db.get<{ computed_at: string }>('SELECT computed_at FROM churn_runs WHERE tenant_id = ?', [
    tenantId,
  ]);
  return row ? Date.parse(row.computed_at) : undefined;
}
