/** Detail of `mb-tour-dismiss`: the step the visitor left the tour on. */
export interface TourDismissEventDetail {
  tourId: string;
  stepId: string;
}

export type MbTourDismissEvent = CustomEvent<TourDismissEventDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-tour-dismiss': MbTourDismissEvent;
  }
}
