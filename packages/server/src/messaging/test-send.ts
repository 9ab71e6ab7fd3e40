/**
 * A campaign's test send to the admin who asks (`POST /v1/admin/campaigns/:id/test-send`): one job through the same
 * queue and the same send-time checks as every message (consent, preferences, quiet hours, caps), with the
 * campaign's texts and channels but as an automation job (`automation:test:<campaign>`), so it is sent whatever the
 * campaign's status, never lands in its holdout and never counts in its results or the KPI report.
 */
import type { Campaign } from '@matbakh/contract';
import type { Db } from '../db.ts';
import { AUTOMATION_PREFIX } from './campaign-read.ts';
import { enqueueMessage } from './queue.ts';

export const TEST_SEND_PREFIX = `${AUTOMATION_PREFIX}test:`;

export async function queueTestSend(
  db: Db,
  tenantId: string,
  campaign: Campaign,
  recipient: string,
  fields: Record<string, string>,
  now: number,
): Promise<{ jobId: number }> {
  const campaignId = `${TEST_SEND_PREFIX}${campaign.id}`;
  const { id } = await enqueueMessage(
    db,
    {
      tenantId,
      campaignId,
      recipient,
      topic: campaign.topic,
      // Each request is its own test: the key names its time.
      idempotencyKey: `${campaignId}:${recipient}:${now}`,
      payload: { content: campaign.content, channels: campaign.channels, fields },
      runAt: new Date(now).toISOString(),
    },
    now,
  );
  return { jobId: id };
}
