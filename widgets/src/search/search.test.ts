import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createFakeSearchClient, XSS_DISH } from '../../test-support/fake-search-client.ts';
import { part, parts, text } from '../../test-support/harness.ts';
import type { SearchSelectDetail } from '../events/mb-search-select.ts';
import { captureLitWarnings } from '../shared/lit-warnings.ts';
import type { MbSearch } from './search.component.ts';
import './search.ts';

const litWarnings = captureLitWarnings();

async function setup(lang = 'en') {
  const client = createFakeSearchClient();
  const el = await fixture<MbSearch>(html`<mb-search lang=${lang} .client=${client} .debounce=${0}></mb-search>`);
  const picks: SearchSelectDetail[] = [];
  el.addEventListener('mb-search-select', (e) => picks.push(e.detail));
  const input = part<HTMLInputElement>(el, 'input');
  return { el, client, input, picks };
}

/** Types like a guest: focus, then keystrokes (each one an input event). */
async function type(el: MbSearch, input: HTMLInputElement, value: string) {
  input.focus();
  await sendKeys({ type: value });
  await waitUntil(() => el.shadowRoot?.querySelector('[part=popup]:not([hidden])'), 'the popup opens');
  await waitUntil(() => !text(part(el, 'status')).match(/Searching/), 'the answer');
}

const options = (el: MbSearch) => parts(el, 'option');
const status = (el: MbSearch) => text(el.shadowRoot?.querySelector('[role=status]'));

describe('<mb-search>', () => {
  it('is accessible, closed and open', async () => {
    const { el, input } = await setup();
    await expect(el).to.be.accessible();
    await type(el, input, 'falaf');
    await sendKeys({ press: 'ArrowDown' });
    await expect(el).to.be.accessible();
  });

  it('is a combobox: typing opens a grouped listbox; arrows move aria-activedescendant; the count is announced', async () => {
    const { el, input } = await setup();
    expect(input.getAttribute('role')).to.equal('combobox');
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    await type(el, input, 'falafl');
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    expect(parts(el, 'group-label').map(text)).to.deep.equal(['Dishes', 'Restaurants']);
    expect(options(el).map((o) => text(part(o as unknown as MbSearch, 'name') ?? o))).to.have.length.greaterThan(1);
    expect(status(el)).to.match(/^\d+ results$/);
    expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(input.getAttribute('aria-activedescendant')).to.equal('option-0');
    expect(options(el)[0]!.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(input.getAttribute('aria-activedescendant')).to.equal(`option-${options(el).length - 1}`);
    expect(el.shadowRoot?.activeElement).to.equal(input);
  });

  it('marks the matched letters as text from the offsets, never as HTML', async () => {
    const { el, input } = await setup();
    await type(el, input, 'schawarma');
    const marks = [...(el.shadowRoot?.querySelectorAll('mark') ?? [])].map((m) => m.textContent);
    expect(marks).to.deep.equal(['schawarma']);
    input.value = '';
    await type(el, input, 'onerror');
    expect(el.shadowRoot?.querySelector('img')).to.equal(null);
    expect(options(el).some((o) => o.textContent?.includes(XSS_DISH))).to.equal(true);
  });

  it('Enter picks the active option: mb-search-select once, the search tracked once; Escape closes, then clears', async () => {
    const { el, input, client, picks } = await setup();
    await type(el, input, 'falafl');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    expect(picks).to.have.length(1);
    expect(picks[0]!.hit.name).to.equal('Falafel-Teller');
    expect(picks[0]).to.deep.include({ query: 'falafl', position: 1 });
    expect(client.tracked).to.deep.equal([{ q: 'falafl', results: client.tracked[0]!.results }]);
    expect(input.value).to.equal('Falafel-Teller');
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(input.value).to.equal('');
    expect(picks).to.have.length(1);
  });

  it('a newer keystroke cancels the request of the older one; only the newest answer shows', async () => {
    const { el, input, client } = await setup();
    client.mode = 'slow';
    input.focus();
    await sendKeys({ type: 'fa' });
    await waitUntil(() => client.asked.length >= 1, 'a first request');
    await sendKeys({ type: 'l' });
    await waitUntil(() => client.asked.includes('fal'), 'the newer request');
    expect(client.aborted).to.include('fa');
    client.mode = 'ok';
    client.release();
    await waitUntil(() => options(el).length > 0, 'results');
    expect(client.aborted).to.not.include('fal');
  });

  it('shows no results, an error and offline in the popup, in the page’s language', async () => {
    const { el, input, client } = await setup('de');
    await type(el, input, 'zzzzqq');
    expect(text(part(el, 'status'))).to.equal('Keine Treffer für „zzzzqq“. Versuchen Sie ein anderes Wort.');
    expect(status(el)).to.equal('Keine Treffer');
    client.mode = 'error';
    await sendKeys({ press: 'Backspace' });
    await waitUntil(() => text(part(el, 'status')).includes('nicht erreichbar'), 'the error');
    expect(text(part(el, 'status'))).to.equal(
      'Die Suche ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.',
    );
  });

  it('Arabic: right to left, Arabic texts, and a spelling variant finds the dish', async () => {
    const { el, input } = await setup('ar');
    expect(part(el, 'base').getAttribute('dir')).to.equal('rtl');
    expect(input.placeholder).to.equal('ابحث عن طبق أو مطعم أو مطبخ');
    await type(el, input, 'تبوله');
    expect(options(el).map((o) => text(part(o as unknown as MbSearch, 'name') ?? o))[0]).to.contain('تبولة');
    expect(parts(el, 'group-label').map(text)[0]).to.equal('الأطباق');
  });

  it('fires no event on programmatic changes and leaves no Lit warnings', async () => {
    const { el, picks } = await setup();
    el.limit = 3;
    el.lang = 'de';
    await el.updateComplete;
    expect(picks).to.have.length(0);
    expect(litWarnings).to.deep.equal([]);
  });
});
