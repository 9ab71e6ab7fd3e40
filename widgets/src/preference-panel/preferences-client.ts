import type { Locale, Preferences, PreferencesDocument } from '@matbakh/contract';
import { isObject } from '@matbakh/contract';
import { ClientController, type ClientHost, type Listenable } from '../shared/client-controller.ts';

/** Result of a preference write: refused values name the field (e.g. `notifications.maxPerDay`). */
export type PreferenceWriteResult = { ok: true } | { ok: false; error: { field: string; message: string } };

/** Where preferences live and how syncing goes (the preferences plugin's `$status`). */
export interface PreferencesStatus {
  /** `session`: the `preferences` consent category is not granted, so nothing outlives this visit. */
  persistence: 'session' | 'device';
  sync: 'idle' | 'syncing' | 'offline' | 'error' | 'off';
  /** Writes waiting to reach the server. */
  pending: number;
  error?: string;
}

/**
 * The part of a matbakh client `<mb-preference-panel>` uses: the preferences plugin's API
 * (`client.preferences`). Narrow on purpose, so a partner's own implementation, or the fake in
 * `widgets/test-support/fake-preferences-client.ts`, works too.
 */
export interface PreferencesClient {
  preferences: {
    $preferences: Listenable & { get(): PreferencesDocument };
    $status: Listenable & { get(): PreferencesStatus };
    get(): PreferencesDocument;
    set<K extends keyof Preferences>(key: K, value: Preferences[K]): PreferenceWriteResult;
    /** The language the widgets speak: the chosen one, else detected from the browser. */
    effectiveLocale?(): Locale;
  };
}

const isStore = (value: unknown) =>
  isObject(value) && typeof value.get === 'function' && typeof value.listen === 'function';

/** Duck-typed: a client with the preferences plugin (or anything shaped like one). */
export function isPreferencesClient(value: unknown): value is PreferencesClient {
  if (!isObject(value) || !isObject(value.preferences)) return false;
  const { preferences } = value;
  return (
    isStore(preferences.$preferences) &&
    isStore(preferences.$status) &&
    typeof preferences.get === 'function' &&
    typeof preferences.set === 'function'
  );
}

/** Connects a widget to a {@link PreferencesClient}; re-renders it when preferences or their status change. */
export class PreferencesClientController extends ClientController<PreferencesClient> {
  constructor(host: ClientHost<PreferencesClient>, onClient?: (client: PreferencesClient) => void) {
    super(host, {
      accept: isPreferencesClient,
      stores: (client) => [client.preferences.$preferences, client.preferences.$status],
      onClient,
    });
  }
}
