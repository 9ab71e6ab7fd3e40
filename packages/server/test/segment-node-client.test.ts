// The real @segment/analytics-node (what a partner's backend runs) against the real server over a socket.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Analytics } from '@segment/analytics-node';
import { loadConfig } from '../src/config.ts';
import type { LogRecord } from '../src/log.ts';
import { type RunningServer, startServer } from '../src/server.ts';
import { createTenant } from '../src/tenants.ts';
import { serverStore, tempDir } from './helpers.ts';

interface Stored {
  message_id: string;
  type: string;
  event: string | null;
  user_id: string | null;
}

async function withServer(
  overrides: { rateLimit?: number },
  run: (server: RunningServer, writeKey: string, records: LogRecord[]) => Promise<void>,
) {
  const tmp = tempDir();
  const records: LogRecord[] = [];
  const store = await serverStore(tmp.dir, 'node_client');
  const config = { ...loadConfig({ ...store.env, PORT: '0' }), ...overrides };
  const server = await startServer(config, { log: (r) => records.push(r), handleSignals: false });
  try {
    const tenant = await createTenant(server.db, { name: 'Backend', origins: ['https://shop.example'] });
    // A backend library is configured with the secret key: the partner's server vouches for its userIds (issue 14).
    await run(server, tenant.secret, records);
  } finally {
    await server.close();
    tmp.cleanup();
  }
}

/** Resolves with the messageId once the client reports the message delivered (or fails on a delivery error). */
const delivered = (send: (callback: (error: unknown, ctx?: { event: { messageId?: string } }) => void) => void) =>
  new Promise<string>((resolve, reject) =>
    send((error, ctx) => (error ? reject(error) : resolve(ctx?.event.messageId ?? ''))),
  );

const stored = (server: RunningServer) =>
  server.db.all<Stored>(`SELECT message_id, type, event, user_id FROM events ORDER BY ${server.db.sql.eventSeq}`);

describe('@segment/analytics-node against the server', () => {
  it('delivers track, page, identify, group and alias in one /v1/batch; each stored once', async () => {
    await withServer({}, async (server, writeKey, records) => {
      const analytics = new Analytics({ writeKey, host: server.url, flushAt: 5, maxRetries: 0 });
      const ids = await Promise.all([
        delivered((cb) => analytics.track({ anonymousId: 'anon-1', event: 'Order Completed', properties: {} }, cb)),
        delivered((cb) => analytics.page({ anonymousId: 'anon-1', name: 'Menu' }, cb)),
        delivered((cb) => analytics.identify({ userId: 'user-7', traits: { plan: 'gold' } }, cb)),
        delivered((cb) => analytics.group({ userId: 'user-7', groupId: 'rest-1', traits: {} }, cb)),
        delivered((cb) => analytics.alias({ userId: 'user-7', previousId: 'anon-1' }, cb)),
      ]);
      await analytics.closeAndFlush();
      assert.deepEqual(
        (await stored(server)).map((row) => [row.message_id, row.type]),
        ids.map((id, i) => [id, ['track', 'page', 'identify', 'group', 'alias'][i]]),
      );
      const posts = records.filter((r) => r.msg === 'request' && r.method === 'POST');
      assert.deepEqual(
        posts.map((r) => [r.path, r.status, r.accepted, r.rejected]),
        [['/v1/batch', 200, 5, 0]],
      );
    });
  });

  it('honours a 429 with Retry-After; its retry (X-Retry-Count) is stored once', { timeout: 30_000 }, async () => {
    // Bucket of 2: the third request of the burst is refused and retried after Retry-After (1 s).
    await withServer({ rateLimit: 1 }, async (server, writeKey, records) => {
      const analytics = new Analytics({ writeKey, host: server.url, flushAt: 1, maxRetries: 3 });
      const ids = await Promise.all(
        ['A', 'B', 'C'].map((event) =>
          delivered((cb) => analytics.track({ anonymousId: 'anon-1', event, properties: {} }, cb)),
        ),
      );
      await analytics.closeAndFlush();
      assert.deepEqual((await stored(server)).map((row) => row.message_id).sort(), [...ids].sort());
      const posts = records.filter((r) => r.msg === 'request' && r.method === 'POST');
      // Log lines come in the order responses finish: compare as sets.
      assert.deepEqual(posts.map((r) => r.status).sort(), [200, 200, 200, 429]);
      assert.deepEqual(
        posts.filter((r) => r.retry !== undefined).map((r) => [r.status, r.retry, r.accepted]),
        [[200, 1, 1]],
        'the retry says so in X-Retry-Count',
      );
    });
  });
});
