/**
 * Registers `<mb-consent-banner>` (guarded: loading matbakh twice is a no-op, never an exception).
 * Import this file for the side effect; import `consent-banner.component.ts` for the class alone.
 */
import { VERSION } from '@matbakh/sdk';
import { defineElement } from '../shared/define.ts';
import { MbConsentBanner } from './consent-banner.component.ts';

export type { ConsentChangeDetail } from '../shared/consent-events.ts';
export type { BannerLayout } from './consent-banner.component.ts';
export { MbConsentBanner };

export const CONSENT_BANNER_TAG = 'mb-consent-banner';
defineElement(CONSENT_BANNER_TAG, MbConsentBanner, VERSION);

declare global {
  interface HTMLElementTagNameMap {
    'mb-consent-banner': MbConsentBanner;
  }
}
