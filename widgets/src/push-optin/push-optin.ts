/**
 * Registers `<mb-push-optin>` (guarded: loading matbakh twice is a no-op, never an exception).
 * Import this file for the side effect; import `push-optin.component.ts` for the class alone.
 */
import { VERSION } from '@matbakh/sdk';
import { defineElement } from '../shared/define.ts';
import { MbPushOptin } from './push-optin.component.ts';

export type { PushChangeDetail, PushOptinOutcome } from '../events/mb-push-change.ts';
export type { PushClientLike } from './push-client.ts';
export { MbPushOptin };

export const PUSH_OPTIN_TAG = 'mb-push-optin';
defineElement(PUSH_OPTIN_TAG, MbPushOptin, VERSION);

declare global {
  interface HTMLElementTagNameMap {
    'mb-push-optin': MbPushOptin;
  }
}
