/**
 * What decides, at send time, whether a queued message goes out now, later or not at all (issue 19 item 3). The
 * rules are pure functions of what the dispatcher gathered (`gatherSendFacts`), so each is tested with a fake clock:
 * - a channel needs the ledger's consent for it and the recipient's `channels[channel][topic]` preference;
 * - quiet hours in the recipient's time zone DEFER to the window's end (never drop);
 * - the daily cap (`maxPerDay`, across channels, order status excepted) DEFERS to the next local day;
 * - the campaign's frequency cap SKIPS;
 * - send-time optimisation: the recipient's usual ordering hour, moved out of quiet hours.
 */
import type { ChannelId, NotificationPreferences, NotificationTopic } from '@matbakh/contract';
import type { Queryable } from '../db.ts';
import type { RecipientKey } from './channel.ts';
import { localDayBounds, localParts, minuteOfDay, nextLocalTime, validTimeZone } from './local-time.ts';
import { userLedgerScope } from './subject-links.ts';

/** Topics the recipient is waiting for: never held back by quiet hours or the daily cap. */
export const EXEMPT_TOPICS: ReadonlySet<NotificationTopic> = new Set(['order_status']);

export interface SendFacts {
  now: number;
  /** The contact's locale, else the preferences' (unchecked; the renderer falls back). */
  locale?: string | null;
  topic: NotificationTopic;
  /** The ledger's newest `channels` for the recipient (undefined: no decision recorded, nothing consented). */
  consent: Partial<Record<ChannelId, boolean>> | undefined;
  notifications: NotificationPreferences;
  timeZone: string;
  /** Sends to the recipient since the start of their local day, across channels, exempt topics left out. */
  sentToday: number;
  /** Sends of this campaign to the recipient within the frequency cap's window. */
  campaignSends: number;
  frequencyCap: { sends: number; days: number } | undefined;
}

export type SendDecision =
  | { kind: 'send' }
  | { kind: 'defer'; until: number; reason: string }
  | { kind: 'skip'; reason: string };

/** Candidates in the campaign's order that the ledger and the preferences allow for this topic. */
export function allowedChannels(
  candidates: readonly ChannelId[],
  topic: NotificationTopic,
  consent: SendFacts['consent'],
  notifications: NotificationPreferences,
): ChannelId[] {
  return candidates.filter(
    (channel) => consent?.[channel] === true && notifications.channels[channel]?.[topic] === true,
  );
}

/** When `now` falls inside the quiet hours (local, may span midnight), the instant they end; else undefined. */
export function quietHoursEnd(
  now: number,
  quietHours: NotificationPreferences['quietHours'],
  timeZone: string,
): number | undefined {
  if (!quietHours) return undefined;
  const start = minuteOfDay(quietHours.start);
  const end = minuteOfDay(quietHours.end);
  if (start === undefined || end === undefined || start === end) return undefined;
  const local = localParts(now, timeZone);
  const minute = local.hour * 60 + local.minute;
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  return inside ? nextLocalTime(now, end, timeZone) : undefined;
}

/** Whether a message may go out now, and if not, until when it waits or why it is dropped. */
export function timingDecision(facts: SendFacts): SendDecision {
  const { frequencyCap } = facts;
  if (frequencyCap && frequencyCap.sends >= 0 && facts.campaignSends >= frequencyCap.sends) {
    return { kind: 'skip', reason: `frequency cap: ${frequencyCap.sends} per ${frequencyCap.days} days` };
  }
  if (EXEMPT_TOPICS.has(facts.topic)) return { kind: 'send' };
  const quietEnd = quietHoursEnd(facts.now, facts.notifications.quietHours, facts.timeZone);
  if (quietEnd !== undefined) return { kind: 'defer', until: quietEnd, reason: 'quiet hours' };
  const { maxPerDay } = facts.notifications;
  // 0 means "none": deferring day after day would keep the job forever.
  if (maxPerDay <= 0) return { kind: 'skip', reason: 'daily cap is 0' };
  if (facts.sentToday >= maxPerDay) {
    return { kind: 'defer', until: localDayBounds(facts.now, facts.timeZone).end, reason: 'daily cap' };
  }
  return { kind: 'send' };
}

/**
 * The local hour the recipient orders at most often (ties: the earlier), from their order times; undefined with
 * fewer than `minOrders` orders, when there is no habit to learn.
 */
export function usualOrderHour(orderTimes: readonly number[], timeZone: string, minOrders = 3): number | undefined {
  if (orderTimes.length < minOrders) return undefined;
  const counts = new Array<number>(24).fill(0);
  for (const at of orderTimes) counts[localParts(at, timeZone).hour]!++;
  let best = 0;
  for (let hour = 1; hour < 24; hour++) if (counts[hour]! > counts[best]!) best = hour;
  return best;
}

/**
 * Send-time optimisation: the next time within a day at which the recipient usually orders (a little before, so the
 * message is there when they think of it), moved to the end of quiet hours if it falls inside them. Without a
 * learned hour: now.
 */
export function optimisedSendTime(
  now: number,
  usualHour: number | undefined,
  timeZone: string,
  quietHours: NotificationPreferences['quietHours'] = null,
  leadMinutes = 30,
): number {
  if (usualHour === undefined) return quietHoursEnd(now, quietHours, timeZone) ?? now;
  const target = nextLocalTime(now, (usualHour * 60 - leadMinutes + 1440) % 1440, timeZone);
  return quietHoursEnd(target, quietHours, timeZone) ?? target;
}

// ---- gathering the facts from the database -------------------------------------------------------------------

/** The recipient key's identifiers as the consent ledger stores them. */
export function recipientSubject(recipient: RecipientKey): { userId?: string; anonymousId?: string } {
  return recipient.startsWith('u:') ? { userId: recipient.slice(2) } : { anonymousId: recipient.slice(2) };
}

/**
 * The `channels` of the newest ledger entry that speaks for the recipient, or undefined. For `u:<userId>` that is
 * the user's own decisions and those made, before signing in, on a device the user was seen on
 * (subject-links.ts): one person, so whichever decision came last wins — a withdrawal under either id included. For
 * `a:<anonymousId>`, the device's userless decisions (as `subjectPredicate` scopes an anonymous subject).
 */
export async function latestChannelConsent(
  db: Queryable,
  tenantId: string,
  recipient: RecipientKey,
): Promise<Partial<Record<ChannelId, boolean>> | undefined> {
  const row = await newestLedgerRow(db, tenantId, recipient);
  return row ? parseChannels(row.channels) : undefined;
}

/** The newest ledger row that speaks for the recipient (scoped as `latestChannelConsent` says), or undefined. */
export async function newestLedgerRow(
  db: Queryable,
  tenantId: string,
  recipient: RecipientKey,
): Promise<{ channels: string; choices: string; received_at: string } | undefined> {
  const { userId, anonymousId } = recipientSubject(recipient);
  const scope =
    userId !== undefined
      ? userLedgerScope(tenantId, userId)
      : { sql: '(anonymous_id = ? AND user_id IS NULL)', params: [anonymousId ?? ''] };
  return db.get<{ channels: string; choices: string; received_at: string }>(
    `SELECT channels, choices, received_at FROM consent_ledger WHERE tenant_id = ? AND anonymized_at IS NULL AND ${scope.sql}
     ORDER BY id DESC LIMIT 1`,
    [tenantId, ...scope.params],
  );
}

/**
 * Whether the recipient's newest ledger decision allows measuring whether they read a message (an e-mail's open
 * pixel): the `analytics` category. An open pixel records reading behaviour for statistics — what the banner's
 * analytics choice covers — and is not needed to deliver the message (so not `necessary`) nor to tailor it (so not
 * `personalization`); `marketing` is about being sent promotions at all, which the channel consent already
 * decides. A malformed or missing choice: no.
 */
export function allowsOpenTracking(choices: string | undefined): boolean {
  if (choices === undefined) return false;
  try {
    const parsed: unknown = JSON.parse(choices);
    return typeof parsed === 'object' && parsed !== null && (parsed as { analytics?: unknown }).analytics === true;
  } catch {
    return false;
  }
}

/** A ledger row's `channels` column; a malformed one consents to nothing. */
export function parseChannels(column: string): Partial<Record<ChannelId, boolean>> {
  try {
    const parsed: unknown = JSON.parse(column);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Partial<Record<ChannelId, boolean>>) : {};
  } catch {
    return {};
  }
}

/** The recipient's time zone and locale from their contact row (time zone: else the tenant default). */
export async function recipientSettings(
  db: Queryable,
  tenantId: string,
  recipient: RecipientKey,
): Promise<{ timeZone: string; locale: string | null }> {
  const row = await db.get<{ time_zone: string | null; locale: string | null }>(
    'SELECT time_zone, locale FROM message_contacts WHERE tenant_id = ? AND recipient = ?',
    [tenantId, recipient],
  );
  return { timeZone: validTimeZone(row?.time_zone), locale: row?.locale ?? null };
}

export async function recipientTimeZone(db: Queryable, tenantId: string, recipient: RecipientKey): Promise<string> {
  return (await recipientSettings(db, tenantId, recipient)).timeZone;
}

/** Sends (not holdouts, jobs that went out) to the recipient since `since`, optionally of one campaign only. */
export async function countSends(
  db: Queryable,
  tenantId: string,
  recipient: RecipientKey,
  since: number,
  filter: { campaignId?: string; exceptTopics?: readonly NotificationTopic[] } = {},
): Promise<number> {
  const params: (string | number)[] = [tenantId, recipient, new Date(since).toISOString()];
  let extra = '';
  if (filter.campaignId !== undefined) {
    extra += ' AND d.campaign_id = ?';
    params.push(filter.campaignId);
  }
  for (const topic of filter.exceptTopics ?? []) {
    extra += ' AND j.topic <> ?';
    params.push(topic);
  }
  const row = await db.get<{ n: number }>(
    `SELECT count(*) AS n FROM message_deliveries d JOIN message_jobs j ON j.id = d.job_id
     WHERE d.tenant_id = ? AND d.recipient = ? AND d.sent_at >= ? AND d.holdout = 0 AND j.status = 'sent'${extra}`,
    params,
  );
  return Number(row?.n ?? 0);
}
