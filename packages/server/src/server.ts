import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { dataLocation, type ServerConfig } from './config.ts';
import { setupMasterKey } from './crypto/startup.ts';
import { type Db, openDb } from './db.ts';
import { prepareDemo } from './demo/start.ts';
import { createLogger, type Logger } from './log.ts';
import { configuredMessagingWorker } from './messaging/worker-loop.ts';
import { SharedRateLimiter } from './rate-limit-shared.ts';
import { StoredAggregates } from './recommend/aggregate-store.ts';
import { useAggregateSource } from './recommend/aggregates.ts';
import { type PurgeSchedule, schedulePurge } from './retention.ts';
import { type AggregationWorker, startAggregationWorker, type WorkerStatus } from './worker.ts';
import { storedWorkerStatus } from './worker-heartbeat.ts';

export interface StartOptions {
  /** Defaults to a JSON logger on stdout, or none when `config.log` is `off`. */
  log?: Logger;
  /** Use this database instead of opening the configured one; it is still closed on shutdown. */
  db?: Db;
  /** Close on SIGTERM/SIGINT (default true). The listeners are removed again on close. */
  handleSignals?: boolean;
  /** How long close() waits for in-flight requests before cutting connections (default 10 s). */
  shutdownTimeoutMs?: number;
  /** Clock for the app and the retention purge (default Date.now); tests pin it. */
  now?: () => number;
}

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  db: Db;
  /** Stops accepting, lets in-flight requests finish (their batches are committed), then closes the DB. */
  close(): Promise<void>;
}

const NO_PURGE: PurgeSchedule = { first: Promise.resolve(), stop: async () => {} };

/**
 * What differs between an instance with its own worker (the default, `npm start`) and one of many behind a separate
 * `worker` process (`MB_WORKER=off`): where aggregates come from, what `/health/ready` knows of the worker, and
 * whether rate limits are counted in this process or shared through the database.
 */
function instanceParts(db: Db, config: ServerConfig, log: Logger, now: () => number) {
  let worker: AggregationWorker | undefined;
  let status: WorkerStatus;
  if (config.worker) {
    const { workerIntervalMs: intervalMs, workerStallMs: stallAfterMs } = config;
    worker = startAggregationWorker(db, { intervalMs, stallAfterMs, log, now });
    status = worker;
  } else {
    useAggregateSource(db, new StoredAggregates(db, { ttlMs: config.aggregatesTtlMs }));
    status = storedWorkerStatus(db, { stallAfterMs: config.workerStallMs, startedAt: now() });
  }
  const limiter =
    config.rateLimitScope === 'shared' && config.rateLimit > 0
      ? new SharedRateLimiter(db, {
          rate: config.rateLimit,
          now,
          onError: (error) => log({ level: 'warn', msg: 'shared rate limit not synced', error: String(error) }),
        })
      : undefined;
  return { worker, status, limiter };
}

// Long because: start-up in order (config, storage, migrations, worker, HTTP, signals) and the matching shutdown; the
// order is what matters and it reads top to bottom.
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(config.log);
  const db = options.db ?? (await openDb(dataLocation(config), { max: config.dbPool }));
  const now = options.now ?? Date.now;
  try {
    await setupMasterKey(config, db, log);
  } catch (error) {
    await db.close();
    throw error;
  }
  if (config.demo) await prepareDemo(db, log, now);
  const { worker, status, limiter } = instanceParts(db, config, log, now);
  const app = createApp({ db, config, log, now, worker: status, ...(limiter && { limiter }) });

  // Two measures, because each covers a gap of the other: `handling` ends when the app's work (the DB commit) is
  // done, an entry of `responses` ends when the response has been written or the client went away.
  let handling = 0;
  const responses = new Set<ServerResponse>();
  let closing = false;
  let closed: Promise<void> | undefined;
  let drained: (() => void) | undefined;
  const checkDrained = () => {
    if (closing && handling === 0 && responses.size === 0) drained?.();
  };

  const listening = new Promise<Server>((resolve, reject) => {
    const s = serve(
      {
        fetch: async (request, env) => {
          handling++;
          try {
            return await app.fetch(request, env);
          } finally {
            handling--;
            checkDrained();
          }
        },
        port: config.port,
        hostname: config.host,
      },
      () => resolve(s as Server),
    ) as Server;
    s.once('error', reject);
  });
  let server: Server;
  try {
    server = await listening;
  } catch (error) {
    // E.g. the port is taken: don't leave the database open behind a failed start.
    await worker?.stop();
    await limiter?.stop();
    await db.close();
    throw error;
  }
  server.on('request', (_req, res: ServerResponse) => {
    responses.add(res);
    // A keep-alive client may still send on an open socket after close() began; that socket must not stay open.
    if (closing) res.setHeader('Connection', 'close');
    res.once('close', () => {
      responses.delete(res);
      checkDrained();
    });
  });

  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  log({ level: 'info', msg: 'listening', url, db: db.location, demo: config.demo });
  // Retention is a promise to the visitors: expired events go at every start, then on the schedule (in the separate
  // worker process when this instance runs none).
  const purge = config.worker
    ? schedulePurge(db, config.purgeIntervalMs, log, now, config.auditRetentionDays)
    : NO_PURGE;
  // Every instance sends: the queue's claims, not a lock, make each message go out once.
  const messaging = configuredMessagingWorker(db, config, log, now);

  const timeoutMs = options.shutdownTimeoutMs ?? 10_000;
  const onSignal = (signal: NodeJS.Signals) => {
    log({ level: 'info', msg: 'shutdown requested', signal });
    close().catch((error: unknown) => {
      log({ level: 'error', msg: 'shutdown failed', error: String(error) });
      process.exitCode = 1;
    });
  };
  const handleSignals = options.handleSignals ?? true;
  if (handleSignals) {
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }

  function close(): Promise<void> {
    closing = true;
    closed ??= (async () => {
      const started = Date.now();
      // Stop accepting first, before waiting for the worker or the purge (a pass can take seconds): accepted
      // requests keep being served and their sockets close once answered; idle keep-alive sockets close now.
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const res of responses) if (!res.headersSent) res.setHeader('Connection', 'close');
      log({ level: 'info', msg: 'closing', inFlight: Math.max(handling, responses.size) });
      await purge.stop();
      await worker?.stop();
      await messaging?.stop();
      if (handleSignals) {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
      }
      const allDone = new Promise<void>((resolve) => {
        drained = resolve;
      });
      checkDrained();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        allDone.then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        log({ level: 'warn', msg: 'shutdown timeout, cutting connections', handling, open: responses.size });
        server.closeAllConnections();
      } else {
        // Sockets that went idle after their last response would otherwise hold server.close() until keep-alive ends.
        server.closeIdleConnections();
      }
      await serverClosed;
      // Only now: a handler still running would otherwise hit a closed database and lose its batch.
      await limiter?.stop();
      await db.close();
      log({ level: 'info', msg: 'closed', ms: Date.now() - started });
    })();
    return closed;
  }

  // Signals are handled already: a SIGTERM during a long first purge still shuts down gracefully.
  await purge.first;
  return { url, port, server, db, close };
}
