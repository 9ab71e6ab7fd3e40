import './insights.ts';
import { createFakeInsightsClient } from '../../test-support/fake-insights-client.ts';
import { expectNoLeaks } from '../../test-support/leak-probe.ts';
import type { MbInsights } from './insights.component.ts';

describe('<mb-insights> memory', () => {
  it('leaves no listeners, store subscriptions or instances behind after 100 create/attach/remove', async function () {
    this.timeout(120_000);
    const client = createFakeInsightsClient();
    await expectNoLeaks({
      clients: [client],
      create: () =>
        Object.assign(document.createElement('mb-insights') as MbInsights, {
          client,
          groupId: 'rest-falafel-haus',
          lang: 'en',
        }),
      // The fake answers in a timer (latency 0).
      settle: async (el) => {
        await new Promise((resolve) => setTimeout(resolve, 0));
        await (el as MbInsights).updateComplete;
      },
    });
  });
});
