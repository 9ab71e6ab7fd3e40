import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { createFakePreferencesClient } from '../../test-support/fake-preferences-client.ts';
import { $display, bindDisplay, DisplayController } from './display.ts';
import { captureLitWarnings } from './lit-warnings.ts';
import { widgetLocale } from './texts.ts';

const litWarnings = captureLitWarnings();

class DisplayProbe extends LitElement {
  static override properties = { theme: { type: String, reflect: true } };
  declare theme: string | undefined;
  readonly display = new DisplayController(this);
  renders = 0;
  override render() {
    this.renders++;
    return html`<p>${widgetLocale(this, this.lang)} ${this.display.theme ?? 'page-wide'}</p>`;
  }
}
customElements.define('mb-display-probe', DisplayProbe);

const text = (el: DisplayProbe) => el.shadowRoot!.querySelector('p')!.textContent!.trim();

describe('display switch', () => {
  let unbind: () => void = () => {};
  afterEach(() => unbind());

  it('starts without a preference: the page-wide theme, and the page language', async () => {
    const el = await fixture<DisplayProbe>(html`<div lang="en"><mb-display-probe></mb-display-probe></div>`).then(
      (div) => div.querySelector('mb-display-probe') as DisplayProbe,
    );
    expect($display.get()).to.deep.equal({ locale: null, theme: null });
    expect(text(el)).to.equal('en page-wide');
    expect(el.hasAttribute('theme')).to.equal(false);
  });

  it('re-renders on a preference change and applies theme and language, over ancestors but under own lang', async () => {
    const client = createFakePreferencesClient({ preferences: { theme: 'light', locale: null } });
    unbind = bindDisplay(client);
    const wrapper = await fixture<HTMLElement>(html`<div lang="en">
      <mb-display-probe id="a"></mb-display-probe>
      <mb-display-probe id="b" lang="de" theme="high-contrast"></mb-display-probe>
    </div>`);
    const a = wrapper.querySelector<DisplayProbe>('#a')!;
    const b = wrapper.querySelector<DisplayProbe>('#b')!;
    expect(a.getAttribute('theme')).to.equal('light');
    client.preferences.set('theme', 'dark');
    client.preferences.set('locale', 'ar');
    await a.updateComplete;
    await b.updateComplete;
    expect(text(a)).to.equal('ar dark');
    expect(a.getAttribute('theme')).to.equal('dark');
    // The page's own attributes win.
    expect(text(b)).to.equal('de high-contrast');
    expect(b.getAttribute('theme')).to.equal('high-contrast');
    // The page takes over `theme` later: the preference no longer touches it.
    a.setAttribute('theme', 'high-contrast');
    client.preferences.set('theme', 'system');
    await a.updateComplete;
    expect(a.getAttribute('theme')).to.equal('high-contrast');
    expect(a.display.theme).to.equal('high-contrast');
    // ...and removing it hands control back.
    a.removeAttribute('theme');
    client.preferences.set('theme', 'dark');
    await a.updateComplete;
    expect(a.getAttribute('theme')).to.equal('dark');
    // `system` is the preference's "not chosen": the page-wide theme (a partner's brand) decides again.
    client.preferences.set('theme', 'system');
    await a.updateComplete;
    expect(a.hasAttribute('theme')).to.equal(false);
    expect(a.display.theme).to.equal(undefined);
    expect(litWarnings).to.deep.equal([]);
  });

  it('binds idempotently, replaces another client, and unbinding forgets the preference', async () => {
    const one = createFakePreferencesClient({ preferences: { theme: 'dark', locale: 'en' } });
    const two = createFakePreferencesClient({ preferences: { theme: 'light', locale: 'ar' } });
    const el = await fixture<DisplayProbe>(html`<mb-display-probe></mb-display-probe>`);
    const first = bindDisplay(one);
    bindDisplay(one);
    await el.updateComplete;
    const renders = el.renders;
    one.preferences.set('theme', 'system');
    await el.updateComplete;
    expect(el.renders).to.equal(renders + 1);
    unbind = bindDisplay(two);
    expect($display.get()).to.deep.equal({ locale: 'ar', theme: 'light' });
    first(); // no longer the bound one: nothing happens
    expect($display.get().locale).to.equal('ar');
    unbind();
    expect($display.get()).to.deep.equal({ locale: null, theme: null });
    await el.updateComplete;
    expect(el.hasAttribute('theme')).to.equal(false);
  });

  it('a detached widget stops listening and catches up when attached again', async () => {
    const client = createFakePreferencesClient();
    unbind = bindDisplay(client);
    const el = await fixture<DisplayProbe>(html`<mb-display-probe></mb-display-probe>`);
    const parent = el.parentElement!;
    el.remove();
    const renders = el.renders;
    client.preferences.set('locale', 'en');
    await new Promise((resolve) => setTimeout(resolve));
    expect(el.renders).to.equal(renders);
    parent.append(el);
    await el.updateComplete;
    expect(text(el)).to.match(/^en /);
  });
});
