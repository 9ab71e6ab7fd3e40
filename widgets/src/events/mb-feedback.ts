import type { FeedbackKind } from '@matbakh/contract';

/** `mb-feedback`: "Not interested" or "More like this" on a card. */
export interface FeedbackDetail {
  itemId: string;
  requestId: string;
  kind: Extract<FeedbackKind, 'not_interested' | 'more_like_this'>;
}

export type MbFeedbackEvent = CustomEvent<FeedbackDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-feedback': MbFeedbackEvent;
  }
}
