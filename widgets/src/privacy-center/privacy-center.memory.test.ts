import './privacy-center.ts';
import { createFakeConsentClient, decidedView } from '../../test-support/fake-consent-client.ts';
import { expectNoLeaks } from '../../test-support/leak-probe.ts';
import type { MbPrivacyCenter } from './privacy-center.component.ts';

describe('<mb-privacy-center> memory', () => {
  it('leaves no listeners, store subscriptions or instances behind after 100 create/attach/remove', async function () {
    this.timeout(120_000);
    const client = createFakeConsentClient({ view: decidedView() });
    await expectNoLeaks({
      clients: [client],
      // A dialog that listens for `mb-privacy-open` on the document: the most it attaches to the page.
      create: () =>
        Object.assign(document.createElement('mb-privacy-center') as MbPrivacyCenter, {
          client,
          mode: 'dialog',
          open: true,
          listen: true,
        }),
      // The fake answers the data request in a timer (latency 0): let it render.
      settle: () => new Promise((resolve) => setTimeout(resolve, 0)),
    });
  });
});
