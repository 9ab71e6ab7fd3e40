/** Detail of `mb-tour-complete`: the visitor finished the tour's last step. */
export interface TourCompleteEventDetail {
  tourId: string;
}

export type MbTourCompleteEvent = CustomEvent<TourCompleteEventDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-tour-complete': MbTourCompleteEvent;
  }
}
