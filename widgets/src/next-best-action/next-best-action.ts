/**
 * Registers `<mb-next-best-action>` (guarded: loading matbakh twice is a no-op, never an exception).
 * Import this file for the side effect; import `next-best-action.component.ts` for the class alone.
 */
import { VERSION } from '@matbakh/sdk';
import { defineElement } from '../shared/define.ts';
import { MbNextBestAction } from './next-best-action.component.ts';

export type { ActionEventDetail, ActionsClientLike, ActionView } from './actions-client.ts';
export { MbNextBestAction };

export const NEXT_BEST_ACTION_TAG = 'mb-next-best-action';
defineElement(NEXT_BEST_ACTION_TAG, MbNextBestAction, VERSION);

declare global {
  interface HTMLElementTagNameMap {
    'mb-next-best-action': MbNextBestAction;
  }
}
