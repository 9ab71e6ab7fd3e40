import './tour.ts';
import { createFakeTourClient } from '../../test-support/fake-tour-client.ts';
import { expectNoLeaks } from '../../test-support/leak-probe.ts';
import type { MbTour } from './tour.component.ts';

describe('<mb-tour> memory', () => {
  it('leaves no listeners, store subscriptions or instances behind after 100 create/attach/remove', async function () {
    this.timeout(120_000);
    const client = createFakeTourClient();
    const page = document.body.appendChild(document.createElement('div'));
    page.innerHTML = ['menu', 'preferences', 'cart'].map((id) => `<button id="${id}">${id}</button>`).join('');
    try {
      await expectNoLeaks({
        clients: [client],
        parent: () => page,
        create: () =>
          Object.assign(document.createElement('mb-tour') as MbTour, { client, tourId: 'guest-welcome', lang: 'en' }),
        // Shown at its first anchor: it keeps the anchor in view (window listeners) while attached.
        settle: async (el) => {
          for (let i = 0; i < 3; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
          await (el as MbTour).updateComplete;
        },
      });
    } finally {
      page.remove();
    }
  });
});
