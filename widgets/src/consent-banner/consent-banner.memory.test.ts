import './consent-banner.ts';
import { createFakeConsentClient } from '../../test-support/fake-consent-client.ts';
import { expectNoLeaks } from '../../test-support/leak-probe.ts';
import type { MbConsentBanner } from './consent-banner.component.ts';

describe('<mb-consent-banner> memory', () => {
  it('leaves no listeners, store subscriptions or instances behind after 100 create/attach/remove', async function () {
    this.timeout(120_000);
    const client = createFakeConsentClient();
    await expectNoLeaks({
      clients: [client],
      create: () => Object.assign(document.createElement('mb-consent-banner') as MbConsentBanner, { client }),
    });
  });
});
