import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { ErrorBody, StreamEvent } from '@matbakh/contract';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Db } from '../src/db.ts';
import { appendInboxItem } from '../src/messaging/inbox-store.ts';
import { inboxRoutes } from '../src/routes/inbox.ts';
import { type StreamOptions, streamRoutes } from '../src/routes/stream.ts';
import { userHashFor } from '../src/subject.ts';
import { createTenant } from '../src/tenants.ts';
import { basic, openTestDb, SHOP_ORIGIN, serverStore, T0, tempDir } from './helpers.ts';
import { insertItem, openReaders, SseReader } from './inbox-support.ts';

const OWNER = 'owner-7';
const RECIPIENT = `u:${OWNER}`;
const config = { ...loadConfig({ MB_DB_PATH: ':memory:' }), rateLimit: 0 };
const FAST: StreamOptions = { pollMs: 50, settleMs: 200, heartbeatMs: 60_000 };
const dbs: Db[] = [];

after(async () => {
  await Promise.all([...openReaders].map((reader) => reader.close()));
  await Promise.all(dbs.map((db) => db.close()));
});

/** An instance: an app with the inbox and stream routes on `db`. */
function instance(db: Db, options: StreamOptions = FAST) {
  return createApp({ db, config, now: () => T0, routes: [inboxRoutes, streamRoutes(options)] });
}

async function world(options: StreamOptions = FAST, db?: Db) {
  const store = db ?? (await openTestDb());
  dbs.push(store);
  const tenant = await createTenant(store, { name: 'Falafel Haus', origins: [SHOP_ORIGIN] });
  const app = instance(store, options);
  const userHash = userHashFor(tenant.secret, OWNER);
  const subjectQuery = `writeKey=${tenant.writeKey}&anonymousId=anon-o&userId=${OWNER}&userHash=${userHash}`;
  const connect = async (headers: Record<string, string> = {}, query = '', on = app) => {
    const res = await on.request(`/v1/stream?${subjectQuery}${query}`, {
      headers: { origin: SHOP_ORIGIN, ...headers },
    });
    if (res.status !== 200) assert.fail(`${res.status}: ${await res.text()}`);
    return { res, sse: new SseReader(res.body!) };
  };
  const append = (title: string) =>
    appendInboxItem(store, {
      tenantId: tenant.id,
      recipient: RECIPIENT,
      topic: 'health_alerts',
      title,
      body: 'Orders fell 40% this week',
      url: 'https://owner.example/insights',
      createdAt: new Date(T0).toISOString(),
    });
  return { db: store, tenant, app, userHash, subjectQuery, connect, append };
}

const isInbox = (id: number) => (b: { event?: string; id?: string }) => b.event === 'inbox' && b.id === String(id);

describe('GET /v1/stream', () => {
  it('sends the unread count on connect, then each new item as it is appended, with its id', async () => {
    const { connect, append, db, tenant } = await world();
    await insertItem(db, tenant.id, RECIPIENT);
    const { res, sse } = await connect();
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
    const hello = await sse.until((b) => b.event === 'read', 1000);
    assert.deepEqual(JSON.parse(hello.data!) as StreamEvent, { type: 'read', unread: 1 });
    assert.equal(hello.id, undefined, 'the count carries no id: it must not move Last-Event-ID');

    const started = Date.now();
    const item = await append('Health alert: orders fell');
    const block = await sse.until(isInbox(item.id), 2000);
    assert.ok(Date.now() - started < 500, 'an item appended on this instance goes out at once');
    const event = JSON.parse(block.data!) as StreamEvent;
    assert.equal(event.type, 'inbox');
    assert.deepEqual(event.type === 'inbox' && event.item, item);
    assert.equal(event.type === 'inbox' && event.unread, 2);
    await sse.close();
  });

  it('resumes after Last-Event-ID with exactly the missed items, oldest first, then live ones once', async () => {
    const { connect, append, db, tenant } = await world();
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push(await insertItem(db, tenant.id, RECIPIENT, { title: `Missed ${i}` }));
    await insertItem(db, tenant.id, 'u:someone-else');
    const { sse } = await connect({ 'last-event-id': String(ids[2]) });
    await sse.until(isInbox(ids[5]!), 2000);
    const live = await append('Live');
    await sse.until(isInbox(live.id), 2000);
    await sse.drain(300);
    assert.deepEqual(
      sse.items().map((i) => i.id),
      [ids[3], ids[4], ids[5], live.id],
    );
    await sse.close();
  });

  it('takes ?lastEventId= where the header cannot be set (same replay)', async () => {
    const { connect, db, tenant } = await world();
    const a = await insertItem(db, tenant.id, RECIPIENT);
    const b = await insertItem(db, tenant.id, RECIPIENT);
    const { sse } = await connect({}, `&lastEventId=${a}`);
    await sse.until(isInbox(b), 2000);
    await sse.drain(200);
    assert.deepEqual(
      sse.items().map((i) => i.id),
      [b],
    );
    await sse.close();
  });

  it("an item another instance inserted reaches this instance's stream within 2 s", async () => {
    const dir = tempDir();
    try {
      const store = await serverStore(dir.dir, 'inbox');
      const mine = await store.open();
      const theirs = await store.open();
      dbs.push(theirs);
      const { connect, tenant } = await world(FAST, mine);
      const { sse } = await connect();
      await sse.until((b) => b.event === 'read', 1000);
      // Another process: a plain INSERT through its own connection, no in-process hook here.
      const started = Date.now();
      const id = await insertItem(theirs, tenant.id, RECIPIENT, { title: 'From instance B' });
      const block = await sse.until(isInbox(id), 2000);
      assert.ok(Date.now() - started < 2000);
      assert.equal((JSON.parse(block.data!) as { item: { title: string } }).item.title, 'From instance B');
      // Read again inside the settle window: still delivered once.
      await sse.drain(400);
      assert.deepEqual(
        sse.items().map((i) => i.id),
        [id],
      );
      await sse.close();
    } finally {
      dir.cleanup();
    }
  });

  it('tells every open stream of the subject the new unread count when items are marked read', async () => {
    const { connect, db, tenant, app, userHash } = await world();
    const a = await insertItem(db, tenant.id, RECIPIENT);
    await insertItem(db, tenant.id, RECIPIENT);
    const { sse } = await connect();
    await sse.until((b) => b.event === 'read', 1000);
    const res = await app.request('/v1/inbox/read', {
      method: 'POST',
      headers: { authorization: basic(tenant.writeKey), origin: SHOP_ORIGIN },
      body: JSON.stringify({ anonymousId: 'anon-o', userId: OWNER, userHash, ids: [a] }),
    });
    assert.equal(res.status, 200);
    await sse.until((b) => b.event === 'read' && (JSON.parse(b.data!) as { unread: number }).unread === 1, 1000);
    await sse.close();
  });

  it('sends heartbeat comments while quiet', async () => {
    const { connect } = await world({ ...FAST, heartbeatMs: 100 });
    const { sse } = await connect();
    await sse.until((b) => b.comment === 'heartbeat', 1000);
    await sse.close();
  });

  it('limits open streams per subject (429, Retry-After); a closed one frees its place', async () => {
    const { connect, app, subjectQuery } = await world({ ...FAST, maxPerSubject: 2 });
    const one = await connect();
    const two = await connect();
    const third = await app.request(`/v1/stream?${subjectQuery}`, { headers: { origin: SHOP_ORIGIN } });
    assert.equal(third.status, 429);
    assert.ok(third.headers.get('retry-after'));
    assert.match(((await third.json()) as ErrorBody).error.message, /subject/);
    await one.sse.close();
    const again = await connect();
    await again.sse.close();
    await two.sse.close();
  });

  it('limits open streams per tenant', async () => {
    const { connect, app, tenant } = await world({ ...FAST, maxPerTenant: 1 });
    const one = await connect();
    const other = await app.request(`/v1/stream?writeKey=${tenant.writeKey}&anonymousId=anon-x`, {
      headers: { origin: SHOP_ORIGIN },
    });
    assert.equal(other.status, 429);
    assert.match(((await other.json()) as ErrorBody).error.message, /write key/);
    await one.sse.close();
  });

  it('ends a connection after its time; the client resumes', async () => {
    const { connect } = await world({ ...FAST, maxConnectionMs: 150 });
    const { sse } = await connect();
    await sse.drain(600);
    assert.ok(sse.ended);
  });

  it('names a bad Last-Event-ID, a missing userHash and a missing write key', async () => {
    const { app, tenant, subjectQuery } = await world();
    const bad = await app.request(`/v1/stream?${subjectQuery}`, { headers: { 'last-event-id': 'abc' } });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as ErrorBody).error.field, 'Last-Event-ID');
    const noHash = await app.request(`/v1/stream?writeKey=${tenant.writeKey}&anonymousId=a&userId=${OWNER}`);
    assert.equal(noHash.status, 403);
    assert.equal(((await noHash.json()) as ErrorBody).error.field, 'userHash');
    const noKey = await app.request('/v1/stream?anonymousId=a');
    assert.equal(noKey.status, 401);
  });
});
