import './preference-panel.ts';
import { createFakeConsentClient, decidedView } from '../../test-support/fake-consent-client.ts';
import { createFakePreferencesClient } from '../../test-support/fake-preferences-client.ts';
import { expectNoLeaks } from '../../test-support/leak-probe.ts';
import type { MbPreferencePanel } from './preference-panel.component.ts';

describe('<mb-preference-panel> memory', () => {
  it('leaves no listeners, store subscriptions or instances behind after 100 create/attach/remove', async function () {
    this.timeout(120_000);
    // With the privacy plugin too: the panel then also follows the consent view (notification channels).
    const consent = createFakeConsentClient({ view: decidedView({ channels: { in_app: true, email: false } }) });
    const client = { ...consent, preferences: createFakePreferencesClient().preferences };
    await expectNoLeaks({
      clients: [client],
      create: () => Object.assign(document.createElement('mb-preference-panel') as MbPreferencePanel, { client }),
    });
  });

  it('nor when the page changes a panel after removing it', async function () {
    this.timeout(120_000);
    const consent = createFakeConsentClient({ view: decidedView({ channels: { in_app: true, email: false } }) });
    const client = { ...consent, preferences: createFakePreferencesClient().preferences };
    await expectNoLeaks({
      clients: [client],
      rounds: 40,
      create: () => Object.assign(document.createElement('mb-preference-panel') as MbPreferencePanel, { client }),
      // A removed element still renders when a property changes.
      removed: (el) => {
        el.setAttribute('lang', 'de');
        return (el as MbPreferencePanel).updateComplete;
      },
    });
  });
});
