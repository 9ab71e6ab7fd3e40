import type { ActionEventDetail } from './mb-action-accept.ts';

/** `mb-action-snooze`: the visitor asked to see a next-best-action later. */
export type MbActionSnoozeEvent = CustomEvent<ActionEventDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-action-snooze': MbActionSnoozeEvent;
  }
}
