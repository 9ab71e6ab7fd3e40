import type { ActionEventDetail } from './mb-action-accept.ts';

/** `mb-action-dismiss`: the visitor dismissed a next-best-action. */
export type MbActionDismissEvent = CustomEvent<ActionEventDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-action-dismiss': MbActionDismissEvent;
  }
}
