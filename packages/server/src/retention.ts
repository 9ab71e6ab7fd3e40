import { DEFAULT_RETENTION_DAYS } from '@matbakh/contract';
import { type Db, stmt } from './db.ts';
import type { Logger } from './log.ts';
import { purgeExpiredFeedback } from './recommend/feedback.ts';

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
export function purgeExpiredEvents(db: Db, now: number): PurgeResult {
  const tenants = stmt<{ id: string; retention_days: number | null }>(
    db,
    'SELECT id, retention_days FROM tenants ORDER BY id',
  ).all();
  const remove = stmt(db, 'DELETE FROM events WHERE tenant_id = ? AND received_at < ?');
  const result: PurgeResult = { deleted: 0, tenants: [] };
  for (const tenant of tenants) {
    const cutoff = new Date(now - (tenant.retention_days ?? DEFAULT_RETENTION_DAYS) * DAY_MS).toISOString();
    const { changes } = remove.run(tenant.id, cutoff);
    if (changes > 0) {
      result.deleted += changes;
      result.tenants.push({ tenantId: tenant.id, deleted: changes });
    }
  }
  return result;
}

export interface PurgeSchedule {
  stop(): void;
}

/**
 * Purges now, then every `intervalMs` (0: only now). The timer is unref'd: it never keeps the process alive.
 * A failed purge is logged and retried at the next tick; it must not take the server down.
 */
export function schedulePurge(db: Db, intervalMs: number, log: Logger, now: () => number = Date.now): PurgeSchedule {
  const run = (trigger: 'start' | 'schedule') => {
    try {
      const at = now();
      const { deleted, tenants } = purgeExpiredEvents(db, at);
      // Feedback is personal data like events: the same retention period applies.
      const feedbackDeleted = purgeExpiredFeedback(db, at);
      log({ level: 'info', msg: 'retention purge', trigger, deleted, feedbackDeleted, tenants: tenants.length });
    } catch (error) {
      log({ level: 'error', msg: 'retention purge failed', trigger, error: String(error) });
    }
  };
  run('start');
  if (intervalMs <= 0) return { stop: () => {} };
  const timer = setInterval(() => run('schedule'), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
