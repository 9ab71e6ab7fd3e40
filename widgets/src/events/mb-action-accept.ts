/** Detail of `mb-action-accept`, `mb-action-dismiss`, `mb-action-snooze`: which action, at which placement. */
export interface ActionEventDetail {
  actionId: string;
  placement: string;
}

/** `mb-action-accept`: the visitor followed a next-best-action's call to action. */
export type MbActionAcceptEvent = CustomEvent<ActionEventDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-action-accept': MbActionAcceptEvent;
  }
}
