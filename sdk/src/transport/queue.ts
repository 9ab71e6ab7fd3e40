import type { Message } from '@matbakh/contract';
import type { KeyValueStore } from '../util/storage.ts';
import { uuid } from '../util/uuid.ts';
import type { DeliveryStats } from './stats.ts';

const PERSIST_DELAY_MS = 250;

export interface QueuedMessage {
  message: Message;
  /** Serialized length, for the batch and beacon size limits. */
  size: number;
}

export interface QueueOptions {
  store: KeyValueStore;
  /** Storage key prefix, per write key: each tab persists under `${prefix}.${tabId}`. */
  prefix: string;
  maxItems: number;
  maxBytes: number;
  stats: DeliveryStats;
}

/**
 * Undelivered messages, mirrored to first-party storage so they survive reloads and offline periods.
 * Each tab owns one storage entry and holds a Web Lock named after it while alive; a tab that starts
 * adopts the entries whose lock nobody holds (tabs that closed with messages undelivered).
 */
// Long because: core (6 KB budget): one closure of small named functions sharing the queue's items and storage;
// split, the shared state would travel as object properties the minifier cannot shorten.
export function createQueue({ store, prefix, maxItems, maxBytes, stats }: QueueOptions) {
  const ownKey = `${prefix}.${uuid()}`;
  let items: QueuedMessage[] = [];
  let bytes = 0;
  let writeScheduled = false;
  let releaseLock: (() => void) | undefined;
  let released = false;

  const enforceBounds = () => {
    let drop = 0;
    while (items.length - drop > maxItems || (bytes > maxBytes && drop < items.length)) {
      bytes -= (items[drop] as QueuedMessage).size;
      drop++;
    }
    if (drop) {
      items.splice(0, drop);
      stats.dropped += drop;
    }
  };

  const write = () => {
    writeScheduled = false;
    if (released) return; // another client may have adopted our entry by now
    if (!items.length) return store.remove(ownKey);
    holdLock();
    let list = items.map((item) => item.message);
    // Over quota: keep the newest half until it fits; the rest stays in memory for this page.
    while (!store.set(ownKey, JSON.stringify({ t: Date.now(), q: list }))) {
      stats.storageFull++;
      if (list.length <= 1) return store.remove(ownKey);
      list = list.slice(Math.ceil(list.length / 2));
    }
  };

  function holdLock() {
    if (releaseLock || !navigator.locks) return;
    const held = new Promise<void>((resolve) => {
      releaseLock = resolve;
    });
    navigator.locks.request(ownKey, () => held).catch(() => {});
  }

  const has = (id: string) => items.some((item) => item.message.messageId === id);

  return {
    get items(): readonly QueuedMessage[] {
      return items;
    },
    push(message: Message, size: number) {
      items.push({ message, size });
      bytes += size;
      enforceBounds();
      this.persistSoon();
    },
    remove(ids: ReadonlySet<string>) {
      items = items.filter((item) => !ids.has(item.message.messageId));
      bytes = items.reduce((sum, item) => sum + item.size, 0);
      this.persistSoon();
    },
    /**
     * Coalesces storage writes: a burst of track calls, or a backlog delivered batch after batch, is
     * written once, not once per change. Leaving the page writes at once (`persistNow`).
     */
    persistSoon() {
      if (writeScheduled) return;
      writeScheduled = true;
      setTimeout(write, PERSIST_DELAY_MS);
    },
    /** Synchronous write, for `pagehide`, when no microtask may run any more. */
    persistNow: write,
    /** Lets another client (a later page load, another tab) adopt what is left. */
    release() {
      released = true;
      releaseLock?.();
    },
    clear() {
      items = [];
      bytes = 0;
      store.remove(ownKey);
    },
    /**
     * Takes over what closed tabs (or earlier page loads) left undelivered. Each entry is taken under its
     * Web Lock: at once when its tab is gone, or as soon as a tab that is still open closes.
     */
    adoptOrphans(onAdopted: () => void) {
      for (const key of store.keys(`${prefix}.`)) {
        if (key === ownKey) continue;
        const adopt = () => {
          const raw = store.get(key);
          store.remove(key);
          let adopted = 0;
          for (const message of parseStored(raw, stats)) {
            if (has(message.messageId)) continue;
            items.push({ message, size: JSON.stringify(message).length });
            bytes += (items.at(-1) as QueuedMessage).size;
            adopted++;
          }
          // Order does not matter on the wire: every message carries its own timestamp.
          if (adopted) {
            enforceBounds();
            this.persistSoon();
            onAdopted();
          }
        };
        if (navigator.locks) navigator.locks.request(key, adopt).catch(() => {});
        else adopt();
      }
    },
  };
}

export type Queue = ReturnType<typeof createQueue>;

function parseStored(raw: string | null, stats: DeliveryStats): Message[] {
  let list: unknown;
  try {
    list = raw && (JSON.parse(raw) as { q?: unknown }).q;
  } catch {
    // unreadable: counted below
  }
  if (!Array.isArray(list)) {
    if (raw !== null) stats.corrupted++;
    return [];
  }
  const valid = list.filter((m): m is Message => typeof m?.messageId === 'string' && typeof m.type === 'string');
  stats.corrupted += list.length - valid.length;
  return valid;
}
