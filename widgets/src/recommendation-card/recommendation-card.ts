/**
 * Registers `<mb-recommendation-card>` (guarded: loading matbakh twice is a no-op, never an exception).
 * Import this file for the side effect; import `recommendation-card.component.ts` for the class alone.
 */
import { VERSION } from '@matbakh/sdk';
import { defineElement } from '../shared/define.ts';
import { MbRecommendationCard } from './recommendation-card.component.ts';

export type { ExplanationOpenDetail, FeedbackDetail, RecommendationClickDetail } from './recommendation-events.ts';
export { MbRecommendationCard };

export const RECOMMENDATION_CARD_TAG = 'mb-recommendation-card';
defineElement(RECOMMENDATION_CARD_TAG, MbRecommendationCard, VERSION);

declare global {
  interface HTMLElementTagNameMap {
    'mb-recommendation-card': MbRecommendationCard;
  }
}
