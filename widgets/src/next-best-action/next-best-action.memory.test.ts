import './next-best-action.ts';
import { createFakeActionsClient, SAMPLE_ACTIONS } from '../../test-support/fake-actions-client.ts';
import { expectNoLeaks } from '../../test-support/leak-probe.ts';
import type { MbNextBestAction } from './next-best-action.component.ts';

describe('<mb-next-best-action> memory', () => {
  it('leaves no listeners, store subscriptions or instances behind after 100 create/attach/remove', async function () {
    this.timeout(120_000);
    const client = createFakeActionsClient([...SAMPLE_ACTIONS]);
    const page = document.body.appendChild(document.createElement('div'));
    page.innerHTML = '<button id="nba-target">Target</button>';
    try {
      await expectNoLeaks({
        clients: [client],
        parent: () => page,
        // Floating at an anchor: it follows the anchor (floating-ui) while attached.
        create: () =>
          Object.assign(document.createElement('mb-next-best-action') as MbNextBestAction, {
            client,
            placement: 'home',
            anchor: '#nba-target',
            lang: 'en',
          }),
        settle: () => new Promise((resolve) => requestAnimationFrame(resolve)),
      });
    } finally {
      page.remove();
    }
  });
});
