import './recommendations.ts';
import { createFakeRecommendationsClient } from '../../test-support/fake-recommendations-client.ts';
import { expectNoLeaks } from '../../test-support/leak-probe.ts';
import type { MbRecommendations } from './recommendations.component.ts';

describe('<mb-recommendations> memory', () => {
  const create = (client: MbRecommendations['client']) => () =>
    Object.assign(document.createElement('mb-recommendations') as MbRecommendations, {
      client,
      slotId: 'home',
      lang: 'en',
    });

  it('leaves no listeners, store subscriptions or instances behind after 100 create/attach/remove', async function () {
    this.timeout(120_000);
    const client = createFakeRecommendationsClient();
    await expectNoLeaks({
      clients: [client],
      create: create(client),
      // The fake answers in a timer (latency 0): the cards are rendered before the list goes.
      settle: async (el) => {
        await new Promise((resolve) => setTimeout(resolve, 0));
        await (el as MbRecommendations).updateComplete;
      },
    });
  });

  it('nor when each list is removed before its answer arrives', async function () {
    this.timeout(120_000);
    const client = createFakeRecommendationsClient();
    // Removed after its first render, with the request still open: the answer arrives after the removal.
    await expectNoLeaks({ clients: [client], create: create(client), rounds: 40 });
  });
});
