import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { atom } from 'nanostores';
import { defineElement } from './define.ts';
import { StoreController } from './store-controller.ts';

const $count = atom(0);
let renders = 0;

class StoreHost extends LitElement {
  readonly count = new StoreController(this, $count);
  override render() {
    renders++;
    return html`<output>${this.count.value}</output>`;
  }
}
defineElement('mb-test-store-host', StoreHost, 'test');

const text = (el: StoreHost) => el.shadowRoot!.querySelector('output')!.textContent;

describe('StoreController', () => {
  beforeEach(() => {
    $count.set(0);
    renders = 0;
  });

  it('renders the store value and re-renders when the store changes', async () => {
    const el = await fixture<StoreHost>(html`<mb-test-store-host></mb-test-store-host>`);
    expect(text(el)).to.equal('0');
    $count.set(5);
    await el.updateComplete;
    expect(text(el)).to.equal('5');
    expect(el.count.value).to.equal(5);
  });

  it('batches several store changes into one render', async () => {
    const el = await fixture<StoreHost>(html`<mb-test-store-host></mb-test-store-host>`);
    const before = renders;
    $count.set(1);
    $count.set(2);
    $count.set(3);
    await el.updateComplete;
    expect(renders - before).to.equal(1);
    expect(text(el)).to.equal('3');
  });

  it('listens only while connected', async () => {
    expect($count.lc).to.equal(0);
    const el = await fixture<StoreHost>(html`<mb-test-store-host></mb-test-store-host>`);
    expect($count.lc).to.equal(1);

    el.remove();
    expect($count.lc).to.equal(0);
    const rendersWhileDetached = renders;
    $count.set(7);
    await el.updateComplete;
    expect(renders).to.equal(rendersWhileDetached);
    expect(text(el)).to.equal('0');
  });

  it('catches up with changes made while detached when it is attached again', async () => {
    const el = await fixture<StoreHost>(html`<mb-test-store-host></mb-test-store-host>`);
    const parent = el.parentElement!;
    el.remove();
    $count.set(9);
    parent.append(el);
    expect($count.lc).to.equal(1);
    await el.updateComplete;
    expect(text(el)).to.equal('9');
    el.remove();
    expect($count.lc).to.equal(0);
  });

  it('gives each host its own subscription', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div><mb-test-store-host></mb-test-store-host><mb-test-store-host></mb-test-store-host></div>`,
    );
    expect($count.lc).to.equal(2);
    wrapper.firstElementChild!.remove();
    expect($count.lc).to.equal(1);
    wrapper.remove();
    expect($count.lc).to.equal(0);
  });
});
