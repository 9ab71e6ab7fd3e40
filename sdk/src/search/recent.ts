/**
 * Recent searches: kept on this device only, and only while the guest grants the preferences consent (their own
 * convenience, not profiling); never sent anywhere. Withdrawing the consent or `clear()` removes them.
 */
import type { ConsentGate } from '../consent/index.ts';
import type { KeyValueStore } from '../util/storage.ts';

/** The most recent first, each text once (case-insensitive). */
export const RECENT_SEARCHES_MAX = 5;
const MAX_LENGTH = 100;

export interface RecentSearches {
  list(): string[];
  add(text: string): void;
  clear(): void;
  /** Call when the consent changes: without the preferences grant, the stored list is removed. */
  consentChanged(): void;
}

const isList = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

export function recentSearches(store: KeyValueStore, consent: ConsentGate, writeKey: string): RecentSearches {
  const key = `mb.search.recent.${writeKey}`;
  const allowed = () => consent.status('preferences') === 'granted';
  const read = (): string[] => {
    const raw = store.get(key);
    if (raw === null) return [];
    try {
      const value: unknown = JSON.parse(raw);
      if (isList(value)) return value.slice(0, RECENT_SEARCHES_MAX);
    } catch {
      // unreadable: dropped below
    }
    store.remove(key);
    return [];
  };
  return {
    list: () => (allowed() ? read() : []),
    add(text) {
      const entry = text.trim().slice(0, MAX_LENGTH);
      if (entry === '' || !allowed()) return;
      const rest = read().filter((old) => old.toLocaleLowerCase() !== entry.toLocaleLowerCase());
      store.set(key, JSON.stringify([entry, ...rest].slice(0, RECENT_SEARCHES_MAX)));
    },
    clear: () => store.remove(key),
    consentChanged() {
      if (!allowed()) store.remove(key);
    },
  };
}
