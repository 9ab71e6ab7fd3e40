import type { Db } from './db.ts';
import type { Logger } from './log.ts';
import { refreshAggregates } from './recommend/aggregates.ts';
import { refitDueTenants } from './recommend/refit.ts';

/** What `/health/ready` asks of the worker. */
export interface WorkerStatus {
  /** Milliseconds since the worker last finished a pass (or since it started, before its first). */
  sinceLastPass(now: number): number;
  /** How long without a pass counts as stalled. */
  readonly stallAfterMs: number;
}

export interface AggregationWorker extends WorkerStatus {
  /** Runs one pass now (tests, and `worker --once`). */
  runOnce(): Promise<void>;
  /** Stops scheduling and waits for a pass in progress. */
  stop(): Promise<void>;
}

/**
 * Keeps the recommendation aggregates of every tenant in memory caught up with the stored events, off the request
 * path: a request then finds at most the last second's rows of its own tenant left to read. Passes never overlap
 * (the next is scheduled when one ends), and a failed pass is logged and retried at the next tick.
 */
export function startAggregationWorker(
  db: Db,
  options: { intervalMs: number; log: Logger; now?: () => number },
): AggregationWorker {
  const { intervalMs, log } = options;
  const now = options.now ?? Date.now;
  let lastPass = now();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const pass = async () => {
    const started = performance.now();
    try {
      const { tenants, rows } = await refreshAggregates(db, now());
      lastPass = now();
      await refitDueTenants(db, now(), log); // learned weights per tenant, when due (recommend/refit.ts)
      if (rows > 0) {
        const ms = Math.round(performance.now() - started);
        log({ level: 'info', msg: 'aggregates refreshed', tenants, rows, ms });
      }
    } catch (error) {
      log({ level: 'error', msg: 'aggregation pass failed', error: String(error) });
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().finally(() => {
        running = undefined;
        schedule();
      });
    }, intervalMs);
    timer.unref();
  };
  schedule();

  return {
    stallAfterMs: Math.max(30_000, intervalMs * 10),
    sinceLastPass: (at) => at - lastPass,
    runOnce: async () => {
      await running;
      await pass();
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
