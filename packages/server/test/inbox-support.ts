/**
 * Test support of the inbox and stream tests: an item written with plain SQL (what another instance's insert
 * looks like to this one: no in-process hook fires), and an SSE reader.
 */
import type { InboxItem, NotificationTopic } from '@matbakh/contract';
import type { Queryable } from '../src/db.ts';

let made = 0;

/** Inserts an inbox row directly and returns its id. */
export async function insertItem(
  db: Queryable,
  tenantId: string,
  recipient: string,
  fields: { title?: string; topic?: NotificationTopic; url?: string; readAt?: string } = {},
): Promise<number> {
  made++;
  const row = await db.get<{ id: number | string }>(
    `INSERT INTO inbox_items (tenant_id, recipient, topic, title, body, url, created_at, read_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [
      tenantId,
      recipient,
      fields.topic ?? 'health_alerts',
      fields.title ?? `Item ${made}`,
      'Body text',
      fields.url ?? null,
      new Date(Date.UTC(2025, 2, 1, 12, 0, made)).toISOString(),
      fields.readAt ?? null,
    ],
  );
  return Number(row!.id);
}

/** One SSE block: its fields, or a comment line. */
export interface Block {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/** Streams still open: a failed test must not leave one running (the run would never end). */
export const openReaders = new Set<SseReader>();

/** Reads an SSE body block by block. */
export class SseReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  #text = '';
  #ended = false;
  readonly blocks: Block[] = [];

  constructor(body: ReadableStream<Uint8Array>) {
    this.#reader = body.getReader();
    openReaders.add(this);
  }

  /** Waits until a block matches, or fails after `ms`. */
  async until(match: (block: Block) => boolean, ms: number): Promise<Block> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.blocks.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching SSE block within ${ms} ms; got ${JSON.stringify(this.blocks)}`);
      if (!(await this.#read(left))) throw new Error(`the stream ended; got ${JSON.stringify(this.blocks)}`);
    }
  }

  /** Reads whatever arrives within `ms` (to show that nothing more came). */
  async drain(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline && (await this.#read(deadline - Date.now())));
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Resolves false when the stream ended. */
  async #read(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const chunk = await Promise.race([
      this.#reader.read(),
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), ms);
      }),
    ]);
    clearTimeout(timer);
    if (chunk === 'timeout') return true;
    if (chunk.done) {
      this.#ended = true;
      return false;
    }
    this.#text += this.#decoder.decode(chunk.value, { stream: true });
    const parts = this.#text.split('\n\n');
    this.#text = parts.pop()!;
    for (const part of parts) this.blocks.push(parseBlock(part));
    return true;
  }

  /** The inbox items received, in order. */
  items(): InboxItem[] {
    return this.blocks.filter((b) => b.event === 'inbox').map((b) => (JSON.parse(b.data!) as { item: InboxItem }).item);
  }

  close(): Promise<void> {
    openReaders.delete(this);
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
