/**
 * The messaging loop of every instance (API or `worker` process): every `intervalMs` it drains the due jobs
 * (dispatcher.ts) and, less often, turns running campaigns' triggers into jobs (campaigns-run.ts). No global lock:
 * each job is claimed by one instance, and a trigger pass run by two instances at once enqueues each message once
 * (idempotency keys). Passes never overlap within an instance.
 */
import { hostname } from 'node:os';
import type { ServerConfig } from '../config.ts';
import type { Db } from '../db.ts';
import type { Logger } from '../log.ts';
import { startPassLoop } from '../pass-loop.ts';
import { randomBase62 } from '../random.ts';
import { runTriggers } from './campaigns-run.ts';
import { closeChannels } from './channels/index.ts';
import { type DispatchCounts, type DispatchOptions, dispatchDue } from './dispatcher.ts';

export interface MessagingWorkerOptions extends Partial<DispatchOptions> {
  /** Pause between drains (`MB_MESSAGING_INTERVAL_MS`, default 1 s). */
  intervalMs: number;
  /** How often the trigger pass runs (default 60 s). */
  triggerIntervalMs?: number;
  log: Logger;
}

export interface MessagingWorker {
  /** One trigger pass and one drain, now (tests). */
  runOnce(): Promise<DispatchCounts>;
  /** Waits for a pass in progress and closes what the channels keep open, so the process can exit. */
  stop(): Promise<void>;
}

const empty = (): DispatchCounts => ({ claimed: 0, sent: 0, deferred: 0, skipped: 0, failed: 0, holdout: 0, lost: 0 });

/**
 * The loop as the configuration asks for it (`serve` and `worker` alike): none when `MB_MESSAGING_INTERVAL_MS`
 * is 0.
 */
export function configuredMessagingWorker(
  db: Db,
  config: Pick<ServerConfig, 'messagingIntervalMs' | 'messagingTriggerIntervalMs'>,
  log: Logger,
  now: () => number = Date.now,
): MessagingWorker | undefined {
  if (config.messagingIntervalMs <= 0) return undefined;
  return startMessagingWorker(db, {
    intervalMs: config.messagingIntervalMs,
    triggerIntervalMs: config.messagingTriggerIntervalMs,
    log,
    now,
  });
}

export function startMessagingWorker(db: Db, options: MessagingWorkerOptions): MessagingWorker {
  const { log, intervalMs } = options;
  const now = options.now ?? Date.now;
  const batch = options.batch ?? 50;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBase62(6)}`;
  const triggerEvery = options.triggerIntervalMs ?? 60_000;
  let lastTriggers = Number.NEGATIVE_INFINITY;

  const drain = async (): Promise<DispatchCounts> => {
    const total = empty();
    // A full batch means more may be due: claim again at once instead of waiting for the next tick.
    for (let round = 0; round < 100 && !loop.stopped; round++) {
      const counts = await dispatchDue(db, { ...options, workerId, now, batch });
      for (const key of Object.keys(total) as (keyof DispatchCounts)[]) total[key] += counts[key];
      if (counts.claimed < batch) break;
    }
    return total;
  };
  const pass = async (): Promise<DispatchCounts> => {
    try {
      if (now() - lastTriggers >= triggerEvery) {
        lastTriggers = now();
        const enqueued = await runTriggers(db, now(), log);
        if (enqueued > 0) log({ level: 'info', msg: 'campaign messages queued', enqueued });
      }
      const counts = await drain();
      if (counts.claimed > 0) log({ level: 'info', msg: 'messages dispatched', ...counts });
      return counts;
    } catch (error) {
      log({ level: 'error', msg: 'messaging pass failed', error: String(error) });
      return empty();
    }
  };
  const loop = startPassLoop(intervalMs, pass);
  return {
    runOnce: async () => {
      await loop.idle();
      lastTriggers = Number.NEGATIVE_INFINITY;
      return pass();
    },
    /** Stops scheduling, waits for a pass in progress, then closes the channels' connections (SMTP pool). */
    stop: async () => {
      await loop.stop();
      await closeChannels(options.adapters);
    },
  };
}
