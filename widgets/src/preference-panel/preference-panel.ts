/**
 * Registers `<mb-preference-panel>` (guarded: loading matbakh twice is a no-op, never an exception).
 * Import this file for the side effect; import `preference-panel.component.ts` for the class alone.
 */
import { VERSION } from '@matbakh/sdk';
import { defineElement } from '../shared/define.ts';
import { MbPreferencePanel } from './preference-panel.component.ts';

export type { PreferenceChangeDetail } from './preference-panel.component.ts';
export type { PreferencesClient, PreferencesStatus, PreferenceWriteResult } from './preferences-client.ts';
export { MbPreferencePanel };

export const PREFERENCE_PANEL_TAG = 'mb-preference-panel';
defineElement(PREFERENCE_PANEL_TAG, MbPreferencePanel, VERSION);

declare global {
  interface HTMLElementTagNameMap {
    'mb-preference-panel': MbPreferencePanel;
  }
}
