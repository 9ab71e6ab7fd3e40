/**
 * A tenant's campaigns (table `campaigns`): the validated `CampaignInput` as a JSON document, beside it the status
 * and the times the server keeps. Every change is written in one transaction with its audit-log entry (author =
 * the admin key, time = the request's clock), like the configuration's changes. The runner (campaigns-run.ts)
 * reads running campaigns from the same table.
 */
import type { AuditActor, Campaign, CampaignInput, CampaignStatus } from '@matbakh/contract';
import { appendAudit } from '../audit.ts';
import type { Db, Queryable } from '../db.ts';
import { randomBase62 } from '../random.ts';

export interface CampaignAuthor {
  actor: AuditActor;
  id: string;
}

interface Row {
  id: string;
  doc: string;
  status: CampaignStatus;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, doc, status, created_at, updated_at';

function fromRow(row: Row): Campaign {
  const doc = JSON.parse(row.doc) as CampaignInput;
  return { ...doc, id: row.id, status: row.status, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** The document stored: exactly the input's fields, in a stable order. */
function docOf(input: CampaignInput): string {
  const { name, topic, trigger, audience, content, channels, frequencyCap, holdout } = input;
  return JSON.stringify({ name, topic, trigger, audience, content, channels, frequencyCap, holdout });
}

/** One audit-log entry about a campaign (`purpose: campaigns`, `target: campaign`). */
export function audited(db: Queryable, tenantId: string, by: CampaignAuthor, at: number, change: string, id: string) {
  return appendAudit(db, {
    tenantId,
    at,
    actor: by.actor,
    actorId: by.id,
    purpose: 'campaigns',
    action: 'admin_change',
    target: 'campaign',
    detail: { change, campaign: id },
  });
}

/** Newest first. */
export async function listCampaigns(db: Queryable, tenantId: string): Promise<Campaign[]> {
  const rows = await db.all<Row>(
    `SELECT ${COLUMNS} FROM campaigns WHERE tenant_id = ? ORDER BY created_at DESC, id DESC`,
    [tenantId],
  );
  return rows.map(fromRow);
}

export async function getCampaign(db: Queryable, tenantId: string, id: string): Promise<Campaign | undefined> {
  const row = await db.get<Row>(`SELECT ${COLUMNS} FROM campaigns WHERE tenant_id = ? AND id = ?`, [tenantId, id]);
  return row && fromRow(row);
}

/** A new campaign starts as a draft: nothing is sent until it is started. */
export async function createCampaign(
  db: Db,
  tenantId: string,
  input: CampaignInput,
  by: CampaignAuthor,
  at: number,
): Promise<Campaign> {
  const id = `cmp_${randomBase62(16)}`;
  const iso = new Date(at).toISOString();
  await db.transaction(async (tx) => {
    await tx.run(
      `INSERT INTO campaigns (tenant_id, id, doc, status, created_at, updated_at) VALUES (?, ?, ?, 'draft', ?, ?)`,
      [tenantId, id, docOf(input), iso, iso],
    );
    await audited(tx, tenantId, by, at, 'create', id);
  });
  return { ...input, id, status: 'draft', createdAt: iso, updatedAt: iso };
}

/** Replaces the document (any status: a running campaign's next sends use the new texts); undefined when unknown. */
export async function replaceCampaign(
  db: Db,
  tenantId: string,
  id: string,
  input: CampaignInput,
  by: CampaignAuthor,
  at: number,
): Promise<Campaign | undefined> {
  const iso = new Date(at).toISOString();
  return db.transaction(async (tx) => {
    const { changes } = await tx.run('UPDATE campaigns SET doc = ?, updated_at = ? WHERE tenant_id = ? AND id = ?', [
      docOf(input),
      iso,
      tenantId,
      id,
    ]);
    if (changes === 0) return undefined;
    await audited(tx, tenantId, by, at, 'update', id);
    return getCampaign(tx, tenantId, id);
  });
}

export type DeleteOutcome = 'deleted' | 'not_found' | 'not_draft';

/** Only a draft goes: a campaign that has sent keeps its row, so its deliveries keep a name in the reports. */
export async function deleteDraftCampaign(
  db: Db,
  tenantId: string,
  id: string,
  by: CampaignAuthor,
  at: number,
): Promise<DeleteOutcome> {
  return db.transaction(async (tx) => {
    const { changes } = await tx.run("DELETE FROM campaigns WHERE tenant_id = ? AND id = ? AND status = 'draft'", [
      tenantId,
      id,
    ]);
    if (changes > 0) {
      await audited(tx, tenantId, by, at, 'delete', id);
      return 'deleted';
    }
    return (await getCampaign(tx, tenantId, id)) ? 'not_draft' : 'not_found';
  });
}

export type StatusChange = 'start' | 'pause';
export type StatusOutcome = { ok: true; campaign: Campaign } | { ok: false; reason: 'not_found' | 'not_running' };

/**
 * start: draft or paused → running; pause: running → paused. Asking for the status a campaign already has changes
 * nothing (no audit entry); pausing a draft is refused.
 */
export async function changeCampaignStatus(
  db: Db,
  tenantId: string,
  id: string,
  change: StatusChange,
  by: CampaignAuthor,
  at: number,
): Promise<StatusOutcome> {
  return db.transaction(async (tx) => {
    const current = await getCampaign(tx, tenantId, id);
    if (!current) return { ok: false, reason: 'not_found' };
    const next: CampaignStatus = change === 'start' ? 'running' : 'paused';
    if (current.status === next) return { ok: true, campaign: current };
    if (change === 'pause' && current.status !== 'running') return { ok: false, reason: 'not_running' };
    const iso = new Date(at).toISOString();
    await tx.run('UPDATE campaigns SET status = ?, updated_at = ? WHERE tenant_id = ? AND id = ?', [
      next,
      iso,
      tenantId,
      id,
    ]);
    await audited(tx, tenantId, by, at, change, id);
    return { ok: true, campaign: { ...current, status: next, updatedAt: iso } };
  });
}
