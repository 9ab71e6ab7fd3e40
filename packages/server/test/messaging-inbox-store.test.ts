import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { channelAdapters } from '../src/messaging/channels/index.ts';
import { appendInboxItem, onInboxItem } from '../src/messaging/inbox-store.ts';
import { createTenant } from '../src/tenants.ts';
import { openTestDb } from './helpers.ts';

describe('inbox store and the in-app channel', () => {
  it('appends items with increasing ids and tells listeners in this process', async () => {
    const db = await openTestDb();
    const tenant = await createTenant(db, { name: 'Inbox', origins: ['https://shop.example'] });
    const heard: Array<[string, string, number]> = [];
    const off = onInboxItem((tenantId, recipient, item) => heard.push([tenantId, recipient, item.id]));
    const base = { tenantId: tenant.id, recipient: 'u:1', topic: 'promotions' as const, body: 'b' };
    const first = await appendInboxItem(db, { ...base, title: 'one', createdAt: '2025-03-01T12:00:00.000Z' });
    off();
    const second = await appendInboxItem(db, { ...base, title: 'two', url: 'https://shop.example/x', createdAt: 'x' });
    assert.ok(second.id > first.id);
    assert.deepEqual(first, {
      id: first.id,
      topic: 'promotions',
      title: 'one',
      body: 'b',
      createdAt: '2025-03-01T12:00:00.000Z',
      readAt: null,
    });
    assert.equal(second.url, 'https://shop.example/x');
    assert.deepEqual(heard, [[tenant.id, 'u:1', first.id]]);
    await db.close();
  });

  it('inside a transaction, tells listeners after COMMIT (a listener that reads finds the row), never after a rollback', async () => {
    const db = await openTestDb();
    const tenant = await createTenant(db, { name: 'Inbox', origins: ['https://shop.example'] });
    // Like the stream: woken by the news, it reads the table (on PostgreSQL through another pooled connection).
    const found: Array<Promise<string | undefined>> = [];
    const off = onInboxItem((_tenantId, _recipient, item) => {
      found.push(
        db.get<{ title: string }>('SELECT title FROM inbox_items WHERE id = ?', [item.id]).then((row) => row?.title),
      );
    });
    const base = { tenantId: tenant.id, recipient: 'u:1', topic: 'promotions' as const, body: 'b', createdAt: 'x' };
    try {
      await db.transaction(async (tx) => {
        await appendInboxItem(tx, { ...base, title: 'committed' });
        // Still inside: the row is not visible to others yet, so nobody may be told.
        assert.equal(found.length, 0);
        await tx.run('UPDATE inbox_items SET body = ? WHERE tenant_id = ?', ['after', tenant.id]);
      });
      assert.deepEqual(await Promise.all(found), ['committed']);

      await assert.rejects(
        db.transaction(async (tx) => {
          await appendInboxItem(tx, { ...base, title: 'rolled back' });
          throw new Error('the delivery failed after the insert');
        }),
        /the delivery failed/,
      );
      assert.equal(found.length, 1, 'a rolled-back item is never announced');
      const titles = await db.all<{ title: string }>('SELECT title FROM inbox_items WHERE tenant_id = ?', [tenant.id]);
      assert.deepEqual(
        titles.map((row) => row.title),
        ['committed'],
      );
    } finally {
      off();
      await db.close();
    }
  });

  it('the in-app adapter is first in the registry and writes the delivery into the inbox', async () => {
    const db = await openTestDb();
    const tenant = await createTenant(db, { name: 'Inbox', origins: ['https://shop.example'] });
    const inApp = channelAdapters[0];
    assert.equal(inApp?.id, 'in_app');
    assert.equal(await inApp.reachable(db, tenant.id, 'a:anon'), true);
    const outcome = await inApp.send(db, {
      tenant,
      recipient: 'a:anon',
      deliveryId: 7,
      campaignId: 'c1',
      topic: 'health_alerts',
      locale: 'de',
      title: 'Umsatz sinkt',
      body: 'Seit 3 Tagen',
      sentAt: '2025-03-01T12:00:00.000Z',
    });
    assert.equal(outcome.ok, true);
    const rows = await db.all<{ delivery_id: number; title: string; created_at: string }>(
      'SELECT delivery_id, title, created_at FROM inbox_items WHERE tenant_id = ? AND recipient = ?',
      [tenant.id, 'a:anon'],
    );
    assert.deepEqual(rows, [{ delivery_id: 7, title: 'Umsatz sinkt', created_at: '2025-03-01T12:00:00.000Z' }]);
    await db.close();
  });
});
