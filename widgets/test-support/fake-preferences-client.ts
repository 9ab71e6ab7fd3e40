/**
 * An in-memory preferences client for tests and stories: the document and the sync status in nanostores
 * atoms, writes validated by the contract (the same field names the SDK reports) and applied at once. It
 * implements the preferences plugin's interface (`client.preferences`), not its logic: no storage, no server.
 *
 * ```ts
 * const client = createFakePreferencesClient({ persistence: 'session', preferences: { theme: 'dark' } });
 * html`<mb-preference-panel .client=${client}></mb-preference-panel>`;
 * client.calls; // [['set', 'theme', 'light']]
 * ```
 */
import {
  type DashboardLayout,
  defaultPreferences,
  type Locale,
  type Preferences,
  type PreferencesDocument,
  validatePreferences,
} from '@matbakh/contract';
import { atom, type PreinitializedWritableAtom } from 'nanostores';
import type {
  PreferencesClient,
  PreferencesStatus,
  PreferenceWriteResult,
} from '../src/preference-panel/preferences-client.ts';
import { resolveLocale } from '../src/shared/i18n.ts';

export interface FakePreferencesClientOptions {
  /** Start from the defaults with these fields replaced. */
  preferences?: Partial<Preferences>;
  /** `device` (default) or `session` (the `preferences` consent category is not granted). */
  persistence?: PreferencesStatus['persistence'];
  sync?: PreferencesStatus['sync'];
  /** Refuse writes touching these fields (`'theme'`, `'notifications.maxPerDay'`, …) with the message given. */
  refuse?: Record<string, string>;
}

export interface FakePreferencesClient extends PreferencesClient {
  readonly $preferences: PreinitializedWritableAtom<PreferencesDocument>;
  readonly $status: PreinitializedWritableAtom<PreferencesStatus>;
  /** Every write made on the fake, in order: `[method, ...args]`. */
  readonly calls: unknown[][];
  options: FakePreferencesClientOptions;
  preferences: PreferencesClient['preferences'] & {
    subscribe(listener: (value: PreferencesDocument) => void): () => void;
    update(patch: Partial<Preferences>): PreferenceWriteResult;
    setLayout(dashboardId: string, layout: DashboardLayout): PreferenceWriteResult;
    reset(): PreferenceWriteResult;
    effectiveLocale(): Locale;
  };
}

export function createFakePreferencesClient(options: FakePreferencesClientOptions = {}): FakePreferencesClient {
  const $preferences = atom<PreferencesDocument>({
    ...defaultPreferences(),
    ...structuredClone(options.preferences),
  } as PreferencesDocument);
  const $status = atom<PreferencesStatus>({
    persistence: options.persistence ?? 'device',
    sync: options.sync ?? 'idle',
    pending: 0,
  });
  const calls: unknown[][] = [];

  const write = (patch: Record<string, unknown>): PreferenceWriteResult => {
    for (const [field, message] of Object.entries(fake.options.refuse ?? {})) {
      const top = field.split('.')[0] as string;
      if (Object.hasOwn(patch, top)) return { ok: false, error: { field, message } };
    }
    const checked = validatePreferences({ ...$preferences.get(), ...structuredClone(patch) });
    if (!checked.ok) return { ok: false, error: { field: checked.error.field, message: checked.error.message } };
    $preferences.set(checked.value);
    return { ok: true };
  };

  const fake: FakePreferencesClient = {
    $preferences,
    $status,
    calls,
    options,
    preferences: {
      $preferences,
      $status,
      get: () => $preferences.get(),
      subscribe: (listener) => $preferences.subscribe(listener),
      set(key, value) {
        calls.push(['set', key, structuredClone(value)]);
        return write({ [key]: value });
      },
      update(patch) {
        calls.push(['update', structuredClone(patch)]);
        return write(patch);
      },
      setLayout(dashboardId, layout) {
        calls.push(['setLayout', dashboardId, structuredClone(layout)]);
        return write({ layout: { ...$preferences.get().layout, [dashboardId]: layout } });
      },
      reset() {
        calls.push(['reset']);
        $preferences.set(defaultPreferences() as PreferencesDocument);
        return { ok: true };
      },
      effectiveLocale: () => resolveLocale($preferences.get().locale),
    },
  };
  return fake;
}
