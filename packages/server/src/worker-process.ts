import { dataLocation, type ServerConfig } from './config.ts';
import { openDb } from './db.ts';
import { createLogger, type Logger } from './log.ts';
import { configuredMessagingWorker } from './messaging/worker-loop.ts';
import { schedulePurge } from './retention.ts';
import { startAggregationWorker } from './worker.ts';

/**
 * `matbakh-server worker`: the aggregation worker and the retention purge alone, for API instances started with
 * `MB_WORKER=off`. It stores every tenant's aggregates and a heartbeat in the database; more than one may run (each
 * pass and each purge runs once, under a database lock), so a standby takes over when the active one stops.
 * `once`: one purge and one pass, then exit (scripts, tests).
 */
export async function runWorker(config: ServerConfig, options: { once?: boolean; log?: Logger } = {}): Promise<void> {
  const log = options.log ?? createLogger(config.log);
  const db = await openDb(dataLocation(config), { max: config.dbPool });
  const worker = startAggregationWorker(db, { intervalMs: config.workerIntervalMs, log, store: true });
  const messaging = configuredMessagingWorker(db, config, log);
  const purge = schedulePurge(db, options.once ? 0 : config.purgeIntervalMs, log, Date.now, config.auditRetentionDays);
  log({ level: 'info', msg: 'worker started', db: db.location, intervalMs: config.workerIntervalMs });
  if (!options.once) await untilSignal(log);
  await purge.first;
  if (options.once && !(await worker.runOnce())) process.exitCode = 1;
  await purge.stop();
  await worker.stop();
  await messaging?.stop();
  await db.close();
  log({ level: 'info', msg: 'worker stopped' });
}

/** Resolves at SIGTERM or SIGINT; keeps the process alive until then (the worker's own timers are unref'd). */
function untilSignal(log: Logger): Promise<void> {
  const alive = setInterval(() => {}, 2 ** 30);
  return new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      log({ level: 'info', msg: 'shutdown requested', signal });
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      clearInterval(alive);
      resolve();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
