/**
 * Registers `<mb-privacy-center>` (guarded: loading matbakh twice is a no-op, never an exception).
 * Import this file for the side effect; import `privacy-center.component.ts` for the class alone.
 */
import { VERSION } from '@matbakh/sdk';
import { defineElement } from '../shared/define.ts';
import { MbPrivacyCenter } from './privacy-center.component.ts';

export type {
  ConsentChangeDetail,
  PrivacyCloseDetail,
  PrivacyEraseDetail,
  PrivacyExportDetail,
} from '../shared/consent-events.ts';
export type { PrivacyCenterMode } from './privacy-center.component.ts';
export { MbPrivacyCenter };

export const PRIVACY_CENTER_TAG = 'mb-privacy-center';
defineElement(PRIVACY_CENTER_TAG, MbPrivacyCenter, VERSION);

declare global {
  interface HTMLElementTagNameMap {
    'mb-privacy-center': MbPrivacyCenter;
  }
}
