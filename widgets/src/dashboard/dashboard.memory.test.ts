import './dashboard.ts';
import { createFakePreferencesClient } from '../../test-support/fake-preferences-client.ts';
import { expectNoLeaks } from '../../test-support/leak-probe.ts';
import type { MbDashboard } from './dashboard.component.ts';

describe('<mb-dashboard> memory', () => {
  it('leaves no listeners, store subscriptions or instances behind after 100 create/attach/remove', async function () {
    this.timeout(120_000);
    const client = createFakePreferencesClient();
    await expectNoLeaks({
      clients: [client],
      create: () => {
        const el = Object.assign(document.createElement('mb-dashboard') as MbDashboard, { client });
        el.innerHTML = '<p slot="orders">Order #7: on its way</p>';
        return el;
      },
      // The dashboard's grid renders in its own update.
      settle: async (el) => {
        await (el.shadowRoot?.querySelector('mb-widget-grid') as { updateComplete?: Promise<unknown> } | null)
          ?.updateComplete;
      },
    });
  });
});
