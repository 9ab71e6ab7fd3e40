/**
 * First-party storage behind one small interface, so that tests and privacy-restricted browsers
 * (storage disabled, Safari private mode, sandboxed iframes) fall back to memory instead of throwing.
 */
export interface KeyValueStore {
  get(key: string): string | null;
  /** false when the browser refused the write (quota exceeded, storage disabled). */
  set(key: string, value: string): boolean;
  remove(key: string): void;
  keys(prefix: string): string[];
}

export function memoryStore(): KeyValueStore {
  const map = new Map<string, string>();
  return {
    get: (key) => map.get(key) ?? null,
    // Map#set answers the map: always a successful write.
    set: (key, value) => !!map.set(key, value),
    remove: (key) => void map.delete(key),
    keys: (prefix) => [...map.keys()].filter((k) => k.startsWith(prefix)),
  };
}

export function localStore(): KeyValueStore {
  let ls: Storage;
  try {
    ls = window.localStorage;
    ls.getItem('');
  } catch {
    return memoryStore();
  }
  // Any call may throw later (quota, storage cleared or disabled meanwhile): answer as if absent.
  const attempt = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch {
      return fallback;
    }
  };
  return {
    get: (key) => attempt(() => ls.getItem(key), null),
    set: (key, value) =>
      attempt(() => {
        ls.setItem(key, value);
        return true;
      }, false),
    remove: (key) => attempt(() => ls.removeItem(key), undefined),
    keys: (prefix) => attempt(() => Object.keys(ls).filter((key) => key.startsWith(prefix)), []),
  };
}

/** Parses stored JSON; anything unreadable counts as absent (and is removed by the caller). */
export function readJson<T>(store: KeyValueStore, key: string, isValid: (value: unknown) => value is T): T | undefined {
  const raw = store.get(key);
  if (raw === null) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    if (isValid(value)) return value;
  } catch {
    // corrupted: fall through
  }
  store.remove(key);
  return undefined;
}
