import './widget-grid.ts';
import { createFakeLayoutClient } from '../../test-support/fake-layout-client.ts';
import { part } from '../../test-support/harness.ts';
import { expectNoLeaks } from '../../test-support/leak-probe.ts';
import type { MbWidgetGrid } from './widget-grid.component.ts';

describe('<mb-widget-grid> memory', () => {
  it('leaves no listeners, store subscriptions or instances behind after 100 create/attach/remove', async function () {
    this.timeout(120_000);
    const client = createFakeLayoutClient();
    await expectNoLeaks({
      clients: [client],
      create: () => {
        const el = Object.assign(document.createElement('mb-widget-grid') as MbWidgetGrid, {
          client,
          dashboardId: 'home',
          customizing: true,
        });
        el.innerHTML = [1, 2, 3, 4, 5, 6]
          .map((n) => `<section widget-id="w${n}"><h2>Widget ${n}</h2></section>`)
          .join('');
        return el;
      },
      // A pointer press on a handle: the gesture's window listeners are on when the grid is removed mid-press.
      settle: async (el) => {
        const handle = part(el, 'grid').querySelector('.handle') as HTMLElement;
        const { left, top } = handle.getBoundingClientRect();
        handle.dispatchEvent(
          new PointerEvent('pointerdown', {
            bubbles: true,
            composed: true,
            pointerId: 1,
            clientX: left + 2,
            clientY: top + 2,
          }),
        );
      },
    });
  });
});
