import type { CatalogSnapshot } from '@matbakh/contract';
import type { KeyValueStore } from '../util/storage.ts';
import type { LocalOrder } from './ranker.ts';
import type { RecommendationsResult } from './types.ts';

/** What the device keeps for recommendations: in memory always, in storage only while `allowed()`. */
export interface LocalState {
  /** Orders seen through `Order Completed` (only recorded while personalization is allowed). */
  orders: LocalOrder[];
  /** Items the visitor asked more of. */
  liked: string[];
  /** Items the visitor is not interested in. */
  excluded: Set<string>;
  cache: Map<string, CacheEntry>;
  catalog?: { at: number; region: string; snapshot: CatalogSnapshot };
}

export interface CacheEntry {
  at: number;
  result: RecommendationsResult;
}

const MAX_ORDERS = 50;
const MAX_IDS = 100;
const MAX_CACHED = 12;

interface Stored {
  o: LocalOrder[];
  l: string[];
  x: string[];
  c: [string, CacheEntry][];
  k?: LocalState['catalog'];
}

const isStored = (value: unknown): value is Stored =>
  typeof value === 'object' &&
  value !== null &&
  Array.isArray((value as Stored).o) &&
  Array.isArray((value as Stored).l) &&
  Array.isArray((value as Stored).x) &&
  Array.isArray((value as Stored).c);

/**
 * The device-side memory of the plugin under one storage key, `mb.reco.<writeKey>` (the privacy layer's erase
 * removes it with the other per-write-key keys). `save()` writes only while `allowed()`; `forget()` empties
 * memory and storage (personalization withdrawn).
 */
export function createLocalState(store: KeyValueStore, writeKey: string, allowed: () => boolean) {
  const key = `mb.reco.${writeKey}`;
  const empty = (): LocalState => ({ orders: [], liked: [], excluded: new Set(), cache: new Map() });
  const state = empty();

  const load = () => {
    if (!allowed()) return;
    const raw = store.get(key);
    if (raw === null) return;
    try {
      const stored: unknown = JSON.parse(raw);
      if (!isStored(stored)) throw new TypeError('unreadable');
      state.orders = stored.o.filter((o) => Array.isArray(o?.ids) && Number.isInteger(o.hour)).slice(-MAX_ORDERS);
      state.liked = stored.l.filter((id) => typeof id === 'string');
      for (const id of stored.x) if (typeof id === 'string') state.excluded.add(id);
      for (const [k, entry] of stored.c) if (!state.cache.has(k) && entry?.result) state.cache.set(k, entry);
      if (stored.k && !state.catalog) state.catalog = stored.k;
    } catch {
      store.remove(key);
    }
  };

  let scheduled = false;
  const save = () => {
    if (scheduled || !allowed()) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      if (!allowed()) return;
      // Only results ranked with consent are worth keeping across pages; the newest few.
      const cached = [...state.cache].slice(-MAX_CACHED);
      const stored: Stored = {
        o: state.orders.slice(-MAX_ORDERS),
        l: state.liked.slice(-MAX_IDS),
        x: [...state.excluded].slice(-MAX_IDS),
        c: cached,
        k: state.catalog,
      };
      if (!store.set(key, JSON.stringify(stored))) {
        // Quota: the catalogue is the big part and can be fetched again.
        store.set(key, JSON.stringify({ ...stored, k: undefined }));
      }
    });
  };

  const forget = () => {
    Object.assign(state, empty());
    store.remove(key);
  };

  const addOrder = (order: LocalOrder) => {
    state.orders.push(order);
    if (state.orders.length > MAX_ORDERS) state.orders.shift();
    save();
  };

  return { state, key, load, save, forget, addOrder };
}

export type LocalStore = ReturnType<typeof createLocalState>;
