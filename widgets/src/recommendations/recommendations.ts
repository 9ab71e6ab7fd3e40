/**
 * Registers `<mb-recommendations>` (and `<mb-recommendation-card>`, which it renders). Guarded: loading matbakh
 * twice is a no-op, never an exception. Import this file for the side effect; `recommendations.component.ts` for
 * the class alone.
 */
import { VERSION } from '@matbakh/sdk';
import { defineElement } from '../shared/define.ts';
import { MbRecommendations } from './recommendations.component.ts';

export type { RecommendationsLayout } from './recommendations.component.ts';
export type { RecommendationsClientLike } from './recommendations-client.ts';
export { MbRecommendations };

export const RECOMMENDATIONS_TAG = 'mb-recommendations';
defineElement(RECOMMENDATIONS_TAG, MbRecommendations, VERSION);

declare global {
  interface HTMLElementTagNameMap {
    'mb-recommendations': MbRecommendations;
  }
}
