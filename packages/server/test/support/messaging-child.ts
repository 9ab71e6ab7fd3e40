// A dispatcher in a process of its own, on the database its environment names (DATABASE_URL or MB_DB_PATH), for
// the exactly-once tests of messaging-instances.test.ts. MB_CHILD_MODE:
// - `run`: the instance's messaging loop (worker-loop.ts) until no job is left, then prints its counts and exits;
// - `hang`: claims a batch, delivers the first message for real and then hangs in every send, printing `hung` —
//   the parent kills it with SIGKILL while it holds the leases, one send done but not recorded.
import { loadConfig } from '../../src/config.ts';
import { openDb } from '../../src/db.ts';
import type { ChannelAdapter } from '../../src/messaging/channel.ts';
import { inAppChannel } from '../../src/messaging/channels/in-app.ts';
import { dispatchDue } from '../../src/messaging/dispatcher.ts';
import { startMessagingWorker } from '../../src/messaging/worker-loop.ts';

const config = loadConfig();
const db = await openDb(config.databaseUrl ?? config.dbPath, { max: 4 });
const workerId = process.env.MB_CHILD_ID ?? `child-${process.pid}`;
const leaseMs = Number(process.env.MB_LEASE_MS ?? 30_000);

if (process.env.MB_CHILD_MODE === 'hang') {
  let sends = 0;
  const hanging: ChannelAdapter = {
    id: 'in_app',
    reachable: async () => true,
    send: async (tx, message) => {
      if (sends++ === 0) {
        await inAppChannel.send(tx, message);
        process.stdout.write('hung\n');
      }
      return new Promise(() => {});
    },
  };
  setInterval(() => {}, 1 << 30);
  await dispatchDue(db, { workerId, leaseMs, batch: 5, adapters: [hanging] });
} else {
  const worker = startMessagingWorker(db, { intervalMs: 5, batch: 5, leaseMs, workerId, log: () => {} });
  const open = async () =>
    (await db.get<{ n: number }>("SELECT count(*) AS n FROM message_jobs WHERE status IN ('queued', 'running')"))?.n ??
    0;
  const deadline = Date.now() + 60_000;
  while ((await open()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  await worker.stop();
  await db.close();
  process.stdout.write('done\n');
}
