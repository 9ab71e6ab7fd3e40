/** `mb-explanation-open`: the visitor asked "How recommendations work" (from a card's popover or the list). */
export interface ExplanationOpenDetail {
  /** The card it was asked from, if any. */
  itemId?: string;
}

export type MbExplanationOpenEvent = CustomEvent<ExplanationOpenDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-explanation-open': MbExplanationOpenEvent;
  }
}
