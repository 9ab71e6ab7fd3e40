// The aggregation worker and tenant isolation (issue 13): one tenant's volume never costs another tenant's
// requests, and the worker keeps the aggregates current off the request path.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateBatch } from '@matbakh/contract';
import { storeMessages } from '../src/events.ts';
import { aggregatesFor, catchUp, catchUpSql, refreshAggregates } from '../src/recommend/aggregates.ts';
import { purgeExpiredEvents } from '../src/retention.ts';
import { openSqlite } from '../src/storage/sqlite.ts';
import { createTenant } from '../src/tenants.ts';
import { openTestDb, T0, track } from './helpers.ts';

const order = (anonymousId: string, items: string[]) =>
  track({
    event: 'Order Completed',
    anonymousId,
    properties: { products: items.map((product_id) => ({ product_id })) },
  });

const valid = (messages: unknown[]) => validateBatch(messages).valid;

describe('aggregation', () => {
  it("reads only the tenant's own new rows: another tenant's later rows are never read", async () => {
    const db = await openTestDb();
    const a = await createTenant(db, { name: 'A', origins: ['*'] });
    const b = await createTenant(db, { name: 'B', origins: ['*'] });
    await storeMessages(db, a.id, valid([order('a-1', ['x', 'y'])]), T0);
    const aggA = await aggregatesFor(db, a.id, T0);
    assert.equal(aggA.itemTotal.get('x'), 1);
    // B writes a lot after A's watermark, including row types the aggregates ignore.
    const bRows = Array.from({ length: 300 }, (_, i) => (i % 2 ? order(`b-${i}`, ['z']) : track()));
    await storeMessages(db, b.id, valid(bRows), T0);
    assert.equal(await catchUp(db, aggA), 0, "A's catch-up finds nothing new");
    // B's own catch-up reads its orders once; afterwards its watermark sits past the ignored rows too.
    const aggB = await aggregatesFor(db, b.id, T0);
    assert.equal(aggB.itemTotal.get('z'), 150);
    assert.equal(await catchUp(db, aggB), 0);
    await db.close();
  });

  it('uses the (tenant, sequence) index range on SQLite, never a scan of other tenants', async () => {
    const db = openSqlite(':memory:');
    const plan = db.raw.prepare(`EXPLAIN QUERY PLAN ${catchUpSql(db)}`).all('t', 0, 10, 5) as Array<{ detail: string }>;
    assert.equal(plan.length, 1);
    assert.match(
      plan[0]!.detail,
      /SEARCH events USING INDEX events_tenant_seq \(tenant_id=\? AND rowid>\? AND rowid<\?\)/,
    );
    await db.close();
  });

  it('the worker pass catches every loaded tenant up, so a request finds nothing left to read', async () => {
    const db = await openTestDb();
    const a = await createTenant(db, { name: 'A', origins: ['*'] });
    const agg = await aggregatesFor(db, a.id, T0);
    await storeMessages(db, a.id, valid([order('a-1', ['x']), order('a-2', ['x', 'w'])]), T0);
    const pass = await refreshAggregates(db, T0);
    assert.deepEqual(pass, { tenants: 1, rows: 2 });
    assert.equal(agg.itemTotal.get('x'), 2);
    assert.equal(await catchUp(db, agg), 0);
    await db.close();
  });

  it('concurrent catch-ups of one tenant apply each row once', async () => {
    const db = await openTestDb();
    const a = await createTenant(db, { name: 'A', origins: ['*'] });
    await storeMessages(db, a.id, valid(Array.from({ length: 50 }, (_, i) => order(`g-${i}`, ['x']))), T0);
    const fresh = await aggregatesFor(db, a.id, T0);
    await storeMessages(db, a.id, valid(Array.from({ length: 50 }, (_, i) => order(`h-${i}`, ['x']))), T0);
    await Promise.all([catchUp(db, fresh), catchUp(db, fresh), refreshAggregates(db, T0)]);
    assert.equal(fresh.itemTotal.get('x'), 100);
    await db.close();
  });

  it('a retention purge has the next worker pass rebuild, so purged orders stop counting', async () => {
    const db = await openTestDb();
    const a = await createTenant(db, { name: 'A', origins: ['*'], retentionDays: 30 });
    const DAY = 86_400_000;
    await storeMessages(db, a.id, valid([order('old', ['x'])]), T0 - 40 * DAY);
    await storeMessages(db, a.id, valid([order('new', ['x', 'y'])]), T0);
    const agg = await aggregatesFor(db, a.id, T0);
    assert.equal(agg.itemTotal.get('x'), 2);
    assert.equal((await purgeExpiredEvents(db, T0)).deleted, 1);
    await refreshAggregates(db, T0);
    const rebuilt = await aggregatesFor(db, a.id, T0);
    assert.notEqual(rebuilt, agg, 'rebuilt beside the live copy and swapped in');
    assert.equal(rebuilt.itemTotal.get('x'), 1);
    await db.close();
  });
});
