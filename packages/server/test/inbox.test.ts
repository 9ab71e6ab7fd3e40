import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ErrorBody, InboxReadResponse, InboxResponse } from '@matbakh/contract';
import { userHashFor } from '../src/subject.ts';
import { basic, SHOP_ORIGIN, setup } from './helpers.ts';
import { insertItem } from './inbox-support.ts';

const OWNER = 'owner-7';

async function world() {
  const s = await setup();
  const ownerHash = userHashFor(s.tenant.secret, OWNER);
  const ownerQuery = `anonymousId=anon-o&userId=${OWNER}&userHash=${ownerHash}`;
  const get = (query: string, headers: Record<string, string> = {}) =>
    s.app.request(`/v1/inbox?writeKey=${s.tenant.writeKey}&${query}`, { headers: { origin: SHOP_ORIGIN, ...headers } });
  const read = (body: Record<string, unknown>) =>
    s.app.request('/v1/inbox/read', {
      method: 'POST',
      headers: { authorization: basic(s.tenant.writeKey), 'content-type': 'text/plain', origin: SHOP_ORIGIN },
      body: JSON.stringify(body),
    });
  const owner = { anonymousId: 'anon-o', userId: OWNER, userHash: ownerHash };
  return { ...s, ownerQuery, get, read, owner };
}

describe('GET /v1/inbox', () => {
  it("lists the verified owner's items newest first with the unread count; pages with before", async () => {
    const { db, tenant, get, ownerQuery } = await world();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await insertItem(db, tenant.id, `u:${OWNER}`, { title: `Alert ${i}` }));
    await insertItem(db, tenant.id, `u:${OWNER}`, { title: 'Seen', readAt: '2025-03-01T12:00:00.000Z' });
    await insertItem(db, tenant.id, 'u:someone-else', { title: 'Not yours' });
    await insertItem(db, tenant.id, 'a:anon-o', { title: 'Anonymous device item' });

    const res = await get(`${ownerQuery}&limit=3`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const first = (await res.json()) as InboxResponse;
    assert.deepEqual(
      first.items.map((i) => i.title),
      ['Seen', 'Alert 4', 'Alert 3'],
    );
    assert.equal(first.unread, 5);
    assert.equal(first.items[0]!.readAt, '2025-03-01T12:00:00.000Z');
    assert.equal(first.items[1]!.readAt, null);

    const older = (await (await get(`${ownerQuery}&limit=3&before=${first.items.at(-1)!.id}`)).json()) as InboxResponse;
    assert.deepEqual(
      older.items.map((i) => i.title),
      ['Alert 2', 'Alert 1', 'Alert 0'],
    );
  });

  it('polling fallback: after=<id> gives the items since, oldest first', async () => {
    const { db, tenant, get, ownerQuery } = await world();
    const a = await insertItem(db, tenant.id, `u:${OWNER}`, { title: 'A' });
    await insertItem(db, tenant.id, `u:${OWNER}`, { title: 'B' });
    await insertItem(db, tenant.id, `u:${OWNER}`, { title: 'C' });
    const page = (await (await get(`${ownerQuery}&after=${a}`)).json()) as InboxResponse;
    assert.deepEqual(
      page.items.map((i) => i.title),
      ['B', 'C'],
    );
    assert.equal(page.unread, 3);
  });

  it('an anonymous visitor reads the anonymous inbox of that id only', async () => {
    const { db, tenant, get } = await world();
    await insertItem(db, tenant.id, 'a:anon-1', { title: 'Your order is on its way' });
    await insertItem(db, tenant.id, 'a:anon-2', { title: 'Not yours' });
    const page = (await (await get('anonymousId=anon-1')).json()) as InboxResponse;
    assert.deepEqual(
      page.items.map((i) => i.title),
      ['Your order is on its way'],
    );
  });

  it('refuses a userId without its userHash (403 naming userHash) and names bad parameters', async () => {
    const { get } = await world();
    const cases: [string, number, string][] = [
      [`anonymousId=a&userId=${OWNER}`, 403, 'userHash'],
      [`anonymousId=a&userId=${OWNER}&userHash=${'0'.repeat(64)}`, 403, 'userHash'],
      ['userId=x', 400, 'anonymousId'],
      ['anonymousId=a&limit=0', 400, 'limit'],
      ['anonymousId=a&limit=101', 400, 'limit'],
      ['anonymousId=a&before=x', 400, 'before'],
      ['anonymousId=a&after=-1', 400, 'after'],
      ['anonymousId=a&after=1&before=9', 400, 'after'],
    ];
    for (const [query, status, field] of cases) {
      const res = await get(query);
      assert.equal(res.status, status, query);
      assert.equal(((await res.json()) as ErrorBody).error.field, field, query);
    }
  });

  it('needs the write key (401) and an allowed origin (403)', async () => {
    const { app, tenant } = await world();
    const none = await app.request('/v1/inbox?anonymousId=a');
    assert.equal(none.status, 401);
    const foreign = await app.request(`/v1/inbox?writeKey=${tenant.writeKey}&anonymousId=a`, {
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(foreign.status, 403);
    assert.equal(((await foreign.json()) as ErrorBody).error.field, 'origin');
  });
});

describe('POST /v1/inbox/read', () => {
  it('marks the given items read (only the subject’s own), then all; the unread count follows', async () => {
    const { db, tenant, read, owner, get, ownerQuery } = await world();
    const a = await insertItem(db, tenant.id, `u:${OWNER}`);
    const b = await insertItem(db, tenant.id, `u:${OWNER}`);
    await insertItem(db, tenant.id, `u:${OWNER}`);
    const foreign = await insertItem(db, tenant.id, 'u:someone-else');

    const one = await read({ ...owner, ids: [a, foreign] });
    assert.equal(one.status, 200);
    assert.deepEqual((await one.json()) as InboxReadResponse, { marked: 1, unread: 2 });
    const again = await read({ ...owner, ids: [a] });
    assert.deepEqual((await again.json()) as InboxReadResponse, { marked: 0, unread: 2 });

    const page = (await (await get(ownerQuery)).json()) as InboxResponse;
    assert.ok(page.items.find((i) => i.id === a)?.readAt);
    assert.equal(page.items.find((i) => i.id === b)?.readAt, null);

    const all = await read({ ...owner, all: true });
    assert.deepEqual((await all.json()) as InboxReadResponse, { marked: 2, unread: 0 });
    const theirs = await db.get<{ read_at: string | null }>('SELECT read_at FROM inbox_items WHERE id = ?', [foreign]);
    assert.equal(theirs?.read_at, null);
  });

  it('names the field of a bad body; a userId without its hash is 403', async () => {
    const { read, owner } = await world();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...owner }, 400, 'ids'],
      [{ ...owner, ids: [] }, 400, 'ids'],
      [{ ...owner, ids: [1, 'x'] }, 400, 'ids[1]'],
      [{ ...owner, ids: [1.5] }, 400, 'ids[0]'],
      [{ ...owner, ids: Array.from({ length: 101 }, (_, i) => i + 1) }, 400, 'ids'],
      [{ ...owner, all: 'yes' }, 400, 'all'],
      [{ ...owner, all: true, ids: [1] }, 400, 'ids'],
      [{ ids: [1] }, 400, 'anonymousId'],
      [{ anonymousId: 'a', userId: OWNER, ids: [1] }, 403, 'userHash'],
    ];
    for (const [body, status, field] of cases) {
      const res = await read(body);
      assert.equal(res.status, status, JSON.stringify(body).slice(0, 80));
      assert.equal(((await res.json()) as ErrorBody).error.field, field, JSON.stringify(body).slice(0, 80));
    }
  });
});
