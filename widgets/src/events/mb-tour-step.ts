/** Detail of `mb-tour-step`: the step now shown (`index` into the tour's `steps`). */
export interface TourStepEventDetail {
  tourId: string;
  stepId: string;
  index: number;
}

export type MbTourStepEvent = CustomEvent<TourStepEventDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-tour-step': MbTourStepEvent;
  }
}
