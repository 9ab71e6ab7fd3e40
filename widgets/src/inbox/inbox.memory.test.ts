import './inbox.ts';
import { createFakeInboxClient, sampleInboxItems } from '../../test-support/fake-inbox-client.ts';
import { expectNoLeaks } from '../../test-support/leak-probe.ts';
import type { MbInbox } from './inbox.component.ts';

describe('<mb-inbox> memory', () => {
  it('leaves no listeners, store subscriptions or instances behind after 100 create/attach/open/remove', async function () {
    this.timeout(120_000);
    const client = createFakeInboxClient({ items: sampleInboxItems('en') });
    await expectNoLeaks({
      clients: [client],
      create: () => Object.assign(document.createElement('mb-inbox') as MbInbox, { client, lang: 'en' }),
      // Open: the popover's floating-ui listeners and the outside-click listener must go with the element.
      settle: async (el) => {
        await (el as MbInbox).updateComplete;
        (el as MbInbox).open = true;
        await (el as MbInbox).updateComplete;
      },
    });
  });
});
