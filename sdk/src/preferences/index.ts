/**
 * Saved preferences as a plugin of the core client: a local-first store synced with `/v1/preferences`.
 *
 * ```ts
 * import { createClient } from '@matbakh/sdk';
 * import { preferencesPlugin, type PreferencesClient } from '@matbakh/sdk/preferences';
 * const client = createClient({ writeKey: 'pk_…', plugins: [preferencesPlugin()] }) as PreferencesClient;
 * client.preferences.subscribe((prefs) => applyTheme(prefs.theme));
 * client.preferences.set('theme', 'dark');             // { ok: true }, applied at once
 * client.preferences.update({ diet: ['vegan'] });      // JSON merge patch
 * ```
 *
 * - Reads are synchronous from memory; writes are validated (`validatePreferences` of the contract: a refused
 *   value answers `{ ok: false, error: { field, message } }` and changes nothing), applied at once, then synced.
 * - Sync: `PUT` of the whole document with `If-Match: "<version>"` of the last synced state (the base); on 412 the
 *   server's current document is merged with `mergePreferences(base, mine, theirs)` and sent again. Without local
 *   changes a `GET` adopts the server's document. An empty server (version 0) never overwrites local state.
 * - Offline (fetch fails, `navigator.onLine` false): writes stay stored and pending; sent on `online`, the next
 *   write or the next page load.
 * - Consent: storage (`mb.prefs.<writeKey>`) and the server only while `preferences` is granted; otherwise memory
 *   for this page (`$status.persistence === 'session'`). A later grant stores and syncs the session's changes; a
 *   withdrawal removes the stored copy (the page keeps its memory copy).
 * - Tabs: every stored change is announced on a BroadcastChannel; other tabs (and clients) re-read the store.
 * - Identity: after `identify(userId, …, { userHash })` the user's document is used (the same on every device);
 *   changes not yet synced are merged into it. `reset()` forgets the preferences with the user.
 */
import {
  applyMergePatch,
  defaultPreferences,
  jsonEqual,
  LOCALES,
  type Locale,
  mergePreferences,
  type PreferencesDocument,
  validatePreferences,
} from '@matbakh/contract';
import { atom } from 'nanostores';
import type { Plugin } from '../plugin.ts';
import { guard } from '../util/diagnostics.ts';
import type { PreferencesClient, PreferencesControls, PreferencesResult, PreferencesStatus } from './types.ts';

export * from './types.ts';

/** The stored form: document, base (last synced), its version, pending writes, owner (subject key). */
interface Saved {
  d: unknown;
  b: unknown;
  v: number;
  n: number;
  k: string;
}

interface Answer {
  status: number;
  body?: { preferences?: PreferencesDocument; version?: number; error?: { message?: string } };
}

const CHANNEL = 'matbakh-preferences';
const MAX_ROUNDS = 5;

export function preferencesPlugin(): Plugin {
  return (context) => {
    const { client, consent, store, api, writeKey, diagnostics } = context;
    const host = client as PreferencesClient;
    if (host.preferences) return;
    const key = `mb.prefs.${writeKey}`;
    const granted = () => consent.status('preferences') === 'granted';
    const safe = <A extends unknown[], R>(where: string, fn: (...args: A) => R) =>
      guard(diagnostics, `preferences ${where}`, fn);
    /** Whose document: a proven user's (cross-device), else this browser's anonymous one. */
    const subject = (): Record<string, string> => {
      const { anonymousId, userId, userHash } = context.subject();
      return userId && userHash ? { anonymousId, userId, userHash } : { anonymousId };
    };
    const ownerOf = () => {
      const { anonymousId, userId } = subject();
      return userId ? `u:${userId}` : `a:${anonymousId}`;
    };

    let base = defaultPreferences();
    let version = 0;
    let pending = 0;
    let owner = ownerOf();
    let sync: PreferencesStatus['sync'] = 'idle';
    let error: string | undefined;
    const $preferences = atom<PreferencesDocument>(base);
    const $status = atom<PreferencesStatus>({ persistence: 'session', sync: 'off', pending });
    const doc = () => $preferences.get();
    const refresh = () => {
      const on = granted();
      $status.set({
        persistence: on ? 'device' : 'session',
        sync: on ? sync : 'off',
        pending,
        ...(on && error !== undefined && { error }),
      });
    };

    const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : undefined;
    const persist = () => {
      if (granted() && store.set(key, JSON.stringify({ d: doc(), b: base, v: version, n: pending, k: owner }))) {
        channel?.postMessage(writeKey);
      }
      refresh();
    };
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
      base = b.value;
      version = saved.v;
      pending = saved.n;
      owner = saved.k;
      if (!jsonEqual(d.value, doc())) $preferences.set(d.value);
    };

    /** Another subject (identify, or a stored copy of someone before): its document is used, ours merged in. */
    const follow = () => {
      const next = ownerOf();
      if (next === owner) return;
      owner = next;
      version = 0;
      if (!jsonEqual(doc(), base)) pending ||= 1;
    };

    /** The server's state arrived (200 or 412): merge what we changed since the base into it. */
    const adopt = (theirs: PreferencesDocument, serverVersion: number) => {
      const mine = doc();
      let next = mine;
      if (serverVersion > 0) {
        const merged = validatePreferences(mergePreferences(base, mine, theirs));
        // A merge can overflow a limit (two sides adding favourites): then the local document goes as it is.
        next = merged.ok ? merged.value : mine;
      }
      base = theirs;
      version = serverVersion;
      pending = jsonEqual(next, theirs) ? 0 : Math.max(pending, 1);
      if (!jsonEqual(next, mine)) $preferences.set(next);
    };

    const request = async (method: 'GET' | 'PUT', body?: PreferencesDocument): Promise<Answer> => {
      const query = new URLSearchParams({ writeKey, ...subject() });
      try {
        const response = await fetch(`${api}/v1/preferences?${query}`, {
          method,
          credentials: 'omit',
          ...(body && {
            body: JSON.stringify(body),
            headers: { 'Content-Type': 'application/json', 'If-Match': `"${version}"` },
          }),
        });
        return { status: response.status, body: await response.json().catch(() => undefined) };
      } catch {
        return { status: 0 };
      }
    };

    let running: Promise<void> | undefined;
    let again = false;
    /** One exchange at a time; a write during one runs another round after it. */
    const syncNow = (): Promise<void> => {
      if (!granted()) return Promise.resolve();
      if (running) {
        again = true;
        return running;
      }
      const rounds = async () => {
        for (let round = 0; round < MAX_ROUNDS; round++) {
          again = false;
          if (navigator.onLine === false) {
            sync = 'offline';
            return;
          }
          sync = 'syncing';
          refresh();
          const asked = owner;
          const answer = await request(pending ? 'PUT' : 'GET', pending ? doc() : undefined);
          if (!granted()) return;
          const { preferences, version: v } = answer.body ?? {};
          if (asked !== owner) continue;
          if ((answer.status === 200 || answer.status === 412) && preferences && typeof v === 'number') {
            const theirs = validatePreferences(preferences);
            if (theirs.ok) adopt(theirs.value, v);
            persist();
            error = undefined;
            sync = 'idle';
            if (!pending && !again) return;
          } else {
            sync = answer.status === 0 ? 'offline' : 'error';
            error = answer.status === 0 ? 'network error' : `${answer.status} ${answer.body?.error?.message ?? ''}`;
            return;
          }
        }
      };
      running = rounds()
        .catch((e) => diagnostics.report('preferences sync', e))
        .finally(() => {
          running = undefined;
          refresh();
        });
      return running;
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(safe('sync', syncNow));
    };

    const write = (next: unknown): PreferencesResult => {
      try {
        const checked = validatePreferences(next);
        if (!checked.ok) return checked;
        if (!jsonEqual(checked.value, doc())) {
          $preferences.set(checked.value);
          pending++;
          persist();
          if (granted()) schedule();
        }
        return { ok: true };
      } catch (e) {
        diagnostics.report('preferences write', e);
        return { ok: false, error: { field: 'preferences', message: String(e) } };
      }
    };

    const detect = (): Locale => {
      for (const tag of navigator.languages ?? [navigator.language]) {
        const primary = tag.slice(0, 2).toLowerCase() as Locale;
        if (LOCALES.includes(primary)) return primary;
      }
      return 'de';
    };

    // Start: the stored copy when allowed, then the server; without consent, memory only.
    let allowed = granted();
    if (allowed) {
      load();
      follow();
    } else if (consent.status('preferences') === 'denied') store.remove(key);
    refresh();

    const controls: PreferencesControls = {
      $preferences,
      $status,
      ready: syncNow(),
      get: doc,
      subscribe: (listener) => $preferences.subscribe(safe('listener', listener)),
      set: (field, value) => write({ ...doc(), [field]: value }),
      update: (patch) =>
        patch !== null && typeof patch === 'object' && !Array.isArray(patch)
          ? write(applyMergePatch(doc(), patch))
          : { ok: false, error: { field: 'patch', message: 'patch must be an object (JSON merge patch)' } },
      setLayout: (dashboardId, layout) => write({ ...doc(), layout: { ...doc().layout, [dashboardId]: layout } }),
      reset: () => write({ ...doc(), ...defaultPreferences(), schema: doc().schema }),
      effectiveLocale: () => doc().locale ?? detect(),
    };

    const onConsent = safe('consent', () => {
      const now = granted();
      if (now && !allowed) {
        // The session's changes (against the defaults, version 0) are stored and merged with the server's.
        follow();
        persist();
        void syncNow();
      } else if (!now) store.remove(key);
      allowed = now;
      refresh();
    });
    const unlisten = consent.onChange(onConsent);
    if (channel) {
      channel.onmessage = safe('tabs', (event: MessageEvent) => {
        if (event.data !== writeKey || !granted()) return;
        load();
        refresh();
      });
    }
    const onOnline = safe('online', syncNow);
    addEventListener('online', onOnline);

    const { identify, reset, destroy } = client;
    client.identify = (...args) => {
      identify(...args);
      safe('identify', () => {
        follow();
        persist();
        void syncNow();
      })();
    };
    client.reset = () => {
      reset();
      safe('reset', () => {
        base = defaultPreferences();
        version = pending = 0;
        owner = ownerOf();
        $preferences.set(base);
        persist();
      })();
    };
    client.destroy = () => {
      clearTimeout(timer);
      unlisten();
      channel?.close();
      removeEventListener('online', onOnline);
      destroy();
    };
    host.preferences = controls;
  };
}
