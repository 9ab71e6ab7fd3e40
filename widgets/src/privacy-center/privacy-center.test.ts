import { DEFAULT_CONSENT_POLICY, type PrivacyExport } from '@matbakh/contract';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import {
  ALL_GRANTED,
  createFakeConsentClient,
  decidedView,
  type FakeConsentClientOptions,
  ledgerEntry,
  sampleExport,
} from '../../test-support/fake-consent-client.ts';
import type { ConsentChangeDetail, PrivacyEraseDetail, PrivacyExportDetail } from '../shared/consent-events.ts';
import { deepActiveElement } from '../shared/focus.ts';
import { exportFilename, type MbPrivacyCenter } from './privacy-center.component.ts';
import './privacy-center.ts';
import { $, $$, part, tabTo, text, until } from '../../test-support/harness.ts';
import { captureLitWarnings } from '../shared/lit-warnings.ts';

const litWarnings = captureLitWarnings();
before(async () => {
  await emulateMedia({ reducedMotion: 'reduce' });
});

interface Setup extends FakeConsentClientOptions {
  mode?: 'embedded' | 'dialog';
  lang?: string;
  theme?: string;
  open?: boolean;
  listen?: boolean;
}

async function setup({ mode, lang = 'en', theme, open = false, listen = false, ...options }: Setup = {}) {
  const client = createFakeConsentClient({ view: decidedView(), ...options });
  const el = await fixture<MbPrivacyCenter>(
    html`<mb-privacy-center
      .client=${client}
      mode=${ifDefined(mode)}
      lang=${ifDefined(lang)}
      theme=${ifDefined(theme)}
      ?open=${open}
      ?listen=${listen}
    ></mb-privacy-center>`,
  );
  const events = {
    change: [] as ConsentChangeDetail[],
    exported: [] as PrivacyExportDetail[],
    erased: [] as PrivacyEraseDetail[],
    close: [] as CustomEvent[],
  };
  el.addEventListener('mb-consent-change', (e) => events.change.push(e.detail));
  el.addEventListener('mb-privacy-export', (e) => events.exported.push(e.detail));
  el.addEventListener('mb-privacy-erase', (e) => events.erased.push(e.detail));
  el.addEventListener('mb-privacy-close', (e) => events.close.push(e));
  return { el, client, events };
}

/** Lets the fake's timers (latency 0) and the re-render settle. */
async function settle(el: MbPrivacyCenter) {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
  }
}

describe('<mb-privacy-center>', () => {
  describe('accessibility (axe)', () => {
    for (const lang of ['de', 'en', 'ar']) {
      for (const theme of ['light', 'dark', 'high-contrast']) {
        it(`is accessible with data loaded (${lang}, ${theme})`, async () => {
          const { el } = await setup({ lang, theme, view: decidedView({ gpc: true, ledger: 'offline' }) });
          await settle(el);
          expect(part(el, 'events')).to.exist;
          await expect(el).to.be.accessible();
        });
      }
    }

    it('is accessible while loading, on errors and with the erase confirmation open', async () => {
      const loading = await setup({ hang: true, view: decidedView({ config: 'loading', policy: undefined }) });
      await expect(loading.el).to.be.accessible();

      const failed = await setup({ fail: { export: true }, view: decidedView({ config: 'error', policy: undefined }) });
      await settle(failed.el);
      expect(part(failed.el, 'error')).to.exist;
      await expect(failed.el).to.be.accessible();

      const { el } = await setup({ theme: 'dark' });
      await settle(el);
      part(el, 'erase').click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });

    it('is accessible as an open dialog', async () => {
      const { el } = await setup({ mode: 'dialog', open: true, lang: 'ar' });
      await settle(el);
      await expect(el).to.be.accessible();
    });
  });

  describe('defaults', () => {
    it('embedded: shows consent, channels, features and data sections with the current state', async () => {
      const { el } = await setup();
      expect(el.mode).to.equal('embedded');
      expect(el.open).to.equal(false);
      expect(part(el, 'base').getAttribute('role')).to.equal('region');
      expect(part(el, 'close')).to.equal(null);
      const categories = $$<HTMLInputElement>(el, '[part~="category"] input');
      expect(categories.map((s) => s.id)).to.deep.equal(
        DEFAULT_CONSENT_POLICY.categories.map((c) => `category-${c.id}`),
      );
      expect(categories.map((s) => s.checked)).to.deep.equal([true, true, true, true, false]);
      expect(categories[0]!.disabled).to.equal(true);
      for (const s of categories) expect(s.getAttribute('role')).to.equal('switch');
      const channels = $$<HTMLInputElement>(el, '[part~="channel"] input');
      expect(channels.map((s) => s.id)).to.deep.equal([
        'channel-in_app',
        'channel-email',
        'channel-push',
        'channel-whatsapp',
      ]);
      expect(channels.map((s) => s.checked)).to.deep.equal([true, false, false, false]);
      const features = $$<HTMLInputElement>(el, '[part~="feature"] input');
      expect(features.map((s) => s.id)).to.deep.equal([
        'feature-recommendations',
        'feature-next_best_action',
        'feature-tour',
        'feature-dashboard_order',
      ]);
      expect(features.every((s) => s.checked)).to.equal(true);
      expect(part<HTMLAnchorElement>(el, 'link').href).to.equal(DEFAULT_CONSENT_POLICY.privacyPolicyUrl);
    });

    it("names spec events in German and Arabic too; a partner's own event name stays as it is", async () => {
      const exportData = sampleExport({ events: 6 });
      exportData.events[1] = { ...exportData.events[1]!, event: 'Product List Viewed' };
      exportData.events[2] = { ...exportData.events[2]!, event: 'Loyalty Stamp Collected' };
      for (const [lang, listed, own] of [
        ['de', 'Bestellung abgeschlossen', 'Empfehlungen angezeigt'],
        ['ar', 'اكتمل الطلب', 'عرض التوصيات'],
      ] as const) {
        const { el } = await setup({ exportData, lang });
        await settle(el);
        const whats = $$(el, '[part~="event"] .what').map(text);
        expect(whats, lang).to.include(listed).and.include(own).and.include('Loyalty Stamp Collected');
        expect(whats.join(' '), lang).to.not.match(/Order Completed|Product List Viewed|Session Started/);
        el.remove();
      }
    });

    it('never renders a live link from a javascript: privacy-policy URL in the config', async () => {
      for (const privacyPolicyUrl of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,x']) {
        const { el } = await setup({ view: decidedView({ policy: { ...DEFAULT_CONSENT_POLICY, privacyPolicyUrl } }) });
        expect(part(el, 'link'), privacyPolicyUrl).to.equal(null);
        expect(el.shadowRoot!.querySelector('a[href^="javascript" i], a[href^="data" i]')).to.equal(null);
      }
    });

    it('shows a loading state, then counts, the latest 50 events and the consent history', async () => {
      const exportData = sampleExport({ events: 60 });
      const { el, client } = await setup({
        exportData,
        history: [
          ledgerEntry(2, 'custom', 'center', localIso(2026, 11, 26, 9, 30), {
            necessary: true,
            analytics: true,
            personalization: true,
          }),
          ledgerEntry(1, 'accept_all', 'banner', localIso(2026, 11, 25, 12, 3)),
        ],
      });
      expect(text(part(el, 'data'))).to.contain('Loading your data');
      expect(part(el, 'data').getAttribute('aria-busy')).to.equal('true');
      await settle(el);
      expect(client.calls.map(([m]) => m)).to.include.members(['export', 'ledger']);
      expect(part(el, 'data').getAttribute('aria-busy')).to.equal('false');
      const counts = text(part(el, 'counts'));
      expect(counts).to.contain('Activities 60').and.contain('Consent records 1').and.contain('Saved settings yes');
      const events = $$(el, '[part~="event"]');
      expect(events).to.have.length(50);
      // Newest first, in plain language: what, when, where.
      expect(text(events[0]!)).to.match(
        /^Signed in or updated your profile on \d{1,2} \w{3} 2026, \d\d:\d\d at \/account$/,
      );
      // Spec event names in the visitor's language, not the wire name ("Order Completed").
      expect(text(events[1]!)).to.match(/^Order completed on .* at \/checkout\/done$/);
      expect(text(events[2]!)).to.match(/^Viewed page: Checkout on .* at \/checkout$/);
      const history = $$(el, '[part~="history-entry"]').map(text);
      expect(history).to.deep.equal([
        'You chose Personalisation and Analytics on 26 Nov 2026, 09:30 (policy v1, in the privacy center).',
        'You accepted all on 25 Nov 2026, 12:03 (policy v1, from the banner).',
      ]);
    });

    it('renders server data as text, never as HTML', async () => {
      const exportData = sampleExport({ events: 2 });
      const attack = '<img src=x onerror="window.__pwned = true">';
      exportData.events[1]!.event = attack;
      exportData.events[1]!.type = 'track';
      exportData.events[0]!.context = { page: { path: '<b>bold</b><script>window.__pwned = true</script>' } };
      const { el } = await setup({ exportData });
      await settle(el);
      expect(el.shadowRoot!.querySelector('img')).to.equal(null);
      expect(el.shadowRoot!.querySelector('b, script')).to.equal(null);
      expect(text(part(el, 'events')))
        .to.contain(attack)
        .and.contain('<b>bold</b>');
      expect((window as { __pwned?: boolean }).__pwned).to.equal(undefined);
    });

    it('shows empty states', async () => {
      const { el } = await setup({ exportData: { ...sampleExport({ events: 0 }), consent: [], preferences: null } });
      await settle(el);
      const empties = $$(el, '[part~="empty"]').map(text);
      expect(empties).to.deep.equal(['We hold no activity for you.', 'No decisions recorded yet.']);
      expect(text(part(el, 'counts')))
        .to.contain('Activities 0')
        .and.contain('Saved settings no');
      await expect(el).to.be.accessible();
    });

    it('shows an error with a retry when the data cannot be loaded', async () => {
      const { el, client } = await setup({ fail: { export: true } });
      await settle(el);
      expect(text(part(el, 'data'))).to.contain('could not load your data');
      client.options = { ...client.options, fail: {} };
      $<HTMLButtonElement>(el, '[part~="data"] [part~="retry"]').click();
      await settle(el);
      expect(part(el, 'events')).to.exist;
    });

    it('falls back to the export history when the ledger fails', async () => {
      const { el } = await setup({ fail: { ledger: true } });
      await settle(el);
      expect($$(el, '[part~="history-entry"]').map(text)).to.have.length(1);
    });

    it('shows loading and config error states of the settings, with a retry', async () => {
      const { el, client } = await setup({ view: decidedView({ config: 'loading', policy: undefined }) });
      expect(text(part(el, 'loading'))).to.contain('Loading your privacy settings');
      client.$view.set({ ...client.$view.get(), config: 'error' });
      await el.updateComplete;
      expect(text(part(el, 'error'))).to.contain('could not load the privacy settings');
      part(el, 'retry').click();
      await settle(el);
      expect(client.calls.map(([m]) => m)).to.include('reload');
      expect(part(el, 'consent')).to.exist;
    });

    it('notes GPC and an offline ledger', async () => {
      const { el } = await setup({ view: decidedView({ gpc: true, ledger: 'error' }) });
      expect(text(part(el, 'gpc'))).to.contain('Global Privacy Control');
      expect(text(part(el, 'notice'))).to.contain('saved on this device');
    });

    it('speaks Arabic right-to-left and takes overrides from policy.texts', async () => {
      const policy = { ...DEFAULT_CONSENT_POLICY, texts: { ar: { 'center.title': 'خصوصيتك' } } };
      const { el } = await setup({ lang: 'ar', view: decidedView({ policy }) });
      expect(part(el, 'base').getAttribute('dir')).to.equal('rtl');
      expect(text(part(el, 'title'))).to.equal('خصوصيتك');
      expect(text(part(el, 'withdraw'))).to.equal('سحب جميع الموافقات');
      const row = part(el, 'category').getBoundingClientRect();
      const toggle = $(el, '#category-necessary').getBoundingClientRect();
      expect(toggle.right).to.be.closeTo(row.right, 1);
    });
  });

  describe('user changes take effect at once and fire mb-consent-change exactly once', () => {
    it('a category switch by mouse', async () => {
      const { el, client, events } = await setup();
      $<HTMLInputElement>(el, '#category-marketing').click();
      await el.updateComplete;
      expect(client.calls.filter(([m]) => m === 'save')).to.deep.equal([
        ['save', { choices: { marketing: true } }, 'center'],
      ]);
      expect(client.$view.get().choices.marketing).to.equal(true);
      expect(events.change).to.have.length(1);
      expect(events.change[0]).to.deep.include({ action: 'custom', source: 'center' });
      expect(events.change[0]!.choices).to.deep.equal(ALL_GRANTED);
      expect(text(part(el, 'status'))).to.equal('Saved.');
    });

    it('a channel and a feature by keyboard (Tab, Space)', async () => {
      const { el, client, events } = await setup();
      const email = $<HTMLInputElement>(el, '#channel-email');
      await tabTo(email, { max: 60 });
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(client.$view.get().channels.email).to.equal(true);
      expect(events.change).to.have.length(1);
      expect(events.change[0]!.channels).to.deep.include({ email: true, in_app: true });
      const tour = $<HTMLInputElement>(el, '#feature-tour');
      await tabTo(tour, { max: 60 });
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(client.$view.get().features.tour).to.equal(false);
      expect(events.change).to.have.length(2);
      expect(events.change[1]!.features).to.deep.include({ tour: false, recommendations: true });
      expect(client.calls.filter(([m]) => m === 'save')).to.deep.equal([
        ['save', { channels: { email: true } }, 'center'],
        ['save', { features: { tour: false } }, 'center'],
      ]);
    });

    it('withdraw all', async () => {
      const { el, client, events } = await setup();
      await tabTo(part(el, 'withdraw'), { max: 60 });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(client.calls.filter(([m]) => m === 'withdraw')).to.deep.equal([['withdraw', 'center']]);
      expect(events.change).to.have.length(1);
      expect(events.change[0]!.action).to.equal('withdraw');
      expect(events.change[0]!.choices).to.deep.include({ necessary: true, analytics: false, personalization: false });
      expect(events.change[0]!.channels).to.deep.equal({ in_app: false, email: false, push: false, whatsapp: false });
      const switches = $$<HTMLInputElement>(el, '[part~="category"] input');
      expect(switches.map((s) => s.checked)).to.deep.equal([true, false, false, false, false]);
      expect(text(part(el, 'status'))).to.equal('All consent has been withdrawn.');
    });

    it('keeps the switch in line with the store when the SDK refuses a change', async () => {
      const { el, client } = await setup();
      client.consent.save = () => {};
      const marketing = $<HTMLInputElement>(el, '#category-marketing');
      marketing.click();
      expect(marketing.checked).to.equal(true);
      client.$view.set({ ...client.$view.get() });
      await el.updateComplete;
      expect(marketing.checked).to.equal(false);
    });
  });

  describe('programmatic changes fire no events', () => {
    it('store changes, SDK calls, opening and closing stay silent', async () => {
      const { el, client, events } = await setup({ mode: 'dialog' });
      const all: Event[] = [];
      for (const type of ['mb-consent-change', 'mb-privacy-close', 'mb-privacy-export', 'mb-privacy-erase', 'change']) {
        el.addEventListener(type, (e) => all.push(e));
      }
      el.open = true;
      await settle(el);
      client.consent.withdraw('api');
      client.consent.save({ choices: { analytics: true }, channels: { push: true } }, 'api');
      client.consent.acceptAll('api');
      await el.updateComplete;
      await el.reload();
      el.lang = 'de';
      el.open = false;
      await el.updateComplete;
      expect(all).to.have.length(0);
      expect(events.change).to.have.length(0);
      expect(events.close).to.have.length(0);
    });
  });

  describe('export', () => {
    it('downloads the JSON through a Blob URL named matbakh-export-YYYY-MM-DD.json', async () => {
      const { el, events } = await setup();
      await settle(el);
      const clicks: { download: string; href: string; body: string }[] = [];
      const originalClick = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        clicks.push({ download: this.download, href: this.href, body: '' });
      };
      try {
        part(el, 'export').click();
        await oneEvent(el, 'mb-privacy-export');
      } finally {
        HTMLAnchorElement.prototype.click = originalClick;
      }
      expect(clicks).to.have.length(1);
      const today = new Date();
      const pad = (n: number) => String(n).padStart(2, '0');
      const expected = `matbakh-export-${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}.json`;
      expect(clicks[0]!.download).to.equal(expected);
      expect(clicks[0]!.href).to.match(/^blob:/);
      const body = (await (await fetch(clicks[0]!.href)).json()) as PrivacyExport;
      expect(body.schema).to.equal('matbakh.privacy-export/1');
      expect(body.events).to.have.length(8);
      expect(events.exported).to.deep.equal([{ filename: expected, events: 8 }]);
      expect(el.shadowRoot!.querySelector('a[download]')).to.equal(null);
      await el.updateComplete;
      expect(text(part(el, 'result'))).to.contain(expected);
      expect(exportFilename(new Date(2026, 0, 5))).to.equal('matbakh-export-2026-01-05.json');
    });

    it('says so when the export fails', async () => {
      const { el, client, events } = await setup();
      await settle(el);
      client.options = { ...client.options, fail: { export: true } };
      part(el, 'export').click();
      await settle(el);
      expect(text(part(el, 'result'))).to.contain('could not be prepared');
      expect(events.exported).to.have.length(0);
    });
  });

  describe('erase', () => {
    it('asks first in an alertdialog with Cancel focused; Cancel and Escape erase nothing', async () => {
      const { el, client, events } = await setup();
      await settle(el);
      const erase = part(el, 'erase');
      await tabTo(erase, { max: 60 });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      const confirm = part(el, 'confirm');
      expect(confirm.getAttribute('role')).to.equal('alertdialog');
      expect(confirm.getAttribute('aria-modal')).to.equal('true');
      expect(text($(el, '#confirm-title'))).to.equal('Really erase your data?');
      expect(deepActiveElement()).to.equal(part(el, 'confirm-cancel'));
      // Tab stays inside the confirmation.
      for (let i = 0; i < 4; i++) {
        await sendKeys({ press: 'Tab' });
        expect(confirm.contains(deepActiveElement())).to.equal(true);
      }
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(part(el, 'confirm')).to.equal(null);
      expect(deepActiveElement()).to.equal(erase);
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      await sendKeys({ press: 'Enter' }); // Cancel has focus
      await el.updateComplete;
      expect(part(el, 'confirm')).to.equal(null);
      expect(client.calls.filter(([m]) => m === 'erase')).to.have.length(0);
      expect(events.erased).to.have.length(0);
    });

    it('erases after confirmation, then confirms what was erased', async () => {
      const { el, client, events } = await setup({
        history: [ledgerEntry(1, 'accept_all', 'banner', localIso(2026, 11, 25, 12, 3))],
      });
      await settle(el);
      part(el, 'erase').click();
      await el.updateComplete;
      part(el, 'confirm-erase').click();
      await settle(el);
      expect(client.calls.filter(([m]) => m === 'erase')).to.have.length(1);
      expect(events.erased).to.have.length(1);
      expect(events.erased[0]).to.deep.equal({
        erased: { events: 8, preferences: 1, feedback: 0 },
        consentAnonymized: 1,
      });
      const result = part(el, 'result');
      expect(result.getAttribute('role')).to.equal('status');
      expect(text(result)).to.equal(
        'Your data was erased: 8 activities, 1 setting and 0 feedback entries. 1 consent record is kept, anonymised.',
      );
      expect(deepActiveElement()).to.equal(result);
      // Reloaded afterwards: nothing left.
      expect(text(part(el, 'counts'))).to.contain('Activities 0');
      await expect(el).to.be.accessible();
    });

    it('reports a failed erasure', async () => {
      const { el, events } = await setup({ fail: { erase: true } });
      await settle(el);
      part(el, 'erase').click();
      await el.updateComplete;
      part(el, 'confirm-erase').click();
      await settle(el);
      expect(text(part(el, 'result'))).to.contain('Erasing failed');
      expect(part(el, 'result').getAttribute('role')).to.equal('alert');
      expect(events.erased).to.have.length(0);
    });
  });

  describe('dialog mode', () => {
    it('renders nothing until open; opens as a modal dialog that takes focus and gives it back', async () => {
      const outside = await fixture<HTMLButtonElement>(html`<button>Datenschutz</button>`);
      outside.focus();
      const { el, events } = await setup({ mode: 'dialog' });
      expect(part(el, 'base')).to.equal(null);
      expect(el.getBoundingClientRect().height).to.equal(0);
      el.open = true;
      await settle(el);
      const dialog = part(el, 'base');
      expect(dialog.getAttribute('role')).to.equal('dialog');
      expect(dialog.getAttribute('aria-modal')).to.equal('true');
      expect(deepActiveElement()).to.equal(part(el, 'title'));
      for (let i = 0; i < 25; i++) {
        await sendKeys({ press: 'Tab' });
        expect(dialog.contains(deepActiveElement()), `Tab ${i + 1}`).to.equal(true);
      }
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(el.open).to.equal(false);
      expect(part(el, 'base')).to.equal(null);
      expect(document.activeElement).to.equal(outside);
      expect(events.close.map((e) => e.detail)).to.deep.equal([{ reason: 'escape' }]);
    });

    it('closes with the close button; a listener may veto', async () => {
      const { el, events } = await setup({ mode: 'dialog', open: true });
      el.addEventListener('mb-privacy-close', (e) => e.preventDefault(), { once: true });
      part(el, 'close').click();
      await el.updateComplete;
      expect(el.open).to.equal(true);
      part(el, 'close').click();
      await el.updateComplete;
      expect(el.open).to.equal(false);
      expect(events.close.map((e) => e.detail.reason)).to.deep.equal(['close-button', 'close-button']);
      el.open = true;
      await el.updateComplete;
      part(el, 'base').click();
      expect(el.open, 'a click inside the dialog does not close it').to.equal(true);
      part(el, 'backdrop').click();
      await el.updateComplete;
      expect(el.open).to.equal(false);
      expect(events.close.at(-1)!.detail.reason).to.equal('backdrop');
      expect(events.close[0]!.cancelable).to.equal(true);
    });

    it('with listen, opens on the document mb-privacy-open event (from the SDK or the banner)', async () => {
      const { el, client } = await setup({ mode: 'dialog', listen: true });
      client.privacy.open();
      await settle(el);
      expect(el.open).to.equal(true);
      expect(part(el, 'events')).to.exist;
      el.open = false;
      await el.updateComplete;
      const silent = await setup({ mode: 'dialog' });
      silent.client.privacy.open();
      await silent.el.updateComplete;
      expect(silent.el.open).to.equal(false);
    });

    it('embedded with listen: takes focus on mb-privacy-open', async () => {
      const { el, client } = await setup({ listen: true });
      client.privacy.open();
      expect(deepActiveElement()).to.equal(part(el, 'title'));
    });
  });

  describe('client fallback', () => {
    it('uses window.matbakh.client when no client is set', async () => {
      const client = createFakeConsentClient({ view: decidedView() });
      const global = globalThis as { matbakh?: unknown };
      global.matbakh = { client };
      try {
        const el = await fixture<MbPrivacyCenter>(html`<mb-privacy-center lang="en"></mb-privacy-center>`);
        await settle(el);
        expect(part(el, 'events')).to.exist;
      } finally {
        delete global.matbakh;
      }
    });

    it('picks up window.matbakh.client when it appears after the element', async () => {
      const global = globalThis as { matbakh?: unknown };
      const el = await fixture<MbPrivacyCenter>(html`<mb-privacy-center lang="en"></mb-privacy-center>`);
      expect(text(part(el, 'loading'))).to.contain('Loading');
      global.matbakh = { client: createFakeConsentClient({ view: decidedView() }) };
      try {
        // Looked for again at growing intervals (50, 100, 200, 400, 800 ms…): how many have passed by now depends on
        // how busy the machine is, so the test waits for the data to show rather than for a fixed 200 ms.
        await until(() => !!el.shadowRoot?.querySelector('[part~="events"]'), 'the events of the page’s client', 5_000);
      } finally {
        delete global.matbakh;
      }
    });
  });

  describe('Lit', () => {
    it('issued no dev-mode warnings', () => {
      expect(litWarnings).to.deep.equal([]);
    });
  });
});

/** ISO string of a local wall-clock time (the center shows times in the visitor's zone). */
function localIso(year: number, month: number, day: number, hour: number, minute: number): string {
  return new Date(year, month - 1, day, hour, minute).toISOString();
}

describe('<mb-privacy-center>: whether you will order again (profiling, GDPR Art. 21)', () => {
  it('says that a restaurant may hold an estimate, and lets the guest object and withdraw', async () => {
    const { el, client } = await setup();
    await settle(el);
    expect(text(part(el, 'profiling-status'))).to.equal('Right now 1 restaurant holds such an estimate about you.');
    const button = part<HTMLButtonElement>(el, 'profiling-object')!;
    expect(text(button)).to.equal('Object to this estimate');
    button.click();
    await settle(el);
    expect(client.calls.filter(([method]) => method === 'objectToProfiling')).to.deep.equal([
      ['objectToProfiling', true],
    ]);
    expect(text(part(el, 'profiling-status'))).to.match(
      /^You objected on .+: no such estimate is computed about you\.$/,
    );
    expect(text(part(el, 'profiling-object'))).to.equal('Withdraw my objection');
    part<HTMLButtonElement>(el, 'profiling-object')!.click();
    await settle(el);
    expect(client.calls.filter(([method]) => method === 'objectToProfiling').at(-1)).to.deep.equal([
      'objectToProfiling',
      false,
    ]);
    expect(text(part(el, 'profiling-object'))).to.equal('Object to this estimate');
    await expect(el).to.be.accessible();
  });

  it('shows when no estimate exists, in German, and the objection in Arabic', async () => {
    const de = await setup({
      lang: 'de',
      profiling: { consentAllows: false, objected: false, objectedAt: null, scores: 0 },
    });
    await settle(de.el);
    expect(text(part(de.el, 'profiling-status'))).to.equal('Zurzeit liegt keine solche Einschätzung über Sie vor.');
    const ar = await setup({ lang: 'ar' });
    await settle(ar.el);
    expect(text(part(ar.el, 'profiling-object'))).to.equal('الاعتراض على هذا التقدير');
    await expect(ar.el).to.be.accessible();
  });

  it('a failed objection keeps the previous state and says so; a failed load offers a retry', async () => {
    const { el, client } = await setup();
    await settle(el);
    client.options = { ...client.options, fail: { profiling: true } };
    part<HTMLButtonElement>(el, 'profiling-object')!.click();
    await settle(el);
    expect(text(part(el, 'profiling-status'))).to.equal('Right now 1 restaurant holds such an estimate about you.');
    expect(text($(el, '[part~="profiling"] [role="alert"]'))).to.equal('That did not work. Please try again.');

    const failing = await setup({ fail: { profiling: true } });
    await settle(failing.el);
    const retry = $<HTMLButtonElement>(failing.el, '[part~="profiling"] [part~="retry"]');
    expect(retry).to.exist;
    failing.client.options = { ...failing.client.options, fail: {} };
    retry!.click();
    await settle(failing.el);
    expect(text(part(failing.el, 'profiling-status'))).to.contain('1 restaurant');
  });
});
