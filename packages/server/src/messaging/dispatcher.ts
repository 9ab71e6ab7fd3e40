/**
 * Sends what the queue holds: claims due jobs, and for each runs the send-time checks (send-checks.ts), picks the
 * first channel in the campaign's order the recipient allows and can be reached on, renders the content in their
 * locale, writes the delivery row and hands the message to the channel's adapter. Runs in every instance at once:
 * the queue's claims, not a global lock, make each job go out once.
 * Long because: the claim loop and the per-job send share one context and their counters; each step is already its
 * own module (send-checks.ts, the channels), what stays here is their order.
 */
import type { Campaign, ChannelId, Locale, MessageContent } from '@matbakh/contract';
import { isLocale } from '@matbakh/contract';
import type { Db, Queryable } from '../db.ts';
import type { Logger } from '../log.ts';
import { findById, type Tenant } from '../tenants.ts';
import { isAutomation, readCampaign } from './campaign-read.ts';
import type { ChannelAdapter } from './channel.ts';
import { channelAdapters } from './channels/index.ts';
import { fieldsNamed, recipientFields } from './fields.ts';
import {
  claimJobs,
  DEFAULT_LEASE_MS,
  DEFAULT_MAX_ATTEMPTS,
  finishJob,
  finishSentJobs,
  type Job,
  type JobOutcome,
} from './queue.ts';
import { renderContent } from './render.ts';
import { allowedChannels, countSends, EXEMPT_TOPICS, timingDecision } from './send-checks.ts';
import { type RecipientSnapshot, sendFacts, snapshotRecipients } from './send-facts.ts';

const DAY_MS = 86_400_000;

/** A paused campaign's jobs wait and look again this much later. */
const PAUSED_RECHECK_MS = 15 * 60_000;

export interface DispatchOptions {
  /** Names this instance's claims (`locked_by`). */
  workerId: string;
  now?: () => number;
  adapters?: readonly ChannelAdapter[];
  /** Jobs claimed at a time (default 50). */
  batch?: number;
  /** Jobs sent side by side (default 8). */
  concurrency?: number;
  leaseMs?: number;
  maxAttempts?: number;
  random?: () => number;
  log?: Logger;
}

export type DispatchCounts = Record<
  'claimed' | 'sent' | 'deferred' | 'skipped' | 'failed' | 'holdout' | 'lost',
  number
>;

/** What a job sends: a campaign's, or an automation's own content from the payload. */
interface Plan {
  content: Partial<Record<Locale, MessageContent>>;
  channels: ChannelId[];
  frequencyCap: Campaign['frequencyCap'] | undefined;
  holdout: number;
}

type Planned = { plan: Plan } | { outcome: JobOutcome };

async function planFor(db: Queryable, job: Job, now: number): Promise<Planned> {
  const payloadChannels = job.payload.channels;
  if (isAutomation(job.campaignId)) {
    const { content } = job.payload;
    if (!content) return { outcome: { status: 'failed', retry: false, reason: 'automation without content' } };
    return { plan: { content, channels: payloadChannels ?? ['in_app'], frequencyCap: undefined, holdout: 0 } };
  }
  const campaign = await readCampaign(db, job.tenantId, job.campaignId);
  if (!campaign) return { outcome: { status: 'cancelled', reason: 'campaign deleted' } };
  if (campaign.status === 'paused') {
    return { outcome: { status: 'deferred', runAt: now + PAUSED_RECHECK_MS, reason: 'campaign paused' } };
  }
  if (campaign.status !== 'running') return { outcome: { status: 'cancelled', reason: `campaign ${campaign.status}` } };
  return {
    plan: {
      // An insight campaign may bring no texts of its own: the insight's, queued with the job, are used.
      content: Object.keys(campaign.content).length > 0 ? campaign.content : (job.payload.content ?? {}),
      channels: payloadChannels ?? campaign.channels,
      frequencyCap: campaign.frequencyCap,
      holdout: campaign.holdout,
    },
  };
}

/**
 * A deterministic share of a campaign's recipients (FNV-1a of campaign × recipient, so the same person is in or
 * out of the holdout for every message of one campaign and the groups do not line up across campaigns).
 */
export function inHoldout(campaignId: string, recipient: string, share: number): boolean {
  if (!(share > 0)) return false;
  const text = `${campaignId}\u0000${recipient}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 2 ** 32 < share;
}

/** The delivery row of this job on `channel`: the one an earlier attempt wrote (a retry), else a new one. */
async function deliveryRow(db: Db, job: Job, channel: ChannelId | null, holdout: boolean, at: string): Promise<number> {
  // Only a retry can find one (the first attempt has written none).
  if (!holdout && job.attempts > 1) {
    const earlier = await db.get<{ id: number }>(
      'SELECT id FROM message_deliveries WHERE job_id = ? AND channel = ? AND holdout = 0',
      [job.id, channel],
    );
    if (earlier) return Number(earlier.id);
  }
  const row = await db.get<{ id: number }>(
    `INSERT INTO message_deliveries (tenant_id, job_id, campaign_id, recipient, channel, holdout, sent_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [job.tenantId, job.id, job.campaignId, job.recipient, channel, holdout ? 1 : 0, at],
  );
  return Number(row!.id);
}

interface Ctx {
  db: Db;
  /** The tenant record, read once per claim. */
  tenant(id: string, now: number): Promise<Tenant | undefined>;
  /** What the checks need about the job's recipient, read once per claim (send-facts.ts). */
  snapshot(job: Job): RecipientSnapshot;
  /** This claim's sends so far, per recipient (daily cap) and per recipient × campaign (frequency cap). */
  sentInClaim: Map<string, number>;
  /** Sent jobs whose end the claim records at once when it is over (`finishSentJobs`). */
  sent: { job: Job; channel: ChannelId | null; deliveryId: number }[];
  now: () => number;
  adapters: readonly ChannelAdapter[];
  maxAttempts: number;
  random: () => number;
}

const recipientKey = (job: Job) => `${job.tenantId}\u0000${job.recipient}`;
const campaignKey = (job: Job) => `${recipientKey(job)}\u0000${job.campaignId}`;

/** The send-time facts of `job`: its recipient's snapshot, with what this claim sent them already. */
async function factsOf(ctx: Ctx, job: Job, frequencyCap: Plan['frequencyCap'], now: number) {
  const campaignSends = frequencyCap
    ? (await countSends(ctx.db, job.tenantId, job.recipient, now - frequencyCap.days * DAY_MS, {
        campaignId: job.campaignId,
      })) + (ctx.sentInClaim.get(campaignKey(job)) ?? 0)
    : 0;
  return sendFacts(ctx.snapshot(job), {
    topic: job.topic,
    frequencyCap,
    now,
    campaignSends,
    sentInClaim: ctx.sentInClaim.get(recipientKey(job)) ?? 0,
  });
}

/** Notes a send of this claim for the caps of the recipient's next job in it. */
function tally(ctx: Ctx, job: Job) {
  const bump = (key: string) => ctx.sentInClaim.set(key, (ctx.sentInClaim.get(key) ?? 0) + 1);
  if (!EXEMPT_TOPICS.has(job.topic)) bump(recipientKey(job));
  bump(campaignKey(job));
}

/**
 * Runs one claimed job to an outcome; writes what it sent. Answers the count it belongs to; a send is answered as
 * 'sent' once the claim's end has recorded it (`ctx.sent`).
 * Long because: the send-time order of checks and outcomes for one job; each outcome writes its row, and reading them
 * in one place is how that order is reviewed.
 */
async function dispatchJob(ctx: Ctx, job: Job): Promise<keyof DispatchCounts | 'pending'> {
  const { db } = ctx;
  const now = ctx.now();
  const finish = async (outcome: JobOutcome, tx: Queryable = db) =>
    (await finishJob(tx, job, outcome, { now: ctx.now(), maxAttempts: ctx.maxAttempts, random: ctx.random }))
      ? outcome.status === 'cancelled'
        ? 'skipped'
        : outcome.status
      : 'lost';
  if (job.attempts > ctx.maxAttempts) {
    return finish({ status: 'failed', retry: false, reason: `lease expired ${job.attempts - 1} times` });
  }
  const planned = await planFor(db, job, now);
  if ('outcome' in planned) return finish(planned.outcome);
  const { plan } = planned;
  const facts = await factsOf(ctx, job, plan.frequencyCap, now);
  const timing = timingDecision(facts);
  if (timing.kind === 'skip') return finish({ status: 'skipped', reason: timing.reason });
  if (timing.kind === 'defer') return finish({ status: 'deferred', runAt: timing.until, reason: timing.reason });

  if (inHoldout(job.campaignId, job.recipient, plan.holdout)) {
    // Written with the job's end in one transaction: a holdout is counted once, like a send.
    const result = await db
      .transaction(async (tx) => {
        await deliveryRow(tx, job, null, true, new Date(now).toISOString());
        const status = await finish({ status: 'skipped', reason: 'holdout' }, tx);
        if (status === 'lost') throw new LostJob();
        return status;
      })
      .catch((error: unknown) => (error instanceof LostJob ? 'lost' : Promise.reject(error)));
    return result === 'lost' ? 'lost' : 'holdout';
  }

  const allowed = allowedChannels(plan.channels, job.topic, facts.consent, facts.notifications);
  const { contact, openTracking } = ctx.snapshot(job);
  const known = { contact, openTracking };
  let adapter: ChannelAdapter | undefined;
  for (const channel of allowed) {
    const candidate = ctx.adapters.find((a) => a.id === channel);
    if (candidate && (await candidate.reachable(db, job.tenantId, job.recipient, known))) {
      adapter = candidate;
      break;
    }
  }
  if (!adapter) {
    const reason = allowed.length ? `not reachable on ${allowed.join(', ')}` : `no consented channel for ${job.topic}`;
    return finish({ status: 'skipped', reason });
  }
  const tenant = await ctx.tenant(job.tenantId, now);
  if (!tenant) return finish({ status: 'cancelled', reason: 'tenant gone' });
  const locale = isLocale(facts.locale) ? facts.locale : 'de';
  // The recipient's own fields, read now; what the trigger gave (an alert's texts, the restaurant) wins.
  const own = await recipientFields(db, job.tenantId, job.recipient, fieldsNamed(plan.content), now);
  const rendered = renderContent(plan.content, locale, { ...own, ...job.payload.fields });
  if (!rendered) return finish({ status: 'failed', retry: false, reason: 'no content' });

  const sentAt = new Date(now).toISOString();
  const deliveryId = await deliveryRow(db, job, adapter.id, false, sentAt);
  let outcome: JobOutcome;
  try {
    const sent = await adapter.send(db, {
      tenant,
      recipient: job.recipient,
      deliveryId,
      campaignId: job.campaignId,
      topic: job.topic,
      ...rendered,
      sentAt,
      known,
    });
    outcome = sent.ok
      ? { status: 'sent', channel: adapter.id }
      : { status: 'failed', retry: sent.retry, reason: `${adapter.id}: ${sent.reason}` };
  } catch (error) {
    outcome = { status: 'failed', retry: true, reason: `${adapter.id}: ${String(error)}` };
  }
  if (outcome.status === 'sent') {
    tally(ctx, job);
    ctx.sent.push({ job, channel: adapter.id, deliveryId });
    return 'pending';
  }
  if (outcome.status === 'failed' && (!outcome.retry || job.attempts >= ctx.maxAttempts)) {
    // Never delivered: the funnel counts no send (the job keeps the reason).
    await db.run('DELETE FROM message_deliveries WHERE id = ?', [deliveryId]);
  }
  return finish(outcome);
}

class LostJob extends Error {}

/** How many sends a claim records together: one transaction instead of one per message, a small window after a crash. */
const RECORD_EVERY = 16;

/** Each claimed recipient's snapshot, read per tenant (a few queries for the whole claim). */
async function snapshotsOf(db: Db, jobs: readonly Job[], now: number) {
  const byTenant = new Map<string, string[]>();
  for (const job of jobs) byTenant.set(job.tenantId, [...(byTenant.get(job.tenantId) ?? []), job.recipient]);
  const out = new Map<string, RecipientSnapshot>();
  for (const [tenantId, recipients] of byTenant) {
    for (const [recipient, snapshot] of await snapshotRecipients(db, tenantId, recipients, now)) {
      out.set(`${tenantId}\u0000${recipient}`, snapshot);
    }
  }
  return out;
}

/**
 * Records sends in one transaction: delivered, and the jobs sent (fenced). A process that dies before this leaves
 * them claimed; their lease runs out and they are sent again as the same delivery (the e-mail keeps its
 * Message-ID), as a death between a send and its single-row update always could. The dispatcher records every
 * {@link RECORD_EVERY} sends, so a death repeats at most that many (plus those in flight), not a whole claim.
 * Answers [sent, lost].
 */
async function recordSends(db: Db, sent: Ctx['sent'], now: number): Promise<[number, number]> {
  if (sent.length === 0) return [0, 0];
  const finished = await db.transaction(async (tx) => {
    const ids = sent.map((s) => s.deliveryId);
    await tx.run(`UPDATE message_deliveries SET delivered_at = ? WHERE id IN (${ids.map(() => '?').join(', ')})`, [
      new Date(now).toISOString(),
      ...ids,
    ]);
    return finishSentJobs(tx, sent, now);
  });
  return [finished, sent.length - finished];
}

/** One claim and its sends; answers what happened to the claimed jobs. */
export async function dispatchDue(db: Db, options: DispatchOptions): Promise<DispatchCounts> {
  const tenants = new Map<string, Promise<Tenant | undefined>>();
  const now = options.now ?? Date.now;
  const jobs = await claimJobs(db, options.workerId, now(), options.batch ?? 50, options.leaseMs ?? DEFAULT_LEASE_MS);
  const snapshots = await snapshotsOf(db, jobs, now());
  const ctx: Ctx = {
    db,
    snapshot: (job) => snapshots.get(`${job.tenantId}\u0000${job.recipient}`)!,
    sentInClaim: new Map(),
    sent: [],
    tenant: (id, at) => {
      let found = tenants.get(id);
      if (!found) {
        found = findById(db, id, at);
        tenants.set(id, found);
      }
      return found;
    },
    now,
    adapters: options.adapters ?? channelAdapters,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    random: options.random ?? Math.random,
  };
  const counts: DispatchCounts = { claimed: 0, sent: 0, deferred: 0, skipped: 0, failed: 0, holdout: 0, lost: 0 };
  counts.claimed = jobs.length;
  // One recipient's jobs one after the other: each send counts toward the caps the next one checks.
  const byRecipient = new Map<string, Job[]>();
  for (const job of jobs) {
    const key = `${job.tenantId}\u0000${job.recipient}`;
    byRecipient.set(key, [...(byRecipient.get(key) ?? []), job]);
  }
  const groups = [...byRecipient.values()];
  /** Records the sends so far (each lane may, every RECORD_EVERY sends; they take disjoint lists). */
  const record = async () => {
    const sent = ctx.sent.splice(0);
    if (sent.length === 0) return;
    try {
      const [finished, lost] = await recordSends(db, sent, now());
      counts.sent += finished;
      counts.lost += lost;
    } catch (error) {
      // Left claimed: the lease runs out and another pass sends them again as the same deliveries.
      counts.failed += sent.length;
      options.log?.({ level: 'error', msg: 'recording sent messages failed', error: String(error) });
    }
  };
  let next = 0;
  const lane = async () => {
    for (let group = groups[next++]; group; group = groups[next++]) {
      for (const job of group) {
        try {
          const result = await dispatchJob(ctx, job);
          if (result !== 'pending') counts[result]++;
          if (ctx.sent.length >= RECORD_EVERY) await record();
        } catch (error) {
          // The job stays claimed: its lease runs out and another pass retries it.
          counts.failed++;
          options.log?.({ level: 'error', msg: 'message dispatch failed', job: job.id, error: String(error) });
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, groups.length) }, lane));
  await record();
  return counts;
}
