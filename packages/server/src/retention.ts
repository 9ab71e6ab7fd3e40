import { DEFAULT_RETENTION_DAYS } from '@matbakh/contract';
import { DEFAULT_AUDIT_RETENTION_DAYS, purgeExpiredAudit } from './audit.ts';
import type { Db } from './db.ts';
import type { Logger } from './log.ts';
import { markAggregatesStale } from './recommend/aggregates.ts';
import { purgeExpiredFeedback } from './recommend/feedback.ts';
import { deleteEvents, dropPartitionsBefore } from './storage/event-rows.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PurgeResult {
  /** Events deleted, all tenants together. */
  deleted: number;
  /** Only tenants that lost rows. */
  tenants: Array<{ tenantId: string; deleted: number }>;
}

/**
 * Deletes every tenant's tracked events received more than its `retentionDays` before `now` (ms). Compared on
 * `received_at`, the server's clock: a client clock cannot keep an event alive. The consent ledger is not touched,
 * its rows are the proof of consent. One statement per tenant, so a big purge does not hold the writer for all.
 */
export async function purgeExpiredEvents(db: Db, now: number): Promise<PurgeResult> {
  const tenants = await db.all<{ id: string; retention_days: number | null }>(
    'SELECT id, retention_days FROM tenants ORDER BY id',
  );
  const result: PurgeResult = { deleted: 0, tenants: [] };
  // PostgreSQL: whole months past every tenant's retention go as partitions (no row-by-row delete), the rest below.
  const longest = Math.max(DEFAULT_RETENTION_DAYS, ...tenants.map((t) => t.retention_days ?? DEFAULT_RETENTION_DAYS));
  result.deleted += await dropPartitionsBefore(db, new Date(now - longest * DAY_MS).toISOString());
  for (const tenant of tenants) {
    const cutoff = new Date(now - (tenant.retention_days ?? DEFAULT_RETENTION_DAYS) * DAY_MS).toISOString();
    const changes = await deleteEvents(db, tenant.id, 'received_at < ?', [cutoff]);
    if (changes > 0) {
      markAggregatesStale(db, tenant.id);
      result.deleted += changes;
      result.tenants.push({ tenantId: tenant.id, deleted: changes });
    }
  }
  return result;
}

export interface PurgeSchedule {
  /** The purge run at start; resolves when it is done (or was another instance's to do). */
  readonly first: Promise<void>;
  /** Stops the schedule and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Purges now, then every `intervalMs` (0: only now). The timer is unref'd: it never keeps the process alive.
 * A failed purge is logged and retried at the next tick; it must not take the server down. A tick that finds this
 * instance's previous run still going is skipped. Instances sharing one database purge once: the run holds a
 * database lock, and an instance that finds it taken skips its turn.
 */
export function schedulePurge(
  db: Db,
  intervalMs: number,
  log: Logger,
  now: () => number = Date.now,
  auditRetentionDays = DEFAULT_AUDIT_RETENTION_DAYS,
): PurgeSchedule {
  let current: Promise<void> | undefined;
  const purge = async (trigger: 'start' | 'schedule') => {
    try {
      const at = now();
      const done = await db.exclusive('retention-purge', async () => {
        const { deleted, tenants } = await purgeExpiredEvents(db, at);
        // Feedback is personal data like events: the same retention period applies.
        const feedbackDeleted = await purgeExpiredFeedback(db, at);
        const auditDeleted = await purgeExpiredAudit(db, at, auditRetentionDays);
        log({
          level: 'info',
          msg: 'retention purge',
          trigger,
          deleted,
          feedbackDeleted,
          auditDeleted,
          tenants: tenants.length,
        });
        return true;
      });
      if (done === undefined) log({ level: 'info', msg: 'retention purge skipped: another instance runs it', trigger });
    } catch (error) {
      log({ level: 'error', msg: 'retention purge failed', trigger, error: String(error) });
    }
  };
  const run = (trigger: 'start' | 'schedule') => {
    if (current) return current;
    current = purge(trigger).finally(() => {
      current = undefined;
    });
    return current;
  };
  const first = run('start');
  const timer = intervalMs > 0 ? setInterval(() => void run('schedule'), intervalMs) : undefined;
  timer?.unref();
  return {
    first,
    stop: async () => {
      clearInterval(timer);
      await current;
    },
  };
}
