/**
 * What the messaging core reads of a campaign (`campaigns.doc`, written by the admin API). Automations sent
 * directly (`sendAutomation`) have no campaign row: their job's `campaign_id` starts with `automation:` and the
 * payload carries content and channels.
 */
import type { Campaign, CampaignStatus } from '@matbakh/contract';
import type { Queryable } from '../db.ts';

export const AUTOMATION_PREFIX = 'automation:';

export const isAutomation = (campaignId: string): boolean => campaignId.startsWith(AUTOMATION_PREFIX);

function fromRow(row: { doc: string; status: CampaignStatus; id: string }): Campaign {
  const doc = JSON.parse(row.doc) as Campaign;
  // The column is the truth for the status (start/pause updates it alone).
  return { ...doc, id: row.id, status: row.status };
}

export async function readCampaign(db: Queryable, tenantId: string, id: string): Promise<Campaign | undefined> {
  const row = await db.get<{ doc: string; status: CampaignStatus; id: string }>(
    'SELECT id, doc, status FROM campaigns WHERE tenant_id = ? AND id = ?',
    [tenantId, id],
  );
  return row ? fromRow(row) : undefined;
}

/** Every running campaign, across tenants (the trigger pass). */
export async function runningCampaigns(db: Queryable): Promise<Array<Campaign & { tenantId: string }>> {
  const rows = await db.all<{ tenant_id: string; doc: string; status: CampaignStatus; id: string }>(
    "SELECT tenant_id, id, doc, status FROM campaigns WHERE status = 'running' ORDER BY tenant_id, id",
  );
  return rows.map((row) => ({ ...fromRow(row), tenantId: row.tenant_id }));
}
