import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createFakeSearchClient, type FakeSearchClient, XSS_DISH } from '../../test-support/fake-search-client.ts';
import { part, parts, text } from '../../test-support/harness.ts';
import type { SearchSelectDetail } from '../events/mb-search-select.ts';
import { captureLitWarnings } from '../shared/lit-warnings.ts';
import type { MbSearch } from './search.component.ts';
import './search.ts';

const litWarnings = captureLitWarnings();

async function setup(lang = 'en') {
  const client = createFakeSearchClient();
  const el = await fixture<MbSearch>(html`<mb-search lang=${lang} .client=${client} .debounce=${0}></mb-search>`);
  clients.set(el, client);
  const picks: SearchSelectDetail[] = [];
  el.addEventListener('mb-search-select', (e) => picks.push(e.detail));
  const input = part<HTMLInputElement>(el, 'input');
  return { el, client, input, picks };
}

const clients = new WeakMap<MbSearch, FakeSearchClient>();
const state = (el: MbSearch) => (el as unknown as { status: string }).status;

/** Types like a guest: focus, then keystrokes (each one an input event); waits for the answer to the whole text. */
async function type(el: MbSearch, input: HTMLInputElement, value: string) {
  input.focus();
  await sendKeys({ type: value });
  const client = clients.get(el)!;
  await waitUntil(() => client.asked.at(-1) === input.value.trim(), 'the request for the whole text');
  await waitUntil(() => ['results', 'empty', 'error'].includes(state(el)), 'the answer');
  await el.updateComplete;
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
    expect(client.selected).to.deep.equal([{ id: picks[0]!.hit.id, position: 1, searchId: 'search-1' }]);
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

  it('a search that found nothing is tracked once when the guest leaves it or presses Enter', async () => {
    const { el, input, client } = await setup();
    await type(el, input, 'zzzzqq');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Enter' });
    input.blur();
    await el.updateComplete;
    expect(client.tracked).to.deep.equal([{ q: 'zzzzqq', results: 0 }]);
    await type(el, input, 'x');
    input.blur();
    await el.updateComplete;
    expect(client.tracked).to.deep.equal([
      { q: 'zzzzqq', results: 0 },
      { q: 'zzzzqqx', results: 0 },
    ]);
    expect(client.selected).to.deep.equal([]);
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

  describe('filter chips', () => {
    const names = (el: MbSearch) => options(el).map((o) => text(o.querySelector('[part=name]')));
    const chips = (el: MbSearch) => parts<HTMLButtonElement>(el, 'filter');
    const chipWords = (el: MbSearch) => chips(el).map((c) => text(c).replace('×', ''));

    it('a diet word is a removable chip; removing it (Tab, Enter) searches the rest without the filter', async () => {
      const { el, input, client } = await setup();
      await type(el, input, 'vegan falafel');
      expect(chipWords(el)).to.deep.equal(['vegan']);
      expect(chips(el)[0]!.getAttribute('aria-label')).to.equal('Remove filter “vegan”');
      expect(names(el)).to.not.include(XSS_DISH);
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot?.activeElement).to.equal(chips(el)[0]);
      expect(input.getAttribute('aria-expanded')).to.equal('true');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => client.asked.at(-1) === 'falafel' && state(el) === 'results', 'the search without it');
      await el.updateComplete;
      expect(input.value).to.equal('falafel');
      expect(names(el)).to.include(XSS_DISH);
      expect(chips(el)).to.have.length(0);
      expect(el.shadowRoot?.activeElement).to.equal(input);
    });

    it('German and Arabic: one chip per filter of a "without" list, in the guest’s words', async () => {
      const de = await setup('de');
      await type(de.el, de.input, 'Falafel ohne Sesam und Gluten');
      expect(names(de.el)).to.not.include('Falafel Wrap').and.not.include('Falafel-Teller');
      expect(chipWords(de.el)).to.deep.equal(['ohne Sesam', 'ohne Gluten']);
      expect(chips(de.el)[1]!.getAttribute('aria-label')).to.equal('Filter „ohne Gluten“ entfernen');
      chips(de.el)[1]!.click();
      await waitUntil(() => de.client.asked.at(-1) === 'Falafel ohne Sesam' && state(de.el) === 'results', 'again');
      await de.el.updateComplete;
      expect(names(de.el)).to.include('Falafel Wrap').and.not.include('Falafel-Teller');
      expect(chipWords(de.el)).to.deep.equal(['ohne Sesam']);
      const ar = await setup('ar');
      await type(ar.el, ar.input, 'فلافل بدون سمسم');
      expect(chipWords(ar.el)).to.deep.equal(['بدون سمسم']);
      expect(chips(ar.el)[0]!.getAttribute('aria-label')).to.equal('إزالة عامل التصفية «بدون سمسم»');
      await expect(ar.el).to.be.accessible();
    });
  });

  describe('suggestions before typing', () => {
    const labels = (el: MbSearch) => parts(el, 'group-label').map(text);
    const names = (el: MbSearch) => options(el).map((o) => text(o.querySelector('[part=name]')));
    async function focusEmpty(el: MbSearch, input: HTMLInputElement) {
      await el.updateComplete;
      input.focus();
      await waitUntil(() => input.getAttribute('aria-expanded') === 'true', 'the suggestions open');
    }

    it('focus on the empty field offers grouped suggestions and recent searches, announced; accessible', async () => {
      const { el, input, client } = await setup();
      client.recent = ['falafel', 'hummus'];
      await focusEmpty(el, input);
      expect(labels(el)).to.deep.equal(['Your usual', 'Popular now', 'In season', 'Recent searches']);
      expect(names(el)).to.deep.equal([
        'Linsensuppe',
        'Falafel-Teller',
        'Hähnchenschawarma',
        'Käsespätzle',
        'falafel',
        'hummus',
      ]);
      expect(status(el)).to.equal('6 suggestions');
      expect(part(el, 'clear-recent')).to.exist;
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(input.getAttribute('aria-activedescendant')).to.equal('option-0');
      await expect(el).to.be.accessible();
    });

    it('picking a suggested dish: mb-search-select once with its group, and no search tracked', async () => {
      const { el, input, client, picks } = await setup();
      await focusEmpty(el, input);
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      expect(picks).to.have.length(1);
      expect(picks[0]).to.deep.include({ query: '', position: 2, suggestion: 'popular' });
      expect(picks[0]!.hit.name).to.equal('Falafel-Teller');
      expect(client.tracked).to.deep.equal([]);
      expect(client.selected).to.deep.equal([{ id: 'd-1', position: 2, suggestion: 'popular' }]);
      expect(input.getAttribute('aria-expanded')).to.equal('false');
    });

    it('picking a recent search runs it again as if typed', async () => {
      const { el, input, client, picks } = await setup();
      client.recent = ['schawarma'];
      await focusEmpty(el, input);
      const recent = options(el).findIndex((o) => text(o) === 'schawarma');
      (options(el)[recent] as HTMLElement).click();
      await waitUntil(() => state(el) === 'results', 'the results');
      expect(input.value).to.equal('schawarma');
      expect(client.asked.at(-1)).to.equal('schawarma');
      expect(names(el)[0]).to.equal('Hähnchenschawarma');
      expect(picks).to.have.length(0);
    });

    it('the clear button forgets the recent searches, by mouse and by keyboard (Tab reaches it)', async () => {
      const { el, input, client } = await setup();
      client.recent = ['falafel'];
      await focusEmpty(el, input);
      part<HTMLButtonElement>(el, 'clear-recent').click();
      await el.updateComplete;
      expect(client.recent).to.deep.equal([]);
      expect(labels(el)).to.not.include('Recent searches');
      expect(el.shadowRoot?.querySelector('[part=clear-recent]')).to.equal(null);
      expect(el.shadowRoot?.activeElement).to.equal(input);
      input.blur();
      await el.updateComplete;
      client.recent = ['hummus'];
      await focusEmpty(el, input);
      await sendKeys({ press: 'Tab' });
      await el.updateComplete;
      expect(el.shadowRoot?.activeElement).to.equal(part(el, 'clear-recent'));
      expect(input.getAttribute('aria-expanded')).to.equal('true');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(client.recent).to.deep.equal([]);
      expect(el.shadowRoot?.activeElement).to.equal(input);
    });

    it('typing replaces the suggestions; clearing the field brings them back', async () => {
      const { el, input } = await setup();
      await focusEmpty(el, input);
      await type(el, input, 'falafl');
      expect(labels(el)).to.deep.equal(['Dishes', 'Restaurants']);
      input.select();
      await sendKeys({ press: 'Backspace' });
      await el.updateComplete;
      expect(labels(el)).to.deep.equal(['Your usual', 'Popular now', 'In season']);
    });

    it('German and Arabic group labels; no suggestions at all: the popup stays closed', async () => {
      const { el, input, client } = await setup('ar');
      client.recent = ['فلافل'];
      await focusEmpty(el, input);
      expect(labels(el)).to.deep.equal(['طلباتك المعتادة', 'رائج الآن', 'في موسمه الآن', 'عمليات البحث الأخيرة']);
      expect(text(part(el, 'clear-recent'))).to.equal('مسح عمليات البحث الأخيرة');
      const de = await setup('de');
      de.client.suggested = {};
      de.input.focus();
      await de.el.updateComplete;
      await new Promise((r) => setTimeout(r, 20));
      expect(de.input.getAttribute('aria-expanded')).to.equal('false');
      de.client.suggested = { season: ['d-5'] };
      de.input.blur();
      de.input.focus();
      await waitUntil(() => de.input.getAttribute('aria-expanded') === 'true', 'the suggestions open');
      expect(labels(de.el)).to.deep.equal(['Jetzt in Saison']);
    });
  });
});
