import type {
  BadRequest,
  DashboardLayout,
  Locale,
  Preferences,
  PreferencesDocument,
  PreferencesPatch,
} from '@matbakh/contract';
import type { ReadableAtom } from 'nanostores';
import type { Client } from '../types.ts';

/** What a write answers: it never throws, and a refused value changes nothing. */
export type PreferencesResult = { ok: true } | { ok: false; error: BadRequest };

export interface PreferencesStatus {
  /** `device`: stored and synced (the `preferences` category is granted); `session`: in memory for this page only. */
  persistence: 'session' | 'device';
  /** `off` while not granted; `offline` until the browser is back online; `error` with `error` set. */
  sync: 'idle' | 'syncing' | 'offline' | 'error' | 'off';
  /** Local writes the server has not confirmed yet. */
  pending: number;
  error?: string;
}

/** `client.preferences`: see {@link preferencesPlugin}. */
export interface PreferencesControls {
  /** The current document; a new object on every change (treat it as read-only). */
  readonly $preferences: ReadableAtom<PreferencesDocument>;
  readonly $status: ReadableAtom<PreferencesStatus>;
  /** The first load and sync are done (or skipped: no consent). Never rejects. */
  readonly ready: Promise<void>;
  /** Synchronous, from memory. */
  get(): PreferencesDocument;
  /** Called at once with the current document, then on every change; answers the unsubscribe function. */
  subscribe(listener: (preferences: PreferencesDocument) => void): () => void;
  /** Replaces one top-level field (`undefined`: back to its default). */
  set<K extends keyof Preferences>(key: K, value: Preferences[K]): PreferencesResult;
  /** A JSON merge patch (RFC 7396): objects merge, arrays and scalars replace, `null` resets to the default. */
  update(patch: PreferencesPatch): PreferencesResult;
  /** One dashboard's arrangement. */
  setLayout(dashboardId: string, layout: DashboardLayout): PreferencesResult;
  /** Every known field back to its default (keys of a newer schema are kept). */
  reset(): PreferencesResult;
  /** The chosen locale, else the first of `navigator.languages` we support, else `de`. */
  effectiveLocale(): Locale;
}

/** A client created with {@link preferencesPlugin}. */
export type PreferencesClient = Client & { preferences: PreferencesControls };

declare module '../plugin/types.ts' {
  interface PluginApis {
    preferences: PreferencesControls;
  }
}
