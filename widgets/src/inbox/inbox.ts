/**
 * Registers `<mb-inbox>` (guarded: loading matbakh twice is a no-op, never an exception).
 * Import this file for the side effect; import `inbox.component.ts` for the class alone.
 */
import { VERSION } from '@matbakh/sdk';
import { defineElement } from '../shared/define.ts';
import { MbInbox } from './inbox.component.ts';

export type { InboxClient, InboxItemOpenDetail, InboxReadDetail, InboxView } from './inbox-client.ts';
export { MbInbox };

export const INBOX_TAG = 'mb-inbox';
defineElement(INBOX_TAG, MbInbox, VERSION);

declare global {
  interface HTMLElementTagNameMap {
    'mb-inbox': MbInbox;
  }
}
