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
 *
 * One module per job: state.ts (the document, its base and storage), sync.ts (the exchange with the API).
 */
import {
  applyMergePatch,
  browserLanguages,
  defaultPreferences,
  jsonEqual,
  localeOf,
  validatePreferences,
} from '@matbakh/contract';
import { atom } from 'nanostores';
import { definePlugin } from '../plugin/define.ts';
import type { PluginContext } from '../plugin/types.ts';
import { createPreferencesState } from './state.ts';
import { createSync } from './sync.ts';
import type { PreferencesControls, PreferencesResult, PreferencesStatus } from './types.ts';

export * from './types.ts';

const CHANNEL = 'matbakh-preferences';

export const preferencesPlugin = () =>
  definePlugin({
    name: 'preferences',
    setup(ctx) {
      const { consent, writeKey } = ctx;
      const key = `mb.prefs.${writeKey}`;
      const granted = () => consent.status('preferences') === 'granted';
      const safe = <A extends unknown[], R>(where: string, fn: (...args: A) => R) =>
        ctx.guard(`preferences ${where}`, fn);
      const subject = subjectOf(ctx);
      const local = createPreferencesState(ctx.store, key, () => {
        const { anonymousId, userId } = subject();
        return userId ? `u:${userId}` : `a:${anonymousId}`;
      });
      const { $status, refresh } = statusOf(granted, local, () => sync);
      const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : undefined;
      const persist = () => {
        if (granted() && local.save()) channel?.postMessage(writeKey);
        refresh();
      };
      const { http, diagnostics } = ctx;
      const sync = createSync({ http, local, diagnostics, subject, granted, persist, refresh });

      let timer: ReturnType<typeof setTimeout> | undefined;
      const write = writer(ctx, local, persist, () => {
        if (!granted()) return;
        clearTimeout(timer);
        timer = setTimeout(safe('sync', sync.now));
      });

      // Start: the stored copy when allowed, then the server; without consent, memory only.
      let allowed = granted();
      if (allowed) {
        local.load();
        local.follow();
      } else if (consent.status('preferences') === 'denied') local.remove();
      refresh();

      const api = controls(local, $status, sync.now(), write, (listener) => safe('listener', listener));
      if (channel) {
        channel.onmessage = safe('tabs', (event: MessageEvent) => {
          if (event.data !== writeKey || !granted()) return;
          local.load();
          refresh();
        });
      }
      const onOnline = safe('online', sync.now);
      addEventListener('online', onOnline);

      const on = {
        consent() {
          const now = granted();
          if (now && !allowed) {
            // The session's changes (against the defaults, version 0) are stored and merged with the server's.
            local.follow();
            persist();
            void sync.now();
          } else if (!now) local.remove();
          allowed = now;
          refresh();
        },
        identify() {
          local.follow();
          persist();
          void sync.now();
        },
        reset() {
          local.clear();
          persist();
        },
        destroy() {
          clearTimeout(timer);
          channel?.close();
          removeEventListener('online', onOnline);
        },
      };
      return { api, on };
    },
  });

/** `$status`: where the document lives and how its sync stands; `refresh` after anything that changes it. */
function statusOf(
  granted: () => boolean,
  local: ReturnType<typeof createPreferencesState>,
  sync: () => ReturnType<typeof createSync>,
) {
  const $status = atom<PreferencesStatus>({ persistence: 'session', sync: 'off', pending: 0 });
  const refresh = () => {
    const on = granted();
    const error = sync().error();
    $status.set({
      persistence: on ? 'device' : 'session',
      sync: on ? sync().status() : 'off',
      pending: local.state.pending,
      ...(on && error !== undefined && { error }),
    });
  };
  return { $status, refresh };
}

/** Validated writes: a refused value answers the error and changes nothing; an accepted one is stored and synced. */
function writer(
  ctx: PluginContext,
  local: ReturnType<typeof createPreferencesState>,
  persist: () => void,
  schedule: () => void,
) {
  return (next: unknown): PreferencesResult => {
    try {
      const checked = validatePreferences(next);
      if (!checked.ok) return checked;
      if (!jsonEqual(checked.value, local.doc())) {
        local.state.$preferences.set(checked.value);
        local.state.pending++;
        persist();
        schedule();
      }
      return { ok: true };
    } catch (e) {
      ctx.diagnostics.report('preferences write', e);
      return { ok: false, error: { field: 'preferences', message: String(e) } };
    }
  };
}

/** Whose document: a proven user's (cross-device), else this browser's anonymous one. */
const subjectOf = (ctx: PluginContext) => (): Record<string, string> => {
  const { anonymousId, userId, userHash } = ctx.subject();
  return userId && userHash ? { anonymousId, userId, userHash } : { anonymousId };
};

function controls(
  local: ReturnType<typeof createPreferencesState>,
  $status: PreferencesControls['$status'],
  ready: Promise<void>,
  write: (next: unknown) => PreferencesResult,
  guarded: <A extends unknown[]>(listener: (...args: A) => void) => (...args: A) => void,
): PreferencesControls {
  const doc = local.doc;
  return {
    $preferences: local.state.$preferences,
    $status,
    ready,
    get: doc,
    subscribe: (listener) => local.state.$preferences.subscribe(guarded(listener)),
    set: (field, value) => write({ ...doc(), [field]: value }),
    update: (patch) =>
      patch !== null && typeof patch === 'object' && !Array.isArray(patch)
        ? write(applyMergePatch(doc(), patch))
        : { ok: false, error: { field: 'patch', message: 'patch must be an object (JSON merge patch)' } },
    setLayout: (dashboardId, layout) => write({ ...doc(), layout: { ...doc().layout, [dashboardId]: layout } }),
    reset: () => write({ ...doc(), ...defaultPreferences(), schema: doc().schema }),
    effectiveLocale: () => doc().locale ?? localeOf(browserLanguages()),
  };
}
