/**
 * `GET /v1/stream?writeKey=&anonymousId=&userId=&userHash=`: the subject's in-app inbox as Server-Sent Events
 * (issue 19), for `<mb-inbox>` through the SDK's inbox plugin. Write key, CORS and `userHash` as every subject
 * route (an EventSource cannot send headers: the key comes in the query).
 *
 * - `event: inbox`, `id: <inbox item id>`, `data: {"type":"inbox","item":…,"unread":n}` for each new item.
 * - `event: read`, `data: {"type":"read","unread":n}` (no id) on connect and whenever items are marked read on this
 *   instance, so every tab shows the same count.
 * - Resume: `Last-Event-ID` (the header EventSource sends on reconnect, or `?lastEventId=` for a client that cannot
 *   set it) replays exactly the items after that id, oldest first, before anything live. Without it the stream
 *   starts from now (the list comes from `GET /v1/inbox`).
 * - `: heartbeat` comment lines when quiet (every `heartbeatMs`), so proxies keep the connection; `retry: 2000`.
 * - A connection ends after `maxConnectionMs` (EventSource reconnects and resumes), or when the client stops
 *   reading and more than `maxBufferBytes` wait (a slow reader resumes instead of growing the server's memory).
 * - At most `maxPerSubject` streams per recipient and `maxPerTenant` per tenant on an instance: 429 with
 *   Retry-After beyond.
 * Across instances: see messaging/stream-hub.ts (one poll per instance of `inbox_items` by id). Where EventSource
 * fails, the SDK polls `GET /v1/inbox?after=<last id>` (routes/inbox.ts) instead.
 */
import type { InboxItem, StreamEvent } from '@matbakh/contract';
import type { RecipientKey } from '../messaging/channel.ts';
import { listInbox, unreadCount } from '../messaging/inbox-read.ts';
import { hubFor, type StreamHubOptions, type StreamSink } from '../messaging/stream-hub.ts';
import { linkSubject } from '../messaging/subject-links.ts';
import { subjectKey } from '../preferences-store.ts';
import type { RouteKit, RouteModule } from '../route-kit.ts';

export interface StreamOptions extends StreamHubOptions {
  /** A comment line after this long without an event; default 15 s. */
  heartbeatMs?: number;
  /** A connection ends after this long (the client resumes); default 10 min. */
  maxConnectionMs?: number;
  /** Unread bytes queued for a client before its connection is closed; default 256 KiB. */
  maxBufferBytes?: number;
}

/** Most missed items one resume replays (a tab asleep for days loads the list instead). */
const REPLAY_MAX = 1000;
const REPLAY_PAGE = 200;
/** Ids a connection remembers having sent: a live item that the replay already carried is not sent twice. */
const SENT_MEMORY = 512;

/** A whole number ≥ 0, or undefined when absent; NaN for anything else. */
export function eventId(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  return /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
}

const encoder = new TextEncoder();

const block = (event: StreamEvent, id?: number): string =>
  `event: ${event.type}\n${id === undefined ? '' : `id: ${id}\n`}data: ${JSON.stringify(event)}\n\n`;

export function streamRoutes(options: StreamOptions = {}): RouteModule {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxConnectionMs = options.maxConnectionMs ?? 10 * 60_000;
  const maxBufferBytes = options.maxBufferBytes ?? 256 * 1024;
  return (app, kit) => {
    const hub = hubFor(kit.db, options);
    app.get('/v1/stream', async (c) => {
      const tenant = await kit.authorizeRequest(c);
      if (tenant instanceof Response) return tenant;
      const subject = kit.subjectFromQuery(c, tenant);
      if (subject instanceof Response) return subject;
      const resume = eventId(c.req.header('last-event-id') ?? c.req.query('lastEventId'));
      if (Number.isNaN(resume)) {
        const message = 'Last-Event-ID must be an inbox item id (a whole number ≥ 0)';
        return kit.fail(c, 400, 'bad_request', message, 'Last-Event-ID');
      }
      const recipient = subjectKey(subject);
      await linkSubject(kit.db, tenant.id, subject, kit.now());
      const connection = new Connection(maxBufferBytes);
      const subscription = hub.subscribe(tenant.id, recipient, connection);
      if (!subscription.ok) {
        c.header('Retry-After', '30');
        const whose = subscription.limit === 'subject' ? 'this subject' : 'this write key';
        return kit.fail(c, 429, 'rate_limited', `too many open streams for ${whose} (at most ${subscription.max})`);
      }
      connection.onClose(subscription.close);
      kit.logFields(c, { stream: resume === undefined ? 'new' : 'resume' });
      void start(kit, connection, tenant.id, recipient, resume, { heartbeatMs, maxConnectionMs });
      c.header('Content-Type', 'text/event-stream; charset=utf-8');
      c.header('Cache-Control', 'no-store');
      // nginx buffers proxied responses unless told not to; an event must leave at once.
      c.header('X-Accel-Buffering', 'no');
      return c.body(connection.body);
    });
  };
}

/** The replay, then live events; heartbeats and the connection's end. */
async function start(
  kit: RouteKit,
  connection: Connection,
  tenantId: string,
  recipient: RecipientKey,
  resume: number | undefined,
  { heartbeatMs, maxConnectionMs }: { heartbeatMs: number; maxConnectionMs: number },
): Promise<void> {
  connection.write('retry: 2000\n\n');
  try {
    // Subscribed before this read: an item appended meanwhile is held and sent after the replay, once.
    await hubFor(kit.db).started();
    const unread = await unreadCount(kit.db, tenantId, recipient);
    connection.write(block({ type: 'read', unread }));
    let after = resume;
    for (let replayed = 0; after !== undefined && replayed < REPLAY_MAX; ) {
      const items = await listInbox(kit.db, tenantId, recipient, { after, limit: REPLAY_PAGE });
      for (const item of items) connection.item(item, unread, true);
      replayed += items.length;
      if (items.length < REPLAY_PAGE) break;
      after = items.at(-1)!.id;
    }
  } catch {
    connection.close();
    return;
  }
  connection.live(heartbeatMs, maxConnectionMs);
}

/** One open stream: a sink of the hub that writes SSE blocks to the response body. */
class Connection implements StreamSink {
  readonly body: ReadableStream<Uint8Array>;
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  #closed = false;
  #closers: (() => void)[] = [];
  /** Items that arrived live during the replay. */
  #held: { item: InboxItem; unread: number }[] | undefined = [];
  readonly #sent = new Set<number>();
  #lastWrite = performance.now();
  readonly #maxBuffer: number;

  constructor(maxBufferBytes: number) {
    this.#maxBuffer = maxBufferBytes;
    this.body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller;
        },
        // The client went away (or a test cancelled its reader).
        cancel: () => this.close(),
      },
      // Counted in bytes, so `desiredSize` says how much the client has not read yet.
      new ByteLengthQueuingStrategy({ highWaterMark: 0 }),
    );
  }

  onClose(closer: () => void): void {
    this.#closers.push(closer);
  }

  item(item: InboxItem, unread: number, replay = false): void {
    if (!replay && this.#held) {
      this.#held.push({ item, unread });
      return;
    }
    if (this.#sent.has(item.id)) return;
    this.#sent.add(item.id);
    if (this.#sent.size > SENT_MEMORY) this.#sent.delete(this.#sent.values().next().value!);
    this.write(block({ type: 'inbox', item, unread }, item.id));
  }

  read(unread: number): void {
    this.write(block({ type: 'read', unread }));
  }

  /** The replay is done: held items go out (in id order), then heartbeats until the connection's time is up. */
  live(heartbeatMs: number, maxConnectionMs: number): void {
    // The client may have gone during the replay: no timers for a closed connection.
    if (this.#closed) return;
    const held = (this.#held ?? []).sort((a, b) => a.item.id - b.item.id);
    this.#held = undefined;
    for (const { item, unread } of held) this.item(item, unread);
    const beat = setInterval(() => {
      if (performance.now() - this.#lastWrite >= heartbeatMs - 5) this.write(': heartbeat\n\n');
    }, heartbeatMs);
    const end = setTimeout(() => this.close(), maxConnectionMs);
    this.onClose(() => {
      clearInterval(beat);
      clearTimeout(end);
    });
  }

  write(text: string): void {
    if (this.#closed) return;
    // A reader that stopped reading: close rather than queue without end (it resumes with Last-Event-ID).
    if ((this.#controller.desiredSize ?? 0) < -this.#maxBuffer) {
      this.close();
      return;
    }
    try {
      this.#controller.enqueue(encoder.encode(text));
      this.#lastWrite = performance.now();
    } catch {
      this.close();
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#controller.close();
    } catch {
      // Already cancelled by the client.
    }
    for (const closer of this.#closers.splice(0)) closer();
  }
}
