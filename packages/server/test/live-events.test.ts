import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LiveEvent, LiveEventsPage } from '@matbakh/contract';
import { type App, createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Db } from '../src/db.ts';
import { liveRecorder } from '../src/live/recorder.ts';
import { liveEventRoutes } from '../src/routes/live-events.ts';
import { type CreatedTenant, createTenant } from '../src/tenants.ts';
import { basic, call, grantConsent, SHOP_ORIGIN, serverStore, T0, tempDir, track } from './helpers.ts';

/** Streams still open: a failed test must not leave one polling (the run would never end). */
const open = new Set<SseReader>();

/** One SSE block: its fields, or a comment line. */
interface Block {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/** Reads an SSE body block by block. */
class SseReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  #text = '';
  readonly blocks: Block[] = [];

  constructor(body: ReadableStream<Uint8Array>) {
    this.#reader = body.getReader();
    open.add(this);
  }

  /** Waits until a block matches, or fails after `ms`. */
  async until(match: (block: Block) => boolean, ms: number): Promise<Block> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.blocks.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching SSE block within ${ms} ms; got ${JSON.stringify(this.blocks)}`);
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        this.#reader.read(),
        new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), left);
        }),
      ]);
      clearTimeout(timer);
      if (chunk === 'timeout') continue;
      if (chunk.done) throw new Error('the stream ended');
      this.#text += this.#decoder.decode(chunk.value, { stream: true });
      const parts = this.#text.split('\n\n');
      this.#text = parts.pop()!;
      for (const part of parts) this.blocks.push(parseBlock(part));
    }
  }

  events(): LiveEvent[] {
    return this.blocks.filter((b) => b.event === 'message').map((b) => JSON.parse(b.data!) as LiveEvent);
  }

  close(): Promise<void> {
    open.delete(this);
    return this.#reader.cancel();
  }
}

function parseBlock(text: string): Block {
  const block: Block = {};
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) block.comment = line.slice(1).trim();
    const match = /^(id|event|data): ?(.*)$/.exec(line);
    if (match) block[match[1] as 'id' | 'event' | 'data'] = match[2];
  }
  return block;
}

const isMessage = (messageId: string) => (block: Block) =>
  block.event === 'message' && (JSON.parse(block.data!) as LiveEvent).messageId === messageId;

describe('live events (GET /v1/admin/events/live)', () => {
  const dir = tempDir();
  let ingestDb: Db;
  let streamDb: Db;
  /** Two instances on one database: messages go in through one, the debugger reads through the other. */
  let ingest: App;
  let stream: App;
  let tenant: CreatedTenant;
  let other: CreatedTenant;
  let clock = T0;

  before(async () => {
    const store = await serverStore(dir.dir, 'live');
    ingestDb = await store.open();
    streamDb = await store.open();
    tenant = await createTenant(ingestDb, { name: 'Falafel Haus', origins: [SHOP_ORIGIN] });
    other = await createTenant(ingestDb, { name: 'Other', origins: ['https://other.example'] });
    const config = { ...loadConfig({ MB_DB_PATH: ':memory:' }), rateLimit: 0, serverRateLimit: 0 };
    const now = () => clock;
    ingest = createApp({ db: ingestDb, config, now, routes: [] });
    stream = createApp({ db: streamDb, config, now, routes: [liveEventRoutes({ pollMs: 50, heartbeatMs: 300 })] });
    await grantConsent(ingestDb, tenant.id, { anonymousId: 'guest-1' });
    await grantConsent(ingestDb, other.id, { anonymousId: 'guest-2' });
  });

  after(async () => {
    await Promise.all([...open].map((reader) => reader.close()));
    await liveRecorder(ingestDb).flush();
    await ingestDb.close();
    await streamDb.close();
    dir.cleanup();
  });

  const connect = (headers: Record<string, string> = {}) =>
    stream.request('/v1/admin/events/live', { headers: { authorization: `Bearer ${tenant.adminKey}`, ...headers } });

  const send = (path: string, body: unknown, headers: Record<string, string> = {}, writeKey = tenant.writeKey) => {
    clock += 1000;
    return ingest.request(path, {
      method: 'POST',
      headers: { authorization: basic(writeKey), 'content-type': 'text/plain', ...headers },
      body: JSON.stringify(body),
    });
  };

  it('shows a message sent through /v1/t within 2 s, with its values; refusals with their reason', async () => {
    const res = await connect();
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    const sse = new SseReader(res.body!);

    const message = track({ event: 'Order Completed', anonymousId: 'guest-1', properties: { total: 12.5 } });
    const sent = Date.now();
    assert.equal((await send('/v1/t', message)).status, 200);
    const block = await sse.until(isMessage(message.messageId as string), 2000);
    assert.ok(Date.now() - sent < 2000);
    const shown = JSON.parse(block.data!) as LiveEvent;
    assert.equal(block.id, String(shown.id));
    assert.equal(shown.status, 'accepted');
    assert.equal(shown.path, '/v1/t');
    assert.equal(shown.type, 'track');
    assert.equal(shown.event, 'Order Completed');
    assert.equal(shown.anonymousId, 'guest-1');
    assert.deepEqual(shown.properties, { total: 12.5 });
    assert.ok(shown.bytes! > 50);

    // A page on an origin the tenant does not allow.
    const refused = await send('/v1/batch', { batch: [track()] }, { origin: 'http://127.0.0.1:8080' });
    assert.equal(refused.status, 403);
    const origin = await sse.until((b) => b.data?.includes('"reason":"origin"') === true, 2000);
    assert.deepEqual((JSON.parse(origin.data!) as LiveEvent).refusal, {
      reason: 'origin',
      origin: 'http://127.0.0.1:8080',
    });

    // One invalid message of a batch: its field and the reason; its property names, never its values.
    const invalid = track({ anonymousId: 'guest-1', timestamp: 'yesterday', properties: { secret: 'x' } });
    await send('/v1/batch', { batch: [invalid] });
    const validation = JSON.parse((await sse.until(isMessage(invalid.messageId as string), 2000)).data!) as LiveEvent;
    assert.equal(validation.status, 'refused');
    assert.equal(validation.refusal?.reason, 'validation');
    assert.equal((validation.refusal as { field: string }).field, 'batch[0].timestamp');
    assert.deepEqual(validation.keys, ['secret']);
    assert.equal(validation.properties, undefined);

    // A visitor without a recorded analytics grant.
    const unconsented = track({ anonymousId: 'guest-without-consent' });
    await send('/v1/batch', { batch: [unconsented] });
    const consent = JSON.parse((await sse.until(isMessage(unconsented.messageId as string), 2000)).data!) as LiveEvent;
    assert.deepEqual(consent.refusal, { reason: 'consent', category: 'analytics' });
    assert.equal(consent.properties, undefined);

    // The admin key on an ingest route names the tenant: it sees why.
    await send('/v1/batch', { batch: [track()] }, {}, tenant.adminKey!);
    await sse.until((b) => b.data?.includes('"reason":"key"') === true, 2000);

    // Another tenant's message never reaches this stream (its own debugger is open, so it is recorded).
    const otherPoll = () =>
      stream.request('/v1/admin/events/live?after=0', { headers: { authorization: `Bearer ${other.adminKey}` } });
    assert.equal((await otherPoll()).status, 200);
    const foreign = track({ anonymousId: 'guest-2' });
    assert.equal((await send('/v1/batch', { batch: [foreign] }, {}, other.writeKey)).status, 200);
    const mine = track({ anonymousId: 'guest-1' });
    await send('/v1/batch', { batch: [mine] });
    await sse.until(isMessage(mine.messageId as string), 2000);
    assert.ok(!sse.events().some((e) => e.messageId === foreign.messageId));
    // The other tenant's own debugger has it.
    await liveRecorder(ingestDb).flush();
    const page = (await (await otherPoll()).json()) as LiveEventsPage;
    assert.ok(page.events.some((e) => e.messageId === foreign.messageId));
    assert.ok(!page.events.some((e) => e.messageId === mine.messageId));

    // Quiet: a heartbeat comment keeps the connection.
    await sse.until((b) => b.comment === 'heartbeat', 2000);
    await sse.close();
  });

  it('resumes after Last-Event-ID without repeating what was seen', async () => {
    const first = new SseReader((await connect()).body!);
    const seen = track({ anonymousId: 'guest-1' });
    await send('/v1/batch', { batch: [seen] });
    const seenBlock = await first.until(isMessage(seen.messageId as string), 2000);
    await first.close();

    const missed = track({ anonymousId: 'guest-1' });
    await send('/v1/batch', { batch: [missed] });
    const resumed = new SseReader((await connect({ 'last-event-id': seenBlock.id! })).body!);
    await resumed.until(isMessage(missed.messageId as string), 2000);
    const ids = resumed.events().map((e) => e.id);
    assert.ok(
      ids.every((id) => id > Number(seenBlock.id)),
      `${ids} after ${seenBlock.id}`,
    );
    assert.ok(!resumed.events().some((e) => e.messageId === seen.messageId));
    await resumed.close();
  });

  it('answers the JSON poll fallback after an id', async () => {
    await liveRecorder(ingestDb).flush();
    const all = (await (
      await stream.request('/v1/admin/events/live?after=0&limit=1000', {
        headers: { authorization: `Bearer ${tenant.adminKey}` },
      })
    ).json()) as LiveEventsPage;
    assert.ok(all.events.length >= 5);
    const middle = all.events[2]!.id;
    const rest = (await (
      await stream.request(`/v1/admin/events/live?after=${middle}`, {
        headers: { authorization: `Bearer ${tenant.adminKey}` },
      })
    ).json()) as LiveEventsPage;
    assert.deepEqual(
      rest.events.map((e) => e.id),
      all.events.filter((e) => e.id > middle).map((e) => e.id),
    );
    assert.equal(rest.last, all.last);
  });

  it('records nothing of a tenant whose debugger is closed', async () => {
    const third = await createTenant(ingestDb, { name: 'Third', origins: ['https://third.example'] });
    await grantConsent(ingestDb, third.id, { anonymousId: 'guest-3' });
    const unwatched = track({ anonymousId: 'guest-3' });
    assert.equal((await send('/v1/batch', { batch: [unwatched] }, {}, third.writeKey)).status, 200);
    await liveRecorder(ingestDb).flush();
    const rows = await streamDb.all('SELECT id FROM live_events WHERE tenant_id = ?', [third.id]);
    assert.deepEqual(rows, []);
  });

  it("an erasure removes the subject's rows from the live window, and only theirs", async () => {
    const sse = new SseReader((await connect()).body!);
    await grantConsent(ingestDb, tenant.id, { anonymousId: 'guest-erased' });
    const theirs = track({ event: 'Product Viewed', anonymousId: 'guest-erased' });
    const kept = track({ event: 'Product Viewed', anonymousId: 'guest-1' });
    assert.equal((await send('/v1/batch', { batch: [theirs, kept] })).status, 200);
    await sse.until(isMessage(theirs.messageId as string), 2000);
    await sse.close();
    // Still in the recorder's buffer when the erasure comes: it must not land afterwards.
    const late = track({ event: 'Cart Viewed', anonymousId: 'guest-erased' });
    assert.equal((await send('/v1/t', late)).status, 200);

    const erased = await call(ingest, 'POST', '/v1/privacy/erase', {
      writeKey: tenant.writeKey,
      body: { anonymousId: 'guest-erased' },
    });
    assert.equal(erased.res.status, 200, JSON.stringify(erased.json));
    await liveRecorder(ingestDb).flush();
    const rows = await streamDb.all<{ data: string }>('SELECT data FROM live_events WHERE tenant_id = ?', [tenant.id]);
    const ids = rows.map((row) => (JSON.parse(row.data) as LiveEvent).anonymousId);
    assert.ok(!ids.includes('guest-erased'), JSON.stringify(ids));
    assert.ok(ids.includes('guest-1'));
  });

  it('refuses the write key, and a bad cursor naming its field', async () => {
    const write = await stream.request('/v1/admin/events/live', { headers: { authorization: basic(tenant.writeKey) } });
    assert.equal(write.status, 403);
    const secret = await stream.request('/v1/admin/events/live?after=0', {
      headers: { authorization: `Bearer ${tenant.secret}` },
    });
    assert.equal(secret.status, 403);
    const bad = await stream.request('/v1/admin/events/live?after=-1', {
      headers: { authorization: `Bearer ${tenant.adminKey}` },
    });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { field: string } }).error.field, 'after');
    const badResume = await connect({ 'last-event-id': 'abc' });
    assert.equal(badResume.status, 400);
    assert.equal(((await badResume.json()) as { error: { field: string } }).error.field, 'Last-Event-ID');
  });
});
