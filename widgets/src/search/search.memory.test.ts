import './search.ts';
import { createFakeSearchClient } from '../../test-support/fake-search-client.ts';
import { expectNoLeaks } from '../../test-support/leak-probe.ts';
import type { MbSearch } from './search.component.ts';

describe('<mb-search> memory', () => {
  it('leaves no listeners or instances behind after 100 create/attach/remove, mid-request included', async function () {
    this.timeout(120_000);
    const client = createFakeSearchClient();
    const page = document.body.appendChild(document.createElement('div'));
    try {
      await expectNoLeaks({
        clients: [client],
        parent: () => page,
        create: () => {
          const el = Object.assign(document.createElement('mb-search') as MbSearch, {
            client,
            lang: 'en',
            debounce: 0,
          });
          // A query in flight when the element is removed: disconnecting cancels it.
          void el.updateComplete.then(() => {
            const input = el.shadowRoot?.querySelector('input');
            if (!input) return;
            input.value = 'falafel';
            input.dispatchEvent(new InputEvent('input'));
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
