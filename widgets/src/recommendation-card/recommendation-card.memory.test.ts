import './recommendation-card.ts';
import { sampleItems } from '../../test-support/fake-recommendations-client.ts';
import { part } from '../../test-support/harness.ts';
import { expectNoLeaks } from '../../test-support/leak-probe.ts';
import type { MbRecommendationCard } from './recommendation-card.component.ts';

describe('<mb-recommendation-card> memory', () => {
  it('leaves no listeners, store subscriptions or instances behind after 100 create/attach/remove', async function () {
    this.timeout(120_000);
    const item = sampleItems('guest', 'en')[0];
    await expectNoLeaks({
      create: () =>
        Object.assign(document.createElement('mb-recommendation-card') as MbRecommendationCard, { item, lang: 'en' }),
      // "Why this?" open: the popover listens on the document for presses outside it.
      settle: async (el) => {
        part(el, 'why').click();
        await (el as MbRecommendationCard).updateComplete;
      },
    });
  });
});
