import { refreshChurn } from './churn/pass.ts';
import { stallAfter } from './config.ts';
import type { Db } from './db.ts';
import { refreshForecasts } from './forecast/pass.ts';
import { refreshKpis } from './kpis/pass.ts';
import { pruneLiveEvents } from './live/recorder.ts';
import type { Logger } from './log.ts';
import { startPassLoop } from './pass-loop.ts';
import { refreshStoredAggregates } from './recommend/aggregate-store.ts';
import { refreshAggregates } from './recommend/aggregates.ts';
import { refitDueTenants } from './recommend/refit.ts';
import { refreshSearchIndexes } from './search/index-cache.ts';
import { recordHeartbeat, type WorkerStatus } from './worker-heartbeat.ts';

export type { WorkerStatus } from './worker-heartbeat.ts';

export interface AggregationWorker extends WorkerStatus {
  /** Runs one pass now (tests, and `worker --once`); false when it failed (and was logged). */
  runOnce(): Promise<boolean>;
  /** Stops scheduling and waits for a pass in progress. */
  stop(): Promise<void>;
}

export interface WorkerOptions {
  intervalMs: number;
  /** Default `stallAfter(intervalMs)` (config.ts). */
  stallAfterMs?: number;
  log: Logger;
  now?: () => number;
  /**
   * A separate `worker` process: every tenant's aggregates are built and written to the database for API instances
   * without a worker of their own, and a heartbeat is recorded. Passes run once across worker processes (a lock).
   */
  store?: boolean;
}

/** One step of a pass, given the pass's time; returns counts for the log line. */
export type PassStep = (db: Db, at: number) => Promise<Record<string, number>>;

/** The steps of a pass, in order: further per-pass work (e.g. a refit) is one more `steps.push` line. */
function passSteps(store: boolean): PassStep[] {
  const steps: PassStep[] = [store ? refreshStoredAggregates : refreshAggregates];
  // Search indexes live in each serving process's memory: this process's, when it serves requests too.
  if (!store) steps.push(refreshSearchIndexes);
  // Last: a heartbeat says the whole pass ran.
  if (store) steps.push(recordHeartbeat);
  return steps;
}

/**
 * Keeps the recommendation aggregates of every tenant caught up with the stored events, off the request path: in
 * memory for this process (a request then finds at most the last second's rows of its own tenant left to read), or
 * with `store` in the database for API instances elsewhere. Passes never overlap (the next is scheduled when one
 * ends), and a failed pass is logged and retried at the next tick.
 */
export function startAggregationWorker(db: Db, options: WorkerOptions): AggregationWorker {
  const { intervalMs, log } = options;
  const now = options.now ?? Date.now;
  const store = options.store ?? false;
  const steps = passSteps(store);
  let lastPass = now();

  const runSteps = async () => {
    const at = now();
    const counts: Record<string, number> = {};
    for (const step of steps) Object.assign(counts, await step(db, at));
    return counts;
  };
  const pass = async () => {
    const started = performance.now();
    try {
      const counts = store ? await db.exclusive('aggregation-worker', runSteps) : await runSteps();
      lastPass = now();
      // Learned weights per tenant, when due (recommend/refit.ts, its own lock and log line). Outside the pass's lock:
      // a refit of a big tenant takes a minute, and holding a second pooled connection inside the first can starve
      // a small pool.
      await refitDueTenants(db, now(), log);
      // The KPI tables (kpis/pass.ts): likewise outside the pass's lock, under their own.
      await refreshKpis(db, now(), { log });
      await pruneLiveEvents(db, now());
      // Demand forecasts (forecast/pass.ts): once a day per restaurant, a bounded slice of work per pass.
      await refreshForecasts(db, now(), { log });
      // Churn scores (churn/pass.ts): once a day per tenant, under their own lock.
      await refreshChurn(db, now(), log);
      if (counts && ((counts.rows ?? 0) > 0 || (counts.rebuilt ?? 0) > 0 || (counts.searchIndexed ?? 0) > 0)) {
        const ms = Math.round(performance.now() - started);
        log({ level: 'info', msg: 'aggregates refreshed', ...counts, ms });
      }
      return true;
    } catch (error) {
      log({ level: 'error', msg: 'aggregation pass failed', error: String(error) });
      return false;
    }
  };
  const loop = startPassLoop(intervalMs, pass);

  return {
    stallAfterMs: options.stallAfterMs ?? stallAfter(intervalMs),
    sinceLastPass: (at) => at - lastPass,
    runOnce: async () => {
      await loop.idle();
      return pass();
    },
    stop: loop.stop,
  };
}
