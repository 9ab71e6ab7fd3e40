/** What the `<mb-recommendations>` tests share: its cards, and waiting for the answer to be shown. */
import type { MbRecommendationCard } from '../src/recommendation-card/recommendation-card.component.ts';
import type { MbRecommendations } from '../src/recommendations/recommendations.component.ts';
import { until } from './harness.ts';

/** The cards the element shows, in order. */
export const cards = (el: MbRecommendations) => [
  ...el.shadowRoot!.querySelectorAll<MbRecommendationCard>('mb-recommendation-card'),
];

/** The fake client answers in a timer: resolves once the skeleton is gone and every card has rendered. */
export async function settled(el: MbRecommendations): Promise<void> {
  await el.updateComplete;
  await until(() => !el.shadowRoot!.querySelector('[part~="skeleton"]'), 'the answer');
  await el.updateComplete;
  await Promise.all(cards(el).map((card) => card.updateComplete));
}
