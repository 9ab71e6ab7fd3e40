import type { Db } from './db.ts';

/** What `/health/ready` asks of the worker. */
export interface WorkerStatus {
  /** Milliseconds since the worker last finished a pass (or since it started, before its first). */
  sinceLastPass(now: number): number | Promise<number>;
  /** How long without a pass counts as stalled. */
  readonly stallAfterMs: number;
}

/**
 * A separate worker's proof of life, in the database: it records the end of every pass, and an API instance without
 * a worker of its own reads it for `/health/ready` (a stalled or stopped worker makes every instance unready).
 */
const NAME = 'aggregation';

export async function recordHeartbeat(db: Db, now: number): Promise<Record<string, number>> {
  await db.run(
    `INSERT INTO worker_heartbeats (name, beat_at) VALUES (?, ?)
     ON CONFLICT (name) DO UPDATE SET beat_at = excluded.beat_at`,
    [NAME, new Date(now).toISOString()],
  );
  return {};
}

/**
 * The worker status an API instance reports when the worker runs elsewhere. Before any heartbeat is stored, the
 * time since this instance started counts: a worker that never comes up is reported once the threshold passes.
 */
export function storedWorkerStatus(db: Db, options: { stallAfterMs: number; startedAt: number }): WorkerStatus {
  return {
    stallAfterMs: options.stallAfterMs,
    sinceLastPass: async (now) => {
      const row = await db.get<{ beat_at: string }>('SELECT beat_at FROM worker_heartbeats WHERE name = ?', [NAME]);
      return now - (row ? Date.parse(row.beat_at) : options.startedAt);
    },
  };
}
