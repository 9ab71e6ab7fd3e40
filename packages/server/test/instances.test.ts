// Many stateless instances on one PostgreSQL behave as one service: dedup, migrations and scheduled work hold
// across them. PostgreSQL only (`npm run test:server:pg`); SQLite is one process's embedded file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BatchResponse } from '@matbakh/contract';
import { loadConfig } from '../src/config.ts';
import { type Db, openDb } from '../src/db.ts';
import { type RunningServer, startServer } from '../src/server.ts';
import { createTenant } from '../src/tenants.ts';
import { basic, ENGINE, grantConsent, track } from './helpers.ts';

const URL_ = process.env.MB_TEST_DATABASE_URL ?? '';
const skip = ENGINE !== 'postgres' && 'needs PostgreSQL (npm run test:server:pg)';
let schemas = 0;
const freshSchema = () => `inst${process.pid}_${++schemas}`;

async function twoInstances(schema: string): Promise<{ a: RunningServer; b: RunningServer; dbs: Db[] }> {
  // Two pools on one schema, started together: both migrate under the advisory lock, once.
  const dbs = await Promise.all([openDb(URL_, { schema, max: 4 }), openDb(URL_, { schema, max: 4 })]);
  const config = { ...loadConfig({ PORT: '0' }), log: 'off' as const, rateLimit: 0 };
  const [a, b] = await Promise.all(dbs.map((db) => startServer(config, { db, handleSignals: false, log: () => {} })));
  return { a: a!, b: b!, dbs };
}

async function post(url: string, writeKey: string, batch: unknown[]): Promise<BatchResponse> {
  const res = await fetch(`${url}/v1/batch`, {
    method: 'POST',
    headers: { authorization: basic(writeKey), 'content-type': 'application/json' },
    body: JSON.stringify({ batch }),
  });
  assert.equal(res.status, 200);
  return (await res.json()) as BatchResponse;
}

describe('two instances on one PostgreSQL', { skip }, () => {
  it('migrate once when they start together', async () => {
    const schema = freshSchema();
    const { a, b, dbs } = await twoInstances(schema);
    try {
      const versions = await dbs[0]!.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      const { known } = await dbs[0]!.schema();
      assert.deepEqual(
        versions.map((v) => v.version),
        Array.from({ length: known }, (_, i) => i + 1),
      );
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('store each message once under concurrent duplicate sends to both', { timeout: 60_000 }, async () => {
    const { a, b, dbs } = await twoInstances(freshSchema());
    try {
      const tenant = await createTenant(dbs[0]!, { name: 'Two', origins: ['*'] });
      // The visitor's recorded grant: the server stores no event without one.
      await grantConsent(dbs[0]!, tenant.id, { anonymousId: 'anon-1' });
      const batches = Array.from({ length: 10 }, () => Array.from({ length: 20 }, () => track()));
      // Every batch goes to both instances three times each, all at once.
      const answers = await Promise.all(
        batches.flatMap((batch) => [a, b, a, b, a, b].map((server) => post(server.url, tenant.writeKey, batch))),
      );
      const unique = batches.length * 20;
      const accepted = answers.reduce((n, r) => n + r.accepted, 0);
      const duplicate = answers.reduce((n, r) => n + r.duplicate, 0);
      assert.equal(accepted, unique, 'each message accepted by exactly one answer');
      assert.equal(duplicate, unique * 5, 'every other answer counts it as a duplicate');
      const rows = await dbs[1]!.get<{ n: number; distinct_ids: number }>(
        'SELECT count(*) AS n, count(DISTINCT message_id) AS distinct_ids FROM events WHERE tenant_id = ?',
        [tenant.id],
      );
      assert.deepEqual(rows, { n: unique, distinct_ids: unique });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('run scheduled work once: the second instance skips while the first holds the lock', async () => {
    const schema = freshSchema();
    const [one, two] = await Promise.all([openDb(URL_, { schema }), openDb(URL_, { schema })]);
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => {
        entered = resolve;
      });
      const first = one!.exclusive('retention-purge', async () => {
        entered();
        await held;
        return 'first';
      });
      await inside;
      assert.equal(await two!.exclusive('retention-purge', async () => 'second'), undefined);
      release();
      assert.equal(await first, 'first');
      // Released: the next turn may be anyone's.
      assert.equal(await two!.exclusive('retention-purge', async () => 'second'), 'second');
    } finally {
      await Promise.all([one!.close(), two!.close()]);
    }
  });
});
