/**
 * Turns running campaigns' triggers into queued jobs (the dispatcher checks and sends them), and lets other code
 * send an automation message directly (`sendAutomation`). Every job's idempotency key names the campaign, the
 * recipient and the period (`${campaignId}:${recipient}:${period}`), so a pass that runs twice — two instances, a
 * restart — queues each message once.
 *
 * Candidates: subjects with a preference document or a contact row. Everyone else has the default preferences,
 * which allow nothing but order status in the app, so no campaign could reach them.
 */
import type { Campaign, ChannelId, Locale, MessageContent, NotificationTopic } from '@matbakh/contract';
import { LOCALES } from '@matbakh/contract';
import type { Db } from '../db.ts';
import { computeInsights } from '../insights.ts';
import type { Logger } from '../log.ts';
import { readPreferences } from '../preferences-store.ts';
import { matches, recipientFacts } from './audience.ts';
import { AUTOMATION_PREFIX, runningCampaigns } from './campaign-read.ts';
import type { RecipientKey } from './channel.ts';
import { localParts, minuteOfDay, zonedTime } from './local-time.ts';
import { enqueueMessage, type JobPayload } from './queue.ts';
import { requeueIfNowAllowed } from './requeue.ts';
import { optimisedSendTime, recipientTimeZone, usualOrderHour } from './send-checks.ts';

const DAY_MS = 86_400_000;
/** A scheduled send missed by more than this (the instances were down) is not sent late. */
const SCHEDULE_CATCH_UP_MS = 6 * 3_600_000;

const iso = (ms: number) => new Date(ms).toISOString();

export interface AutomationMessage {
  tenantId: string;
  recipient: RecipientKey;
  topic: NotificationTopic;
  /** Per locale; the recipient's locale is picked at send time. */
  content: Partial<Record<Locale, MessageContent>>;
  /** In order of preference (default in-app). */
  channels?: ChannelId[];
  /** Once per key, ever (e.g. `health_alert:${restaurant}:${day}:${recipient}`). */
  idempotencyKey: string;
  fields?: Record<string, string>;
  /** Default now. */
  runAt?: number;
}

/** Queues one message outside any campaign; the same checks apply when it is sent. */
export function sendAutomation(db: Db, message: AutomationMessage, now: number = Date.now()) {
  const payload: JobPayload = {
    content: message.content,
    channels: message.channels ?? ['in_app'],
    ...(message.fields ? { fields: message.fields } : {}),
  };
  return enqueueMessage(
    db,
    {
      tenantId: message.tenantId,
      campaignId: `${AUTOMATION_PREFIX}${message.topic}`,
      recipient: message.recipient,
      topic: message.topic,
      idempotencyKey: `${AUTOMATION_PREFIX}${message.idempotencyKey}`,
      payload,
      runAt: iso(message.runAt ?? now),
    },
    now,
  );
}

type TenantCampaign = Campaign & { tenantId: string };

async function candidates(db: Db, tenantId: string): Promise<RecipientKey[]> {
  const rows = await db.all<{ k: string }>(
    `SELECT subject_key AS k FROM preferences WHERE tenant_id = ?
     UNION SELECT recipient AS k FROM message_contacts WHERE tenant_id = ? ORDER BY k`,
    [tenantId, tenantId],
  );
  return rows.map((r) => r.k);
}

/** The median gap between consecutive orders, in ms (the recipient's usual interval). */
export function usualInterval(times: readonly number[]): number | undefined {
  if (times.length < 2) return undefined;
  const gaps = times
    .slice(1)
    .map((t, i) => t - times[i]!)
    .sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)];
}

/** The idempotency period and run time of one candidate for a campaign's trigger now, or undefined: not now. */
async function due(
  db: Db,
  campaign: TenantCampaign,
  recipient: RecipientKey,
  now: number,
): Promise<{ period: string; runAt: number } | undefined> {
  const { trigger, tenantId } = campaign;
  if (trigger.kind === 'insight') return undefined; // ownerInsights() below
  const facts = await recipientFacts(db, tenantId, recipient, campaign.audience);
  if (!matches(campaign.audience, facts, now)) return undefined;
  const timeZone = await recipientTimeZone(db, tenantId, recipient);
  if (trigger.kind === 'once') return { period: 'once', runAt: now };
  if (trigger.kind === 'schedule') {
    const at = minuteOfDay(trigger.at);
    const today = localParts(now, timeZone);
    if (at === undefined || (trigger.weekday !== undefined && trigger.weekday !== today.weekday)) return undefined;
    const runAt = zonedTime(today, at, timeZone);
    if (now < runAt || now - runAt > SCHEDULE_CATCH_UP_MS) return undefined;
    const day = `${today.year}-${String(today.month).padStart(2, '0')}-${String(today.day).padStart(2, '0')}`;
    return { period: day, runAt };
  }
  // lapsed: a regular past their usual interval by `days`; one reminder per lapse (keyed by the last order).
  const { times } = facts.orders;
  const interval = usualInterval(times);
  const last = times.at(-1);
  if (times.length < trigger.minOrders || interval === undefined || last === undefined) return undefined;
  if (now - last < interval + trigger.days * DAY_MS) return undefined;
  const quiet = facts.preferences?.notifications.quietHours ?? null;
  return {
    period: `after:${iso(last)}`,
    runAt: optimisedSendTime(now, usualOrderHour(times, timeZone), timeZone, quiet),
  };
}

async function queue(
  db: Db,
  campaign: TenantCampaign,
  recipient: RecipientKey,
  period: string,
  runAt: number,
  now: number,
  payload: JobPayload = {},
) {
  const { created } = await enqueueMessage(
    db,
    {
      tenantId: campaign.tenantId,
      campaignId: campaign.id,
      recipient,
      topic: campaign.topic,
      idempotencyKey: `${campaign.id}:${recipient}:${period}`,
      payload,
      runAt: iso(runAt),
    },
    now,
  );
  return created ? 1 : 0;
}

/** Owners of a restaurant: identified users who sent `group(restaurantId)`. */
async function owners(db: Db, tenantId: string): Promise<Array<{ userId: string; groupId: string }>> {
  const group = db.sql.jsonText('payload', 'groupId');
  return db.all<{ userId: string; groupId: string }>(
    `SELECT DISTINCT user_id AS "userId", ${group} AS "groupId" FROM events
     WHERE tenant_id = ? AND type = 'group' AND user_id IS NOT NULL AND ${group} IS NOT NULL`,
    [tenantId],
  );
}

/**
 * Health alerts for restaurants' owners: the alert's texts (insights.ts) in every locale become the content when
 * the campaign brings none, and the `{alertTitle}` / `{alertBody}` / `{restaurant}` fields otherwise.
 */
async function ownerInsights(db: Db, campaign: TenantCampaign, now: number): Promise<number> {
  if (campaign.trigger.kind !== 'insight' || campaign.trigger.insight !== 'health_alert') return 0;
  let queued = 0;
  for (const { userId, groupId } of await owners(db, campaign.tenantId)) {
    const recipient = `u:${userId}`;
    const texts: Partial<Record<Locale, MessageContent>> = {};
    let alertId: string | undefined;
    for (const locale of LOCALES) {
      const { insights } = await computeInsights({ db, tenantId: campaign.tenantId, groupId, locale, now });
      const alert = insights.find((i) => i.kind === 'alert');
      if (!alert) break;
      alertId = alert.id;
      texts[locale] = { title: alert.title, body: alert.body, ...(alert.cta ? { url: alert.cta.url } : {}) };
    }
    if (!alertId) continue;
    const facts = await recipientFacts(db, campaign.tenantId, recipient, campaign.audience);
    if (!matches(campaign.audience, facts, now)) continue;
    const stored = await readPreferences(db, campaign.tenantId, recipient);
    const locale = stored?.preferences.locale ?? 'de';
    const own = texts[locale] ?? texts.de;
    const payload: JobPayload = {
      fields: { alertTitle: own?.title ?? '', alertBody: own?.body ?? '', restaurant: groupId },
      ...(Object.keys(campaign.content).length === 0 ? { content: texts } : {}),
    };
    const period = `${groupId}:${alertId}`;
    const created = await queue(db, campaign, recipient, period, now, now, payload);
    // Today's alert was skipped (no consented channel yet)? Once consent arrives, it goes out after all.
    queued +=
      created || (await requeueIfNowAllowed(db, campaign.tenantId, `${campaign.id}:${recipient}:${period}`, now))
        ? 1
        : 0;
  }
  return queued;
}

/** One pass over every running campaign; answers the jobs newly queued. */
export async function runTriggers(db: Db, now: number, log?: Logger): Promise<number> {
  let queued = 0;
  for (const campaign of await runningCampaigns(db)) {
    try {
      if (campaign.trigger.kind === 'insight') {
        queued += await ownerInsights(db, campaign, now);
        continue;
      }
      for (const recipient of await candidates(db, campaign.tenantId)) {
        const when = await due(db, campaign, recipient, now);
        if (when) queued += await queue(db, campaign, recipient, when.period, when.runAt, now);
      }
    } catch (error) {
      log?.({ level: 'error', msg: 'campaign trigger failed', campaign: campaign.id, error: String(error) });
    }
  }
  return queued;
}
