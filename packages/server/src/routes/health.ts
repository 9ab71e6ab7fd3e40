import type { Db } from '../db.ts';
import type { Ctx, RouteModule } from '../route-kit.ts';
import type { WorkerStatus } from '../worker.ts';

/**
 * `/health/live` (process up: answers without touching the database, so a busy database never makes an instance
 * look dead) and `/health/ready` (alias `/health`): the database takes a write (a full disk or a read-only file
 * fails here), the schema is the one this server knows, and the aggregation worker has not stalled.
 */
export function healthRoutes(worker: WorkerStatus | undefined): RouteModule {
  return (app, { db, now }) => {
    app.get('/health/live', (c) => c.json({ status: 'ok' }));
    const ready = async (c: Ctx) => {
      c.header('Cache-Control', 'no-store');
      const checks = await databaseChecks(db, now());
      let healthy = checks.db === 'ok' && checks.migrations === 'ok';
      if (worker) {
        checks.worker = await workerCheck(worker, now());
        if (checks.worker !== 'ok') healthy = false;
      }
      return c.json({ status: healthy ? 'ok' : 'error', ...checks }, healthy ? 200 : 503);
    };
    app.get('/health/ready', ready);
    app.get('/health', ready);
  };
}

async function databaseChecks(db: Db, at: number): Promise<Record<string, string>> {
  try {
    await db.run(
      `INSERT INTO health_probe (id, checked_at) VALUES (1, ?)
       ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at`,
      [new Date(at).toISOString()],
    );
    const schema = await db.schema();
    const migrations = schema.applied === schema.known ? 'ok' : `applied ${schema.applied} of ${schema.known}`;
    return { db: 'ok', migrations };
  } catch (error) {
    return { db: `not writable: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function workerCheck(worker: WorkerStatus, at: number): Promise<string> {
  // A separate worker's heartbeat is a database read: an unreadable one counts as stalled, not as a 500.
  const since = await Promise.resolve(worker.sinceLastPass(at)).catch(() => Number.POSITIVE_INFINITY);
  if (since <= worker.stallAfterMs) return 'ok';
  return Number.isFinite(since)
    ? `no aggregation pass for ${Math.round(since / 1000)} s`
    : 'worker heartbeat unreadable';
}
