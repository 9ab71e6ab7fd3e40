import type { Preferences } from '@matbakh/contract';

/** `mb-preference-change`: the visitor changed a preference in the panel (and it was accepted). */
export interface PreferenceChangeDetail<K extends keyof Preferences = keyof Preferences> {
  key: K;
  value: Preferences[K];
}

export type MbPreferenceChangeEvent = CustomEvent<PreferenceChangeDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-preference-change': MbPreferenceChangeEvent;
  }
}
