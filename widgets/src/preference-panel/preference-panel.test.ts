import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import { createFakeConsentClient, decidedView } from '../../test-support/fake-consent-client.ts';
import {
  createFakePreferencesClient,
  type FakePreferencesClientOptions,
} from '../../test-support/fake-preferences-client.ts';
import { withTracking } from '../../test-support/fake-tracker.ts';
import { bindDisplay } from '../shared/display.ts';
import { deepActiveElement } from '../shared/focus.ts';
import { captureLitWarnings } from '../shared/lit-warnings.ts';
import type { MbPreferencePanel, PreferenceChangeDetail } from './preference-panel.component.ts';
import './preference-panel.ts';
import { $, $$, part, tabTo } from '../../test-support/harness.ts';

const litWarnings = captureLitWarnings();

async function setup(options: FakePreferencesClientOptions & { lang?: string; consent?: boolean } = {}) {
  const prefs = createFakePreferencesClient(options);
  const consentFake = createFakeConsentClient({ view: decidedView({ channels: { in_app: true, email: false } }) });
  const client = options.consent ? { ...consentFake, preferences: prefs.preferences } : prefs;
  const el = await fixture<MbPreferencePanel>(
    html`<mb-preference-panel lang=${ifDefined(options.lang ?? 'en')} .client=${client}></mb-preference-panel>`,
  );
  const events = { change: [] as PreferenceChangeDetail[], open: 0 };
  el.addEventListener('mb-preference-change', (e) => events.change.push(e.detail));
  document.addEventListener('mb-privacy-open', () => events.open++, { once: false });
  return { el, prefs, events };
}

let unbind = () => {};
afterEach(() => {
  unbind();
  unbind = bindDisplay(createFakePreferencesClient());
  unbind();
});

describe('<mb-preference-panel>', () => {
  it('says that more channel columns scroll sideways when they do not fit (a phone), and only then', async () => {
    const { el } = await setup({ consent: true });
    const hint = () => part(el, 'scroll-hint');
    const scroller = $(el, '.table-scroll');
    const frame = () => new Promise(requestAnimationFrame);
    el.style.inlineSize = '900px';
    await frame();
    await frame();
    await el.updateComplete;
    expect(scroller.scrollWidth > scroller.clientWidth, 'fits on a wide page').to.equal(false);
    expect(hint()).to.equal(null);
    el.style.inlineSize = '320px';
    await frame();
    await frame();
    await el.updateComplete;
    expect(scroller.scrollWidth > scroller.clientWidth, 'overflows on a phone').to.equal(true);
    expect(hint()?.textContent?.trim()).to.equal('More channels: swipe or scroll sideways.');
    expect(hint()!.checkVisibility()).to.equal(true);
    // The consent buttons in the column heads keep the panel's small text size (em sizes must not compound).
    const privacy = $$(el, '[part~="privacy-button"]');
    expect(privacy.length).to.be.greaterThan(0);
    const small = Number.parseFloat(getComputedStyle(el).fontSize) * 0.875;
    for (const button of privacy) expect(Number.parseFloat(getComputedStyle(button).fontSize)).to.equal(small);
    await expect(el).to.be.accessible();
    el.style.inlineSize = '900px';
    await frame();
    await frame();
    await el.updateComplete;
    expect(hint()).to.equal(null);
  });

  it('is accessible in every state', async function () {
    // axe over every control takes a while on a loaded machine.
    this.timeout(40_000);
    const { el } = await setup({ consent: true });
    await expect(el).to.be.accessible();
    const session = await setup({
      persistence: 'session',
      lang: 'ar',
      preferences: { favorites: { restaurants: ['Beirut Kitchen'], dishes: ['Falafel'] } },
      refuse: { theme: 'theme is locked' },
    });
    $<HTMLInputElement>(session.el, 'input[value=dark]').click();
    await session.el.updateComplete;
    expect(part(session.el, 'error')).to.exist;
    await expect(session.el).to.be.accessible();
  });

  it('labels every control and shows the current preferences', async () => {
    const { el } = await setup({ preferences: { theme: 'dark', locale: 'en', diet: ['vegan'], allergens: ['milk'] } });
    expect($<HTMLInputElement>(el, 'input[value=dark]').checked).to.equal(true);
    expect($<HTMLSelectElement>(el, '#language').value).to.equal('en');
    expect($$(el, 'fieldset[part~=diet] input:checked')).to.have.length(1);
    expect($$(el, 'fieldset[part~=allergens] input')).to.have.length(14);
    expect($$(el, 'table th[scope=col]')).to.have.length(5);
    expect($$(el, 'table th[scope=row]')).to.have.length(6);
    const cell = $<HTMLInputElement>(el, 'tbody tr:first-child td input');
    expect(cell.getAttribute('aria-labelledby')).to.equal('topic-order_status channel-in_app');
    expect(cell.checked).to.equal(true);
    expect($$(el, '[part~=favorites-empty]')).to.have.length(2);
    // Without a consent client every channel is shown as available.
    expect(part(el, 'consent-needed')).to.equal(null);
    expect(part(el, 'session-notice')).to.equal(null);
  });

  it('is operable by keyboard: theme by arrows, language by select, a matrix cell by Space', async () => {
    const { el, prefs, events } = await setup({ preferences: { theme: 'light' } });
    await tabTo($(el, 'input[value=light]'));
    await sendKeys({ press: 'ArrowRight' });
    expect(prefs.preferences.get().theme).to.equal('dark');
    const matrixCell = $<HTMLInputElement>(el, 'tbody tr:nth-child(2) td:nth-child(3) input');
    await tabTo(matrixCell);
    await sendKeys({ press: 'Space' });
    expect(prefs.preferences.get().notifications.channels.email.recommendations).to.equal(true);
    expect(events.change.map((c) => c.key)).to.deep.equal(['theme', 'notifications']);
  });

  it('fires mb-preference-change once per user change and never for programmatic ones', async () => {
    const { el, prefs, events } = await setup();
    $<HTMLInputElement>(el, 'fieldset[part~=allergens] input').click();
    expect(events.change).to.deep.equal([{ key: 'allergens', value: ['gluten'] }]);
    prefs.preferences.set('diet', ['halal']);
    prefs.preferences.set('theme', 'dark');
    await el.updateComplete;
    expect($<HTMLInputElement>(el, 'input[value=dark]').checked).to.equal(true);
    expect(events.change).to.have.length(1);
    expect(litWarnings).to.deep.equal([]);
  });

  it('reports Preferences Updated through client.track per saved change, naming the preference, not its value', async () => {
    const client = withTracking(createFakePreferencesClient());
    const el = await fixture<MbPreferencePanel>(
      html`<mb-preference-panel lang="en" .client=${client}></mb-preference-panel>`,
    );
    $<HTMLInputElement>(el, 'fieldset[part~=allergens] input').click();
    $<HTMLInputElement>(el, 'input[value=dark]').click();
    expect(client.tracked).to.deep.equal([
      ['Preferences Updated', { keys: ['allergens'] }],
      ['Preferences Updated', { keys: ['theme'] }],
    ]);
    // A refused value is not saved, and a programmatic write is not the visitor's: neither is reported.
    const input = part<HTMLInputElement>(el, 'max-per-day');
    input.value = '500';
    input.dispatchEvent(new Event('change'));
    client.preferences.set('diet', ['halal']);
    await el.updateComplete;
    expect(client.tracked).to.have.length(2);
  });

  it('switches theme and language of other widgets immediately', async () => {
    const { el, prefs } = await setup({ lang: undefined as unknown as string });
    const other = await fixture<MbPreferencePanel>(html`<mb-preference-panel .client=${prefs}></mb-preference-panel>`);
    el.removeAttribute('lang');
    const select = $<HTMLSelectElement>(el, '#language');
    select.value = 'ar';
    select.dispatchEvent(new Event('change'));
    await other.updateComplete;
    expect(part(other, 'base').getAttribute('dir')).to.equal('rtl');
    expect(part(other, 'title').textContent).to.equal('تفضيلاتك');
    $<HTMLInputElement>(el, 'input[value=dark]').click();
    await other.updateComplete;
    expect(other.getAttribute('theme')).to.equal('dark');
    expect(getComputedStyle(other).getPropertyValue('color-scheme')).to.contain('dark');
  });

  it('shows a refused value next to its field, keeps what is stored', async () => {
    const { el, prefs, events } = await setup();
    const input = part<HTMLInputElement>(el, 'max-per-day');
    input.value = '500';
    input.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const error = part(el, 'error');
    expect(error.textContent).to.contain('maxPerDay');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.contain(error.id);
    expect(prefs.preferences.get().notifications.maxPerDay).to.equal(5);
    expect(events.change).to.deep.equal([]);
    await expect(el).to.be.accessible();
    input.value = '7';
    input.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(part(el, 'error')).to.equal(null);
    expect(input.hasAttribute('aria-invalid')).to.equal(false);
    expect(prefs.preferences.get().notifications.maxPerDay).to.equal(7);
  });

  it('says when preferences last for this visit only and opens the privacy settings', async () => {
    const { el, events } = await setup({ persistence: 'session' });
    expect(part(el, 'session-notice').textContent).to.contain("Saved for this visit only – allow 'Preferences'");
    part(el, 'privacy-button').click();
    expect(events.open).to.equal(1);
  });

  it('marks channels without consent and links them to the privacy center', async () => {
    const { el, events } = await setup({ consent: true });
    const needed = $$(el, '[part~=consent-needed]');
    expect(needed).to.have.length(3); // email, push, whatsapp
    expect(needed[0]!.closest('th')!.id).to.equal('channel-email');
    const button = needed[0]!.querySelector('button')!;
    expect(button.textContent!.trim()).to.equal('Give consent for E-mail');
    button.click();
    expect(events.open).to.equal(1);
  });

  it('turns quiet hours on and off, and removes favourites', async () => {
    const { el, prefs } = await setup({ preferences: { favorites: { restaurants: ['A', 'B'], dishes: [] } } });
    const toggle = $<HTMLInputElement>(el, '.quiet input[type=checkbox]');
    toggle.click();
    expect(prefs.preferences.get().notifications.quietHours).to.deep.equal({ start: '22:00', end: '07:00' });
    await el.updateComplete;
    const start = $<HTMLInputElement>(el, '.quiet input[name=start]');
    expect(start.disabled).to.equal(false);
    start.value = '21:30';
    start.dispatchEvent(new Event('change'));
    expect(prefs.preferences.get().notifications.quietHours?.start).to.equal('21:30');
    toggle.click();
    expect(prefs.preferences.get().notifications.quietHours).to.equal(null);
    const remove = part(el, 'remove');
    expect(remove.getAttribute('aria-label')).to.equal('Remove A');
    remove.click();
    await el.updateComplete;
    expect(prefs.preferences.get().favorites.restaurants).to.deep.equal(['B']);
    await el.updateComplete;
    expect(deepActiveElement()?.getAttribute('aria-label')).to.equal('Remove B');
  });
});
