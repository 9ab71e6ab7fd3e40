// PostgreSQL at scale (issue 13): events partitioned by month, retention drops whole months, the dedup key beside
// them. PostgreSQL only (`npm run test:server:pg`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateBatch } from '@matbakh/contract';
import pg from 'pg';
import { openDb, PG_MIGRATIONS } from '../src/db.ts';
import { storeMessages } from '../src/events.ts';
import { purgeExpiredEvents } from '../src/retention.ts';
import { createTenant } from '../src/tenants.ts';
import { ENGINE, openTestDb, track } from './helpers.ts';

const skip = ENGINE !== 'postgres' && 'needs PostgreSQL (npm run test:server:pg)';
const DAY = 86_400_000;
const valid = (messages: unknown[]) => validateBatch(messages).valid;

describe('events partitioned by month', { skip }, () => {
  it('stores each month in its partition and drops whole months past every retention', async () => {
    const db = await openTestDb();
    const tenant = await createTenant(db, { name: 'A', origins: ['*'], retentionDays: 30 });
    const old = track();
    await storeMessages(db, tenant.id, valid([old, track()]), Date.parse('2025-01-10T12:00:00Z'));
    await storeMessages(db, tenant.id, valid([track()]), Date.parse('2025-02-20T12:00:00Z'));
    await storeMessages(db, tenant.id, valid([track(), track()]), Date.parse('2025-03-05T12:00:00Z'));
    const partitions = async () =>
      (
        await db.all<{ name: string; n: number }>(
          `SELECT tableoid::regclass::text AS name, count(*) AS n FROM events GROUP BY 1 ORDER BY 1`,
        )
      ).map((r) => `${r.name}:${r.n}`);
    assert.deepEqual(await partitions(), ['events_2025_01:2', 'events_2025_02:1', 'events_2025_03:2']);

    // Default retention (396 days) is the longest any tenant has: nothing is old enough to drop as a whole month,
    // so this tenant's 30 days go row by row; a year later whole months go.
    const march10 = Date.parse('2025-03-10T00:00:00Z');
    assert.equal((await purgeExpiredEvents(db, march10)).deleted, 2, 'January, by rows');
    assert.deepEqual(await partitions(), ['events_2025_02:1', 'events_2025_03:2']);
    const yearLater = march10 + 420 * DAY;
    const purge = await purgeExpiredEvents(db, yearLater);
    assert.equal(purge.deleted, 3);
    const left = await db.all<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace n ON n.oid = p.relnamespace
       WHERE p.relname = 'events' AND n.nspname = current_schema() ORDER BY 1`,
    );
    assert.deepEqual(
      left.map((r) => r.name),
      [],
      'every month past the longest retention dropped as a partition',
    );
    // The dedup ids went with them: the same message sent again is new.
    assert.equal((await db.get<{ n: number }>('SELECT count(*) AS n FROM event_ids'))!.n, 0);
    const again = await storeMessages(db, tenant.id, valid([old]), yearLater);
    assert.deepEqual(again, { accepted: 1, duplicate: 0 });
    await db.close();
  });

  it('migration 2 moves existing events into monthly partitions, keeping order and dedup', async () => {
    const url = process.env.MB_TEST_DATABASE_URL!;
    const schema = `mig${process.pid}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA ${schema}`);
      await client.query(`SET search_path = ${schema}`);
      await client.query(PG_MIGRATIONS[0]!);
      await client.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ)');
      await client.query('INSERT INTO schema_migrations (version) VALUES (1)');
      await client.query(
        `INSERT INTO tenants (id, name, write_key, secret, created_at) VALUES ('t', 'T', 'pk_t', 's', 'x')`,
      );
      for (const [id, received] of [
        ['b', '2025-05-02T00:00:00.000Z'],
        ['a', '2025-04-30T23:59:59.000Z'],
      ]) {
        await client.query(
          `INSERT INTO events (tenant_id, message_id, type, timestamp, original_timestamp, received_at)
           VALUES ('t', $1, 'track', $2, $2, $2)`,
          [id, received],
        );
      }
    } finally {
      await client.end();
    }
    const db = await openDb(url, { schema });
    assert.deepEqual(await db.schema(), { applied: PG_MIGRATIONS.length, known: PG_MIGRATIONS.length });
    const rows = await db.all<{ message_id: string; part: string }>(
      'SELECT message_id, tableoid::regclass::text AS part FROM events ORDER BY seq',
    );
    assert.deepEqual(rows, [
      { message_id: 'b', part: 'events_2025_05' },
      { message_id: 'a', part: 'events_2025_04' },
    ]);
    const dup = await storeMessages(db, 't', valid([track({ messageId: 'a' }), track({ messageId: 'c' })]), Date.now());
    assert.deepEqual(dup, { accepted: 1, duplicate: 1 });
    const last = await db.get<{ message_id: string }>('SELECT message_id FROM events ORDER BY seq DESC LIMIT 1');
    assert.equal(last?.message_id, 'c', 'new rows continue the sequence');
    await db.close();
  });
});
