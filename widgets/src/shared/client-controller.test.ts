import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { atom } from 'nanostores';
import { ClientController } from './client-controller.ts';

interface CountClient {
  $count: ReturnType<typeof atom<number>>;
}
const isCountClient = (value: unknown): value is CountClient =>
  typeof (value as CountClient | undefined)?.$count?.get === 'function';

/** Reads the client in willUpdate, as widgets that derive state before rendering do. */
class CountView extends LitElement {
  static override properties = { client: { attribute: false } };
  declare client: unknown;
  seen: number | undefined;
  readonly connection = new ClientController<CountClient>(this as never, {
    accept: isCountClient,
    stores: (client) => [client.$count],
  });
  protected override willUpdate(): void {
    this.seen = this.connection.client?.$count.get();
  }
  protected override render() {
    return html`${this.seen ?? 'none'}`;
  }
}
customElements.define('mb-test-count-view', CountView);

const settle = async (el: CountView) => {
  for (let i = 0; i < 3; i++) {
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
};

describe('ClientController', () => {
  afterEach(() => {
    delete (globalThis as { matbakh?: unknown }).matbakh;
  });

  it('a client set after the first render reaches willUpdate too, and its store changes re-render', async () => {
    const el = await fixture<CountView>(html`<mb-test-count-view></mb-test-count-view>`);
    expect(el.shadowRoot!.textContent).to.equal('none');
    const client = { $count: atom(1) };
    el.client = client;
    await settle(el);
    expect(el.shadowRoot!.textContent).to.equal('1');
    client.$count.set(2);
    await settle(el);
    expect(el.shadowRoot!.textContent).to.equal('2');
  });

  it("ignores an own client that lacks what the widget needs and uses the page's client", async () => {
    (globalThis as { matbakh?: unknown }).matbakh = { client: { $count: atom(7) } };
    const el = await fixture<CountView>(html`<mb-test-count-view .client=${{ preferences: {} }}></mb-test-count-view>`);
    await settle(el);
    expect(el.shadowRoot!.textContent).to.equal('7');
  });
});
