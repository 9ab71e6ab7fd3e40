import './push-optin.ts';
import { createFakePushClient } from '../../test-support/fake-push-client.ts';
import { expectNoLeaks } from '../../test-support/leak-probe.ts';
import type { MbPushOptin } from './push-optin.component.ts';

describe('<mb-push-optin> memory', () => {
  it('leaves no listeners or instances behind after 100 create/attach/remove, offered and answered', async function () {
    this.timeout(120_000);
    const client = createFakePushClient();
    const page = document.body.appendChild(document.createElement('div'));
    try {
      await expectNoLeaks({
        // The stores are the consent view's; `client.push.subscribe` is the Web Push call, not a store's, so the
        // probe (which counts every `subscribe`) looks at the consent part only.
        clients: [client.consent!],
        parent: () => page,
        create: () => {
          const el = Object.assign(document.createElement('mb-push-optin') as MbPushOptin, { client, lang: 'en' });
          void el.updateComplete.then(() => {
            el.offer();
            return el.updateComplete.then(() => el.shadowRoot?.querySelector<HTMLElement>('[part=allow]')?.click());
          });
          return el;
        },
        settle: () => new Promise((resolve) => requestAnimationFrame(resolve)),
      });
    } finally {
      page.remove();
    }
  });
});
