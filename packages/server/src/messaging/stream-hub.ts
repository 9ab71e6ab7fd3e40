/**
 * The stream's fan-out in one instance: who has `GET /v1/stream` open (per tenant and recipient), and how a new
 * inbox item reaches them — at once when this process appended it (`onInboxItem`), within `pollMs` when another
 * instance did.
 *
 * Across instances: one indexed range read per instance and poll (`itemsAfter`: `id > cursor`, all tenants), not
 * one per connection, so 1,000 open streams cost the same queries as one. Chosen over PostgreSQL LISTEN/NOTIFY:
 * it works the same on SQLite (several processes on one file) and through a transaction-pooling proxy, needs no
 * connection held outside the storage port's pool, and the poll is what resume needs anyway. A PostgreSQL identity
 * can commit out of order (a slow transaction's lower id appears after a higher one was read), so the cursor
 * trails the newest id read by `settleMs`; ids read twice inside that window are delivered once (`delivered`).
 *
 * The hub starts polling with the first subscriber and stops with the last: an instance without open streams
 * costs nothing.
 */
import type { InboxItem } from '@matbakh/contract';
import type { Db } from '../db.ts';
import type { RecipientKey } from './channel.ts';
import { type AddressedItem, itemsAfter, newestItemId, unreadCount } from './inbox-read.ts';
import { onInboxItem } from './inbox-store.ts';

export interface StreamSink {
  /** A new item of the recipient's inbox and the unread count with it. */
  item(item: InboxItem, unread: number): void;
  /** The recipient read items (this or another tab): the unread count now. */
  read(unread: number): void;
}

export interface StreamHubOptions {
  /** How often the instance looks for items other instances appended; default 500 ms. */
  pollMs?: number;
  /** How long an id may stay uncommitted behind a higher one and still be delivered; default 2 s. */
  settleMs?: number;
  /** Open streams per recipient (tabs, devices); default 5. */
  maxPerSubject?: number;
  /** Open streams per tenant on this instance; default 5,000. */
  maxPerTenant?: number;
}

export type Subscription = { ok: true; close(): void } | { ok: false; limit: 'subject' | 'tenant'; max: number };

const PAGE = 500;

export class StreamHub {
  readonly pollMs: number;
  readonly #db: Db;
  readonly #settleMs: number;
  readonly maxPerSubject: number;
  readonly maxPerTenant: number;
  /** tenant → recipient → sinks. */
  readonly #sinks = new Map<string, Map<RecipientKey, Set<StreamSink>>>();
  readonly #perTenant = new Map<string, number>();
  #count = 0;
  #cursor: number | undefined;
  /** Ids above the cursor already fanned out (from the hook or an earlier poll). */
  readonly #delivered = new Set<number>();
  /** The newest id each recent poll saw, oldest first: the cursor moves to one older than `settleMs`. */
  #reads: { at: number; id: number }[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #unhook: (() => void) | undefined;
  #polling = false;
  /** Settles once the first poll set the cursor (items after it reach the streams). */
  #started: Promise<void> = Promise.resolve();
  #settle: (() => void) | undefined;

  constructor(db: Db, options: StreamHubOptions = {}) {
    this.#db = db;
    this.pollMs = options.pollMs ?? 500;
    this.#settleMs = options.settleMs ?? 2000;
    this.maxPerSubject = options.maxPerSubject ?? 5;
    this.maxPerTenant = options.maxPerTenant ?? 5000;
  }

  /** Open streams on this instance. */
  get connections(): number {
    return this.#count;
  }

  subscribe(tenantId: string, recipient: RecipientKey, sink: StreamSink): Subscription {
    const recipients = this.#sinks.get(tenantId) ?? new Map<RecipientKey, Set<StreamSink>>();
    const sinks = recipients.get(recipient) ?? new Set<StreamSink>();
    if (sinks.size >= this.maxPerSubject) return { ok: false, limit: 'subject', max: this.maxPerSubject };
    const tenantCount = this.#perTenant.get(tenantId) ?? 0;
    if (tenantCount >= this.maxPerTenant) return { ok: false, limit: 'tenant', max: this.maxPerTenant };
    sinks.add(sink);
    recipients.set(recipient, sinks);
    this.#sinks.set(tenantId, recipients);
    this.#perTenant.set(tenantId, tenantCount + 1);
    if (this.#count++ === 0) this.#start();
    let closed = false;
    return {
      ok: true,
      close: () => {
        if (closed) return;
        closed = true;
        sinks.delete(sink);
        if (sinks.size === 0) recipients.delete(recipient);
        if (recipients.size === 0) this.#sinks.delete(tenantId);
        const left = (this.#perTenant.get(tenantId) ?? 1) - 1;
        if (left === 0) this.#perTenant.delete(tenantId);
        else this.#perTenant.set(tenantId, left);
        if (--this.#count === 0) this.#stop();
      },
    };
  }

  /** After `POST /v1/inbox/read` on this instance: every open stream of the recipient hears the new count. */
  async read(tenantId: string, recipient: RecipientKey): Promise<void> {
    const sinks = this.#sinks.get(tenantId)?.get(recipient);
    if (!sinks) return;
    const unread = await unreadCount(this.#db, tenantId, recipient);
    for (const sink of [...sinks]) sink.read(unread);
  }

  /**
   * Resolves once the hub reads from a cursor (the first subscriber waits for the first poll): a stream replays
   * from the database only after this, so no item falls between its replay and the hub's first read.
   */
  started(): Promise<void> {
    return this.#started;
  }

  #start(): void {
    this.#started = new Promise<void>((resolve) => {
      this.#settle = () => {
        this.#settle = undefined;
        resolve();
      };
    });
    this.#unhook = onInboxItem((tenantId, recipient, item) => {
      void this.#fanOut([{ tenantId, recipient, item }]);
    });
    void this.#poll();
  }

  #stop(): void {
    this.#unhook?.();
    this.#unhook = undefined;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#settle?.();
    this.#cursor = undefined;
    this.#delivered.clear();
    this.#reads = [];
  }

  #schedule(): void {
    this.#timer = setTimeout(() => void this.#poll(), this.pollMs);
    // An open stream keeps the process alive by its socket, not by this timer.
    this.#timer.unref?.();
  }

  async #poll(): Promise<void> {
    if (this.#polling || this.#count === 0) return;
    this.#polling = true;
    try {
      if (this.#cursor === undefined) this.#cursor = await newestItemId(this.#db);
      else await this.#readNew(this.#cursor);
      this.#settle?.();
    } catch {
      // The database is away for a moment: the next poll reads from the same cursor, nothing is lost.
    } finally {
      this.#polling = false;
      if (this.#count > 0) this.#schedule();
    }
  }

  async #readNew(cursor: number): Promise<void> {
    let from = cursor;
    let newest = cursor;
    for (;;) {
      const page = await itemsAfter(this.#db, from, PAGE);
      const fresh = page.filter(({ item }) => !this.#delivered.has(item.id));
      if (fresh.length > 0) await this.#fanOut(fresh);
      if (page.length > 0) newest = Math.max(newest, page.at(-1)!.item.id);
      if (page.length < PAGE) break;
      from = page.at(-1)!.item.id;
    }
    const now = performance.now();
    this.#reads.push({ at: now, id: newest });
    let settled = cursor;
    while (this.#reads.length > 1 && now - this.#reads[0]!.at >= this.#settleMs) settled = this.#reads.shift()!.id;
    this.#cursor = settled;
    for (const id of this.#delivered) if (id <= settled) this.#delivered.delete(id);
  }

  /** Sends each item to its recipient's streams, with one unread count per recipient. */
  async #fanOut(items: readonly AddressedItem[]): Promise<void> {
    const counts = new Map<string, Promise<number>>();
    for (const { tenantId, recipient, item } of items) {
      if (this.#delivered.has(item.id)) continue;
      this.#delivered.add(item.id);
      const sinks = this.#sinks.get(tenantId)?.get(recipient);
      if (!sinks) continue;
      const key = `${tenantId}\u0000${recipient}`;
      if (!counts.has(key)) counts.set(key, unreadCount(this.#db, tenantId, recipient));
      let unread: number;
      try {
        unread = await counts.get(key)!;
      } catch {
        continue;
      }
      for (const sink of [...sinks]) sink.item(item, unread);
    }
  }
}

/** One hub per database handle (an app instance): the stream route makes it, the read route tells it. */
const hubs = new WeakMap<Db, StreamHub>();

export function hubFor(db: Db, options?: StreamHubOptions): StreamHub {
  let hub = hubs.get(db);
  if (!hub) {
    hub = new StreamHub(db, options);
    hubs.set(db, hub);
  }
  return hub;
}

/** The hub of `db` if a stream route made one (no hub: nobody can be listening on this instance). */
export const existingHub = (db: Db): StreamHub | undefined => hubs.get(db);
