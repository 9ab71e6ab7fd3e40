import type { RecommendationItem } from '@matbakh/contract';

/** `mb-recommendation-click`: the visitor followed a card's link. Navigation is not prevented. */
export interface RecommendationClickDetail {
  item: RecommendationItem;
  /** The response's request id (attribution); empty when the card was given no `requestId`. */
  requestId: string;
  /** 1-based position in its list (0 when unknown). */
  position: number;
}

export type MbRecommendationClickEvent = CustomEvent<RecommendationClickDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-recommendation-click': MbRecommendationClickEvent;
  }
}
