/**
 * The messaging tables in `/v1/privacy/export` and `/erase` (privacy.ts), and what a consent withdrawal does to
 * queued sends (withdrawal.ts). A subject's rows are those of its recipient keys (`ownedKeys`: a verified user's and
 * this device's anonymous one), in every messaging table.
 */
import type { ChannelId, MessagingExport, NotificationTopic } from '@matbakh/contract';
import { CHANNELS } from '@matbakh/contract';
import type { Db, Queryable } from '../db.ts';
import { ownedKeys } from '../preferences-store.ts';
import type { VerifiedSubject } from '../subject.ts';
import type { SubjectDataSource } from '../subject-data-source.ts';
import { readCampaign } from './campaign-read.ts';
import { readContact } from './contacts.ts';
import { toInboxItem } from './inbox-store.ts';
import { cancelQueuedJobs } from './queue.ts';
import { unlinkSubject } from './subject-links.ts';

const keysIn = (keys: readonly string[]) => keys.map(() => '?').join(', ');

async function rowsOf<R>(
  db: Queryable,
  table: string,
  columns: string,
  tenantId: string,
  keys: string[],
  order: string,
) {
  return db.all<R>(
    `SELECT ${columns} FROM ${table} WHERE tenant_id = ? AND recipient IN (${keysIn(keys)}) ORDER BY ${order}`,
    [tenantId, ...keys],
  );
}

interface DeliveryRow {
  id: number;
  campaign_id: string;
  channel: ChannelId | null;
  holdout: number;
  sent_at: string;
  delivered_at: string | null;
  opened_at: string | null;
  clicked_at: string | null;
  converted_at: string | null;
}

async function exportMessaging(db: Db, tenantId: string, keys: string[]): Promise<MessagingExport> {
  const inbox = await rowsOf<Parameters<typeof toInboxItem>[0]>(
    db,
    'inbox_items',
    'id, topic, title, body, url, created_at, read_at',
    tenantId,
    keys,
    'id',
  );
  const deliveries = await rowsOf<DeliveryRow>(db, 'message_deliveries', '*', tenantId, keys, 'id');
  const push = await rowsOf<{ endpoint: string; created_at: string }>(
    db,
    'push_subscriptions',
    'endpoint, created_at',
    tenantId,
    keys,
    'created_at',
  );
  const jobs = await rowsOf<{
    campaign_id: string;
    topic: NotificationTopic;
    status: string;
    run_at: string;
    channel: string | null;
    reason: string | null;
  }>(db, 'message_jobs', 'campaign_id, topic, status, run_at, channel, reason', tenantId, keys, 'id');
  const contacts = [];
  for (const key of keys) {
    const contact = await readContact(db, tenantId, key);
    if (contact) contacts.push(contact);
  }
  return {
    inbox: inbox.map(toInboxItem),
    contacts,
    deliveries: deliveries.map((d) => ({
      id: Number(d.id),
      campaignId: d.campaign_id,
      channel: d.channel,
      holdout: Number(d.holdout) === 1,
      sentAt: d.sent_at,
      deliveredAt: d.delivered_at,
      openedAt: d.opened_at,
      clickedAt: d.clicked_at,
      convertedAt: d.converted_at,
    })),
    pushSubscriptions: push.map((p) => ({ endpoint: p.endpoint, createdAt: p.created_at })),
    jobs: jobs.map((j) => ({
      campaignId: j.campaign_id,
      topic: j.topic,
      status: j.status,
      runAt: j.run_at,
      channel: j.channel,
      reason: j.reason,
    })),
  };
}

/**
 * Erase deletes every messaging row of the subject, queued jobs included (a job mid-send finds its row gone and
 * cannot finish: fenced). Contacts' sealed values are unreadable anyway once the data keys are shredded.
 */
async function eraseMessaging(db: Db, tenantId: string, keys: string[]): Promise<number> {
  let deleted = 0;
  for (const table of ['inbox_items', 'message_deliveries', 'push_subscriptions', 'message_contacts', 'message_jobs']) {
    const { changes } = await db.run(`DELETE FROM ${table} WHERE tenant_id = ? AND recipient IN (${keysIn(keys)})`, [
      tenantId,
      ...keys,
    ]);
    deleted += changes;
  }
  return deleted;
}

export const messagingSource: SubjectDataSource<'messaging'> = {
  section: 'messaging',
  export: ({ db, tenant, subject }) => exportMessaging(db, tenant.id, ownedKeys(subject)),
  erase: async ({ db, tenant, subject }) => ({
    deleted: (await eraseMessaging(db, tenant.id, ownedKeys(subject))) + (await unlinkSubject(db, tenant.id, subject)),
    anonymized: 0,
  }),
};

/**
 * A new ledger decision that refuses a channel (`channels[c] === false`, as a withdrawal records for all) cancels
 * the subject's queued sends that have no other channel left. The send-time check would stop them too; cancelling
 * now also says so in the job (`consent withdrawn: email`) and frees the queue.
 */
export async function cancelWithdrawnSends(
  db: Db,
  tenantId: string,
  subject: VerifiedSubject,
  channels: Partial<Record<ChannelId, boolean>>,
  now: number,
): Promise<number> {
  const refused = CHANNELS.filter((channel) => channels[channel] === false);
  let cancelled = 0;
  const campaignChannels = async (campaignId: string, tx: Queryable) =>
    (await readCampaign(tx, tenantId, campaignId))?.channels ?? [];
  for (const recipient of ownedKeys(subject)) {
    for (const channel of refused) {
      cancelled += await cancelQueuedJobs(db, tenantId, recipient, {
        channel,
        reason: `consent withdrawn: ${channel}`,
        now,
        campaignChannels,
      });
    }
  }
  return cancelled;
}
