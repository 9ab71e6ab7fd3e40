/**
 * The durable message queue (`message_jobs`), one schema on both engines.
 *
 * Why not pg-boss or graphile-worker: both are PostgreSQL-only (they rely on PL/pgSQL, LISTEN/NOTIFY and their own
 * schemas), while the embedded default here is SQLite and every feature must work on both with one schema and one
 * set of queries. The part of them we need is small: a claim that two instances can never both win
 * (`FOR UPDATE SKIP LOCKED` on PostgreSQL; on SQLite one `UPDATE … RETURNING` inside a write transaction, which
 * the file lock serialises), a lease so a claim by an instance that died runs again, backoff with jitter and a
 * dead letter. Idempotency is the table's UNIQUE (tenant_id, idempotency_key).
 *
 * A job's life: queued → running (claimed, `locked_until` = lease end) → sent | skipped | dead | cancelled, or back
 * to queued (deferred by quiet hours or the daily cap, or a retry after a transient failure). `attempts` counts
 * claims; it is also the fencing token: a worker whose lease ran out and was claimed again by another can no longer
 * finish the job (`finishJob` matches `locked_by` and `attempts`).
 * Long because: the queue's queries on both engines side by side (enqueue, claim, lease, retry, dead-letter): one
 * schema and the statements that must agree on it.
 */
import type { ChannelId, Locale, MessageContent, NotificationTopic } from '@matbakh/contract';
import type { Db, Queryable } from '../db.ts';
import type { RecipientKey } from './channel.ts';

export const DEFAULT_LEASE_MS = 30_000;
export const DEFAULT_MAX_ATTEMPTS = 5;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 6 * 3_600_000;

export type JobStatus = 'queued' | 'running' | 'sent' | 'dead' | 'cancelled' | 'skipped';

/** What a job carries besides its columns: the channels to try and the message's fields. */
export interface JobPayload {
  /** Candidate channels in order; absent: the campaign's. */
  channels?: ChannelId[];
  /** `{field}` values for the content (text, never HTML). */
  fields?: Record<string, string>;
  /** An automation's own content (no campaign row behind it). */
  content?: Partial<Record<Locale, MessageContent>>;
}

export interface NewJob {
  tenantId: string;
  campaignId: string;
  recipient: RecipientKey;
  topic: NotificationTopic;
  /** At most one job per tenant × key, ever: e.g. `${campaignId}:${recipient}:${period}`. */
  idempotencyKey: string;
  payload: JobPayload;
  /** ISO instant from which the job may run. */
  runAt: string;
}

/** A stored job: what was enqueued, and where it stands. */
export interface Job extends NewJob {
  id: number;
  status: JobStatus;
  attempts: number;
  lockedBy: string | null;
  lockedUntil: string | null;
  channel: ChannelId | null;
  reason: string | null;
}

interface JobRow {
  id: number;
  tenant_id: string;
  campaign_id: string;
  recipient: string;
  topic: NotificationTopic;
  idempotency_key: string;
  payload: string;
  status: JobStatus;
  run_at: string;
  attempts: number;
  locked_by: string | null;
  locked_until: string | null;
  channel: ChannelId | null;
  reason: string | null;
}

const fromRow = (row: JobRow): Job => ({
  id: Number(row.id),
  tenantId: row.tenant_id,
  campaignId: row.campaign_id,
  recipient: row.recipient,
  topic: row.topic,
  idempotencyKey: row.idempotency_key,
  payload: JSON.parse(row.payload) as JobPayload,
  status: row.status,
  runAt: row.run_at,
  attempts: Number(row.attempts),
  lockedBy: row.locked_by,
  lockedUntil: row.locked_until,
  channel: row.channel,
  reason: row.reason,
});

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Queues a job unless one with the same idempotency key exists (whatever its state: a message sent once is never
 * queued again). `created` tells which.
 */
export async function enqueueMessage(
  db: Queryable,
  job: NewJob,
  now: number = Date.now(),
): Promise<{ id: number; created: boolean }> {
  const at = iso(now);
  const inserted = await db.get<{ id: number }>(
    `INSERT INTO message_jobs (tenant_id, idempotency_key, campaign_id, recipient, topic, payload, status, run_at,
       attempts, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, 0, ?, ?)
     ON CONFLICT (tenant_id, idempotency_key) DO NOTHING RETURNING id`,
    [
      job.tenantId,
      job.idempotencyKey,
      job.campaignId,
      job.recipient,
      job.topic,
      JSON.stringify(job.payload),
      iso(Date.parse(job.runAt)),
      at,
      at,
    ],
  );
  if (inserted) return { id: Number(inserted.id), created: true };
  const existing = await db.get<{ id: number }>(
    'SELECT id FROM message_jobs WHERE tenant_id = ? AND idempotency_key = ?',
    [job.tenantId, job.idempotencyKey],
  );
  if (!existing) throw new Error('enqueue: conflicting job vanished');
  return { id: Number(existing.id), created: false };
}

/**
 * Claims up to `limit` due jobs for `workerId` with a lease until `now + leaseMs`: queued jobs whose `run_at` has
 * come, and running jobs whose lease expired (their instance died or hung). No two callers ever get the same job.
 */
export async function claimJobs(
  db: Db,
  workerId: string,
  now: number,
  limit: number,
  leaseMs: number = DEFAULT_LEASE_MS,
): Promise<Job[]> {
  const at = iso(now);
  // A recipient with a job in flight elsewhere waits: the caps count each send before the next is checked. (Two
  // claims racing on PostgreSQL can still each take one of a recipient's jobs; the daily cap is then off by one at
  // most, never a message sent twice.)
  // PostgreSQL: rows another claim has locked are skipped, not waited for, so claims run side by side. SQLite has
  // no row locks: its write transaction (BEGIN IMMEDIATE) is the whole claim, one at a time.
  const skipLocked = db.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
  const claim = (tx: Queryable) =>
    tx.all<JobRow>(
      `UPDATE message_jobs SET status = 'running', locked_by = ?, locked_until = ?, attempts = attempts + 1,
         updated_at = ?
       WHERE id IN (
         SELECT id FROM message_jobs j
         WHERE ((status = 'queued' AND run_at <= ?) OR (status = 'running' AND locked_until < ?))
           AND NOT EXISTS (SELECT 1 FROM message_jobs r WHERE r.tenant_id = j.tenant_id AND r.recipient = j.recipient
             AND r.status = 'running' AND r.locked_until >= ? AND r.id <> j.id)
         ORDER BY run_at, id LIMIT ?${skipLocked})
       RETURNING *`,
      [workerId, iso(now + leaseMs), at, at, at, at, limit],
    );
  const rows = db.dialect === 'postgres' ? await claim(db) : await db.transaction(claim);
  return rows.map(fromRow).sort((a, b) => a.runAt.localeCompare(b.runAt) || a.id - b.id);
}

/** Whether `job` (as claimed) is still this worker's: no other claim took it after its lease ran out. */
const FENCE = "id = ? AND status = 'running' AND locked_by = ? AND attempts = ?";
const fence = (job: Job) => [job.id, job.lockedBy ?? '', job.attempts];

/** Extends the lease of a job still held (a slow send): false when the job is no longer this worker's. */
export async function renewLease(db: Queryable, job: Job, now: number, leaseMs = DEFAULT_LEASE_MS): Promise<boolean> {
  const { changes } = await db.run(`UPDATE message_jobs SET locked_until = ?, updated_at = ? WHERE ${FENCE}`, [
    iso(now + leaseMs),
    iso(now),
    ...fence(job),
  ]);
  return changes === 1;
}

export type JobOutcome =
  | { status: 'sent'; channel: ChannelId | null; reason?: string }
  | { status: 'skipped' | 'cancelled'; reason: string }
  /** Back to the queue at `runAt` without counting as a failed attempt (quiet hours, daily cap). */
  | { status: 'deferred'; runAt: number; reason: string }
  /** A failure: retried with backoff, or dead-lettered after `maxAttempts`. */
  | { status: 'failed'; reason: string; retry: boolean };

export interface FinishOptions {
  now: number;
  maxAttempts?: number;
  /** 0 ≤ x < 1; injected in tests for a fixed jitter. */
  random?: () => number;
}

/**
 * Exponential backoff with "equal jitter": half the step fixed, half random, so retries of many jobs that failed
 * together (a provider outage) spread out instead of returning in a herd.
 */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const step = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(step / 2 + (step / 2) * random());
}

/**
 * Records how a claimed job ended (`locked_by` stays: which instance handled it, for operators). Fenced: when the job is no longer this worker's (its lease ran out and another
 * claim took it), nothing changes and false comes back.
 */
export async function finishJob(
  db: Queryable,
  job: Job,
  outcome: JobOutcome,
  options: FinishOptions,
): Promise<boolean> {
  const now = iso(options.now);
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  let sql: string;
  let params: (string | number | null)[];
  switch (outcome.status) {
    case 'sent':
      sql = `status = 'sent', channel = ?, reason = ?`;
      params = [outcome.channel, outcome.reason ?? null];
      break;
    case 'skipped':
    case 'cancelled':
      sql = 'status = ?, reason = ?';
      params = [outcome.status, outcome.reason];
      break;
    case 'deferred':
      // The claim counted an attempt: a deferral is not a failure, so it gives it back.
      sql = `status = 'queued', run_at = ?, reason = ?, attempts = attempts - 1`;
      params = [iso(outcome.runAt), outcome.reason];
      break;
    case 'failed': {
      const dead = !outcome.retry || job.attempts >= maxAttempts;
      const reason = dead && outcome.retry ? `${outcome.reason} (after ${job.attempts} attempts)` : outcome.reason;
      sql = dead ? `status = 'dead', reason = ?` : `status = 'queued', run_at = ?, reason = ?`;
      params = dead ? [reason] : [iso(options.now + backoffMs(job.attempts, options.random)), reason];
      break;
    }
  }
  const { changes } = await db.run(
    `UPDATE message_jobs SET ${sql}, locked_until = NULL, updated_at = ? WHERE ${FENCE}`,
    [...params, now, ...fence(job)],
  );
  return changes === 1;
}

/**
 * `finishJob` for many jobs that were sent, in one statement per channel (the dispatcher's claim ends with it instead
 * of a round trip per message). Fenced like `finishJob`: a job no longer this worker's is left alone. Answers how
 * many were still this worker's.
 */
export async function finishSentJobs(
  db: Queryable,
  sent: readonly { job: Job; channel: ChannelId | null }[],
  now: number,
): Promise<number> {
  const byChannel = new Map<ChannelId | null, Job[]>();
  for (const { job, channel } of sent) byChannel.set(channel, [...(byChannel.get(channel) ?? []), job]);
  let finished = 0;
  // Chunks keep SQLite's expression tree well below its depth limit (1000) whatever the claim size.
  const chunks = [...byChannel].flatMap(([channel, jobs]) =>
    Array.from(
      { length: Math.ceil(jobs.length / 200) },
      (_, i) => [channel, jobs.slice(i * 200, i * 200 + 200)] as const,
    ),
  );
  for (const [channel, jobs] of chunks) {
    const { changes } = await db.run(
      `UPDATE message_jobs SET status = 'sent', channel = ?, reason = NULL, locked_until = NULL, updated_at = ?
       WHERE status = 'running' AND (${jobs.map(() => '(id = ? AND locked_by = ? AND attempts = ?)').join(' OR ')})`,
      [channel, iso(now), ...jobs.flatMap(fence)],
    );
    finished += changes;
  }
  return finished;
}

/**
 * Cancels the recipient's queued jobs; with `channel`, only what can no longer go anywhere else: the channel is
 * taken out of each job's candidates, and a job left without one is cancelled (a withdrawal of e-mail consent
 * cancels the queued e-mail, an in-app-or-e-mail message stays for in-app). Answers the jobs cancelled.
 */
export async function cancelQueuedJobs(
  db: Db,
  tenantId: string,
  recipient: RecipientKey,
  options: {
    channel?: ChannelId;
    reason: string;
    now: number;
    /** A job without its own channel list uses its campaign's; read inside the cancel's transaction (`tx`). */
    campaignChannels?: (campaignId: string, tx: Queryable) => Promise<ChannelId[]>;
  },
): Promise<number> {
  const at = iso(options.now);
  const { channel } = options;
  if (channel === undefined) {
    const { changes } = await db.run(
      `UPDATE message_jobs SET status = 'cancelled', reason = ?, updated_at = ?
       WHERE tenant_id = ? AND recipient = ? AND status = 'queued'`,
      [options.reason, at, tenantId, recipient],
    );
    return changes;
  }
  return db.transaction(async (tx) => {
    const lock = tx.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const rows = await tx.all<JobRow>(
      `SELECT * FROM message_jobs WHERE tenant_id = ? AND recipient = ? AND status = 'queued'${lock}`,
      [tenantId, recipient],
    );
    let cancelled = 0;
    for (const job of rows.map(fromRow)) {
      const candidates = job.payload.channels ?? (await options.campaignChannels?.(job.campaignId, tx)) ?? [];
      if (!candidates.includes(channel)) continue;
      const left = candidates.filter((c) => c !== channel);
      if (left.length === 0) {
        await tx.run(`UPDATE message_jobs SET status = 'cancelled', reason = ?, updated_at = ? WHERE id = ?`, [
          options.reason,
          at,
          job.id,
        ]);
        cancelled++;
      } else {
        await tx.run('UPDATE message_jobs SET payload = ?, updated_at = ? WHERE id = ?', [
          JSON.stringify({ ...job.payload, channels: left }),
          at,
          job.id,
        ]);
      }
    }
    return cancelled;
  });
}

/** One job by id (tests, the admin API). */
export async function readJob(db: Queryable, id: number): Promise<Job | undefined> {
  const row = await db.get<JobRow>('SELECT * FROM message_jobs WHERE id = ?', [id]);
  return row ? fromRow(row) : undefined;
}
