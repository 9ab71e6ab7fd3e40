/**
 * The consent widgets' event types, kept at this path for partners who import them from here (e.g.
 * examples/react-host). The declarations live one per event in `../events/`.
 */
export type { ConsentChangeDetail } from '../events/mb-consent-change.ts';
export type { PrivacyCloseDetail } from '../events/mb-privacy-close.ts';
export type { PrivacyEraseDetail } from '../events/mb-privacy-erase.ts';
export type { PrivacyExportDetail } from '../events/mb-privacy-export.ts';
export type { MbPrivacyOpenEvent } from '../events/mb-privacy-open.ts';
