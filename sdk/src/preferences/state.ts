import {
  defaultPreferences,
  jsonEqual,
  mergePreferences,
  type PreferencesDocument,
  validatePreferences,
} from '@matbakh/contract';
import { atom } from 'nanostores';
import type { KeyValueStore } from '../util/storage.ts';

/** The stored form: document, base (last synced), its version, pending writes, owner (subject key). */
interface Saved {
  d: unknown;
  b: unknown;
  v: number;
  n: number;
  k: string;
}

/**
 * The visitor's document and what sync needs to know about it: the base (last synced state), its version, the
 * number of writes the server has not confirmed, and whose document it is. Stored under `key` (only when the
 * caller says it may be); every stored change is announced to other tabs through `announce`.
 */
export function createPreferencesState(store: KeyValueStore, key: string, ownerOf: () => string) {
  const base = defaultPreferences();
  const state = { base, version: 0, pending: 0, owner: ownerOf(), $preferences: atom<PreferencesDocument>(base) };
  const doc = () => state.$preferences.get();

  const save = (): boolean =>
    store.set(key, JSON.stringify({ d: doc(), b: state.base, v: state.version, n: state.pending, k: state.owner }));

  /** The stored copy, validated (and migrated); anything unreadable is removed. */
  const load = () => {
    let saved: Saved | undefined;
    try {
      saved = JSON.parse(store.get(key) ?? 'null') ?? undefined;
    } catch {}
    if (!saved) return;
    const d = validatePreferences(saved.d);
    const b = validatePreferences(saved.b);
    if (!d.ok || !b.ok || !Number.isInteger(saved.v) || !Number.isInteger(saved.n)) return store.remove(key);
    state.base = b.value;
    state.version = saved.v;
    state.pending = saved.n;
    state.owner = saved.k;
    if (!jsonEqual(d.value, doc())) state.$preferences.set(d.value);
  };

  /** Another subject (identify, or a stored copy of someone before): its document is used, ours merged in. */
  const follow = () => {
    const next = ownerOf();
    if (next === state.owner) return;
    state.owner = next;
    state.version = 0;
    if (!jsonEqual(doc(), state.base)) state.pending ||= 1;
  };

  /** The server's state arrived (200 or 412): merge what we changed since the base into it. */
  const adopt = (theirs: PreferencesDocument, serverVersion: number) => {
    const mine = doc();
    let next = mine;
    if (serverVersion > 0) {
      const merged = validatePreferences(mergePreferences(state.base, mine, theirs));
      // A merge can overflow a limit (two sides adding favourites): then the local document goes as it is.
      next = merged.ok ? merged.value : mine;
    }
    state.base = theirs;
    state.version = serverVersion;
    state.pending = jsonEqual(next, theirs) ? 0 : Math.max(state.pending, 1);
    if (!jsonEqual(next, mine)) state.$preferences.set(next);
  };

  /** Forgets the document with the user (`reset()`). */
  const clear = () => {
    state.base = defaultPreferences();
    state.version = state.pending = 0;
    state.owner = ownerOf();
    state.$preferences.set(state.base);
  };

  return { state, doc, save, load, follow, adopt, clear, remove: () => store.remove(key) };
}

export type PreferencesState = ReturnType<typeof createPreferencesState>;
