import { DEFAULT_CONSENT_POLICY } from '@matbakh/contract';
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import {
  ALL_GRANTED,
  createFakeConsentClient,
  decidedView,
  type FakeConsentClient,
  type FakeConsentClientOptions,
} from '../../test-support/fake-consent-client.ts';
import type { ConsentChangeDetail } from '../shared/consent-events.ts';
import { deepActiveElement } from '../shared/focus.ts';
import type { MbConsentBanner } from './consent-banner.component.ts';
import './consent-banner.ts';
import { $, part, tabTo, text } from '../../test-support/harness.ts';
import { captureLitWarnings } from '../shared/lit-warnings.ts';

/** Lit dev-mode warnings (change-in-update & co.) issued while this file runs. */
const litWarnings = captureLitWarnings();

interface Setup extends FakeConsentClientOptions {
  layout?: 'bar' | 'dialog';
  lang?: string;
  theme?: string;
}

async function setup({ layout, lang, theme, ...options }: Setup = {}) {
  const client = createFakeConsentClient(options);
  const el = await fixture<MbConsentBanner>(
    html`<mb-consent-banner
      .client=${client}
      layout=${ifDefined(layout)}
      lang=${ifDefined(lang)}
      theme=${ifDefined(theme)}
    ></mb-consent-banner>`,
  );
  const events = { change: [] as ConsentChangeDetail[], open: [] as CustomEvent[] };
  document.addEventListener('mb-consent-change', (e) => events.change.push(e.detail));
  document.addEventListener('mb-privacy-open', (e) => events.open.push(e));
  return { el, client, events };
}

const base = (el: MbConsentBanner) => part(el, 'base');

afterEach(async () => {
  document.documentElement.removeAttribute('lang');
  await emulateMedia({ reducedMotion: 'reduce' });
});
before(() => emulateMedia({ reducedMotion: 'reduce' }));

describe('<mb-consent-banner>', () => {
  describe('accessibility (axe)', () => {
    it('is accessible on a first visit', async () => {
      const { el } = await setup();
      await expect(el).to.be.accessible();
    });

    for (const lang of ['de', 'en', 'ar']) {
      for (const theme of ['light', 'dark', 'high-contrast']) {
        it(`is accessible with the category view open in ${lang}, ${theme}`, async () => {
          const { el } = await setup({ lang, theme, view: { gpc: true, ledger: 'offline' } });
          part(el, 'customize').click();
          await el.updateComplete;
          expect(part(el, 'categories')).to.exist;
          await expect(el).to.be.accessible();
        });
      }
    }

    it('is accessible as a dialog, with the config error, and after an offline decision', async () => {
      const { el, client } = await setup({
        lang: 'de',
        layout: 'dialog',
        view: { config: 'error', policy: undefined },
      });
      await expect(el).to.be.accessible();
      client.options.ledgerAfterDecision = 'offline';
      part(el, 'reject').click();
      await el.updateComplete;
      expect(text(part(el, 'toast'))).to.contain('Gerät');
      await expect(el).to.be.accessible();
    });
  });

  describe('defaults', () => {
    it('shows a non-modal bar on a first visit, with the reason first', async () => {
      const { el } = await setup({ lang: 'en' });
      expect(el.visible).to.equal(true);
      expect(el.layout).to.equal(undefined);
      expect(base(el).getAttribute('role')).to.equal('region');
      expect(base(el).hasAttribute('aria-modal')).to.equal(false);
      expect(getComputedStyle(base(el)).position).to.equal('fixed');
      expect(text(part(el, 'text'))).to.match(/^Welcome! Before you start/);
      expect(text(part(el, 'reject'))).to.equal('Reject all');
      expect(text(part(el, 'accept'))).to.equal('Accept all');
      expect(part(el, 'customize').getAttribute('aria-expanded')).to.equal('false');
      expect(part<HTMLAnchorElement>(el, 'link').href).to.equal(DEFAULT_CONSENT_POLICY.privacyPolicyUrl);
      expect(part(el, 'gpc')).to.equal(null);
      expect(part(el, 'notice')).to.equal(null);
      expect(part(el, 'categories')).to.equal(null);
    });

    it('never renders a live link from a javascript: privacy-policy URL in the config', async () => {
      for (const privacyPolicyUrl of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,x']) {
        const { el } = await setup({ view: { policy: { ...DEFAULT_CONSENT_POLICY, privacyPolicyUrl } } });
        expect(part(el, 'link'), privacyPolicyUrl).to.equal(null);
        expect(el.shadowRoot!.querySelector('a[href^="javascript" i], a[href^="data" i]')).to.equal(null);
      }
    });

    it('speaks German in a German page', async () => {
      document.documentElement.lang = 'de-AT';
      const { el } = await setup();
      expect(text(part(el, 'accept'))).to.equal('Alle akzeptieren');
      expect(base(el).getAttribute('dir')).to.equal('ltr');
    });

    const reasons = {
      policy_changed: /^Our privacy policy has changed/,
      new_category: /^We have added a new way/,
      expired: /^It has been a while/,
    } as const;
    for (const [reason, first] of Object.entries(reasons)) {
      it(`says why it asks again: ${reason}`, async () => {
        const { el } = await setup({ lang: 'en', view: decidedView({ needsDecision: true, reason: reason as never }) });
        expect(text(part(el, 'reason'))).to.match(first);
        expect(text(part(el, 'text'))).to.match(first);
        await expect(el).to.be.accessible();
      });
    }

    it('is hidden when no decision is needed, while a re-ask waits for the policy, and when the policy hides it', async () => {
      const decided = await setup({ view: decidedView() });
      expect(decided.el.visible).to.equal(false);
      expect(base(decided.el)).to.equal(null);
      const reasking = await setup({
        view: decidedView({ config: 'loading', policy: undefined, needsDecision: true, reason: 'expired' }),
      });
      expect(base(reasking.el)).to.equal(null);
      const hidden = await setup({ view: { policy: { ...DEFAULT_CONSENT_POLICY, banner: { hidden: true } } } });
      expect(base(hidden.el)).to.equal(null);
    });

    it('asks at once on a first visit, before the policy has arrived, with its built-in texts', async () => {
      const { el } = await setup({ lang: 'en', view: { config: 'loading', policy: undefined } });
      expect(el.visible).to.equal(true);
      expect(text(part(el, 'accept'))).to.equal('Accept all');
      expect(text(part(el, 'reject'))).to.equal('Reject all');
      await expect(el).to.be.accessible();
    });

    it('appears and disappears with the store', async () => {
      const { el, client } = await setup({ view: decidedView() });
      client.$view.set({ ...client.$view.get(), needsDecision: true, reason: 'expired' });
      await el.updateComplete;
      expect(base(el)).to.exist;
      client.$view.set({ ...client.$view.get(), needsDecision: false, reason: 'none' });
      await el.updateComplete;
      expect(base(el)).to.equal(null);
    });

    it('lists every category with a switch, none pre-ticked, necessary on and disabled', async () => {
      const { el } = await setup({ lang: 'en' });
      part(el, 'customize').click();
      await el.updateComplete;
      const switches = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part~="switch"]')];
      expect(switches.map((s) => s.id)).to.deep.equal(DEFAULT_CONSENT_POLICY.categories.map((c) => `switch-${c.id}`));
      for (const s of switches) {
        expect(s.type).to.equal('checkbox');
        expect(s.getAttribute('role')).to.equal('switch');
      }
      const [necessary, ...optional] = switches;
      expect(necessary!.checked).to.equal(true);
      expect(necessary!.disabled).to.equal(true);
      for (const s of optional) {
        expect(s.checked, s.id).to.equal(false);
        expect(s.disabled).to.equal(false);
      }
      const categories = el.shadowRoot!.querySelectorAll('[part~="category"]');
      expect(text(categories[2]!)).to.contain('Personalisation').and.contain('Recommendations and tips');
      expect(text(categories[0]!)).to.contain('Always on');
      expect(part(el, 'customize').getAttribute('aria-expanded')).to.equal('true');
    });

    it('uses the policy layout when the attribute is not set, the attribute otherwise', async () => {
      const policy = { ...DEFAULT_CONSENT_POLICY, banner: { layout: 'dialog' as const } };
      const fromPolicy = await setup({ view: { policy } });
      expect(base(fromPolicy.el).getAttribute('role')).to.equal('dialog');
      const fromAttribute = await setup({ layout: 'bar', view: { policy } });
      expect(base(fromAttribute.el).getAttribute('role')).to.equal('region');
    });

    it('notes the Global Privacy Control signal', async () => {
      const { el } = await setup({ lang: 'en', view: { gpc: true } });
      expect(text(part(el, 'gpc')))
        .to.contain('Global Privacy Control')
        .and.contain('honour');
    });

    for (const ledger of ['offline', 'error'] as const) {
      it(`quietly notes a choice saved on this device when the ledger is ${ledger}`, async () => {
        const { el } = await setup({
          lang: 'en',
          view: decidedView({ needsDecision: true, reason: 'expired', ledger }),
        });
        const notice = part(el, 'notice');
        expect(text(notice)).to.contain('saved on this device');
        expect(notice.getAttribute('role')).to.equal(null);
      });
    }

    it('never says "back online" when the API refused the page (misconfigured): its setup is wrong, not the network', async () => {
      const { el } = await setup({
        lang: 'en',
        view: { config: 'misconfigured', policy: undefined },
        ledgerAfterDecision: 'error',
      });
      expect(text(part(el, 'error'))).to.contain('could not load');
      part(el, 'accept').click();
      await el.updateComplete;
      expect(text(part(el, 'toast'))).to.equal('');
    });

    it('takes texts from policy.texts over the built-in ones', async () => {
      const policy = {
        ...DEFAULT_CONSENT_POLICY,
        texts: { en: { 'banner.accept': 'Yes to all', 'banner.title': 'Cookies at {x}' } },
      };
      const { el } = await setup({ lang: 'en', view: { policy } });
      expect(text(part(el, 'accept'))).to.equal('Yes to all');
      expect(text(part(el, 'title'))).to.equal('Cookies at {x}');
      expect(text(part(el, 'reject'))).to.equal('Reject all');
    });

    it('follows the document language, and its own lang attribute first', async () => {
      document.documentElement.lang = 'en';
      const { el } = await setup();
      expect(text(part(el, 'accept'))).to.equal('Accept all');
      el.lang = 'ar';
      await el.updateComplete;
      expect(text(part(el, 'accept'))).to.equal('قبول الكل');
      expect(base(el).getAttribute('dir')).to.equal('rtl');
      expect(base(el).getAttribute('lang')).to.equal('ar');
    });
  });

  describe('user decisions fire mb-consent-change exactly once', () => {
    it('accept all by mouse', async () => {
      const { el, client, events } = await setup();
      part(el, 'accept').click();
      await el.updateComplete;
      expect(client.calls).to.deep.equal([['acceptAll', 'banner']]);
      expect(events.change).to.have.length(1);
      expect(events.change[0]).to.deep.include({ action: 'accept_all', source: 'banner' });
      expect(events.change[0]!.choices).to.deep.equal(ALL_GRANTED);
      expect(base(el)).to.equal(null);
    });

    it('reject all by keyboard (Tab, Enter)', async () => {
      const { el, client, events } = await setup();
      await tabTo(part(el, 'reject'), { max: 30 });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(client.calls).to.deep.equal([['rejectAll', 'banner']]);
      expect(events.change).to.have.length(1);
      expect(events.change[0]!.action).to.equal('reject_all');
      expect(events.change[0]!.choices).to.deep.include({ necessary: true, analytics: false, marketing: false });
    });

    it('accept all by keyboard (Tab, Space)', async () => {
      const { el, client, events } = await setup();
      await tabTo(part(el, 'accept'), { max: 30 });
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(client.calls).to.deep.equal([['acceptAll', 'banner']]);
      expect(events.change).to.have.length(1);
    });

    it('customize and save by keyboard only', async () => {
      const { el, client, events } = await setup();
      await tabTo(part(el, 'customize'), { max: 30 });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      const analytics = $<HTMLInputElement>(el, '#switch-analytics');
      await tabTo(analytics, { max: 30 });
      await sendKeys({ press: 'Space' });
      expect(analytics.checked).to.equal(true);
      expect(events.change, 'a switch alone decides nothing').to.have.length(0);
      await tabTo(part(el, 'save'), { max: 30 });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(events.change).to.have.length(1);
      expect(events.change[0]).to.deep.include({ action: 'custom', source: 'banner' });
      expect(events.change[0]!.choices).to.deep.equal({
        necessary: true,
        preferences: false,
        personalization: false,
        analytics: true,
        marketing: false,
      });
      expect(client.calls).to.have.length(1);
      expect(client.calls[0]![0]).to.equal('save');
      expect(client.$view.get().choices.analytics).to.equal(true);
    });

    it('customize and save by mouse, clicking labels', async () => {
      const { el, events } = await setup();
      part(el, 'customize').click();
      await el.updateComplete;
      $<HTMLLabelElement>(el, 'label[for="switch-personalization"]').click();
      $<HTMLInputElement>(el, '#switch-marketing').click();
      $<HTMLInputElement>(el, '#switch-marketing').click();
      part(el, 'save').click();
      await el.updateComplete;
      expect(events.change).to.have.length(1);
      expect(events.change[0]!.choices).to.deep.include({ personalization: true, marketing: false });
    });

    it('offers the privacy center: mb-privacy-open once, nothing decided', async () => {
      const { el, client, events } = await setup();
      part(el, 'details').click();
      expect(events.open).to.have.length(1);
      expect(events.open[0]!.composed && events.open[0]!.bubbles).to.equal(true);
      expect(events.open[0]!.target).to.equal(el);
      expect(events.change).to.have.length(0);
      expect(client.calls).to.have.length(0);
    });

    it('still offers Reject and Accept when the config failed, plus a retry', async () => {
      const { el, client, events } = await setup({ lang: 'en', view: { config: 'error', policy: undefined } });
      expect(text(part(el, 'error'))).to.contain('could not load');
      expect(part(el, 'customize')).to.equal(null);
      expect(part(el, 'link')).to.equal(null);
      part(el, 'retry').click();
      await el.updateComplete;
      expect(client.calls).to.deep.equal([['reload']]);
      client.$view.set({ ...client.$view.get(), config: 'error' });
      await el.updateComplete;
      part(el, 'reject').click();
      expect(client.calls.at(-1)).to.deep.equal(['rejectAll', 'banner']);
      expect(events.change).to.have.length(1);
      expect(events.change[0]!.choices).to.deep.include({ necessary: true, analytics: false });
    });

    it('after an offline decision, shows a quiet notice until dismissed', async () => {
      const { el, client } = await setup({ lang: 'en', ledgerAfterDecision: 'offline' });
      part(el, 'accept').click();
      await el.updateComplete;
      const toast = part(el, 'toast');
      expect(toast.getAttribute('role')).to.equal('status');
      expect(text(toast)).to.contain('saved on this device');
      toast.querySelector('button')!.click();
      await el.updateComplete;
      expect(text(part(el, 'toast'))).to.equal('');
      expect(client.calls).to.have.length(1);
    });
  });

  describe('programmatic changes fire no events', () => {
    it('store changes, SDK calls and property changes stay silent', async () => {
      const { el, client, events } = await setup();
      const all: Event[] = [];
      for (const type of ['mb-consent-change', 'mb-privacy-open', 'change', 'click']) {
        el.addEventListener(type, (e) => all.push(e));
      }
      client.consent.acceptAll('api');
      client.reset({ reason: 'policy_changed' });
      client.consent.save({ choices: { analytics: true } }, 'api');
      client.reset();
      el.layout = 'dialog';
      el.lang = 'en';
      el.theme = 'dark';
      await el.updateComplete;
      el.client = createFakeConsentClient({ view: { gpc: true } });
      await el.updateComplete;
      expect(events.change).to.have.length(0);
      expect(events.open).to.have.length(0);
      expect(all).to.have.length(0);
    });
  });

  describe('equal prominence of Accept all and Reject all', () => {
    const PROPERTIES = [
      'font-size',
      'font-weight',
      'font-family',
      'color',
      'background-color',
      'border-top-width',
      'border-top-color',
      'border-top-left-radius',
      'padding-top',
      'padding-left',
      'box-shadow',
      'opacity',
      'text-decoration-line',
      'z-index',
      'position',
      'filter',
    ];
    for (const theme of ['light', 'dark', 'high-contrast']) {
      for (const layout of ['bar', 'dialog'] as const) {
        it(`same element, style, size and layer (${layout}, ${theme})`, async () => {
          const { el } = await setup({ layout, theme });
          const accept = part(el, 'accept');
          const reject = part(el, 'reject');
          expect(accept.localName).to.equal(reject.localName);
          expect(accept.parentElement).to.equal(reject.parentElement);
          expect(accept.className).to.equal(reject.className);
          const a = getComputedStyle(accept);
          const r = getComputedStyle(reject);
          for (const property of PROPERTIES) {
            expect(a.getPropertyValue(property), property).to.equal(r.getPropertyValue(property));
          }
          const boxA = accept.getBoundingClientRect();
          const boxR = reject.getBoundingClientRect();
          expect(Math.abs(boxA.width - boxR.width)).to.be.below(1);
          expect(Math.abs(boxA.height - boxR.height)).to.be.below(1);
          // Both visible and on top at their centres: neither is covered or scrolled away.
          for (const button of [accept, reject]) {
            const box = button.getBoundingClientRect();
            expect(el.shadowRoot!.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)).to.equal(button);
          }
        });
      }
    }
  });

  describe('dialog layout', () => {
    it('is a modal dialog that takes focus and keeps Tab inside', async () => {
      const outside = await fixture<HTMLButtonElement>(html`<button>page button</button>`);
      outside.focus();
      const { el } = await setup({ layout: 'dialog' });
      const dialog = base(el);
      expect(dialog.getAttribute('role')).to.equal('dialog');
      expect(dialog.getAttribute('aria-modal')).to.equal('true');
      expect(dialog.getAttribute('aria-labelledby')).to.equal('title');
      expect(deepActiveElement()).to.equal(part(el, 'title'));
      for (let i = 0; i < 12; i++) {
        await sendKeys({ press: 'Tab' });
        expect(dialog.contains(deepActiveElement()), `Tab ${i + 1} stays inside`).to.equal(true);
      }
      await tabTo(part(el, 'link'), { max: 30 });
      await sendKeys({ press: 'Shift+Tab' });
      expect(deepActiveElement()).to.equal(part(el, 'customize'));
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()).to.equal(part(el, 'link'));
    });

    it('a mouse press on the text or the backdrop does not let Tab escape', async () => {
      const { el } = await setup({ layout: 'dialog' });
      const dialog = base(el);
      const center = (node: Element) => {
        const box = node.getBoundingClientRect();
        return [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] as [number, number];
      };
      try {
        await sendMouse({ type: 'click', position: center(part(el, 'text')) });
        await sendKeys({ press: 'Tab' });
        expect(dialog.contains(deepActiveElement())).to.equal(true);
        await sendMouse({ type: 'click', position: [3, 3] });
        await sendKeys({ press: 'Shift+Tab' });
        expect(dialog.contains(deepActiveElement())).to.equal(true);
        expect(base(el)).to.exist;
      } finally {
        await resetMouse();
      }
    });

    it('Escape does nothing on a first visit', async () => {
      const { el, client, events } = await setup({ layout: 'dialog' });
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(base(el).getAttribute('role')).to.equal('dialog');
      expect(el.shadowRoot!.activeElement).to.exist;
      expect(client.calls).to.have.length(0);
      expect(events.change).to.have.length(0);
    });

    it('Escape steps back to the bar when an earlier decision exists, and focus returns', async () => {
      const outside = await fixture<HTMLButtonElement>(html`<button>page button</button>`);
      outside.focus();
      const { el, client, events } = await setup({
        layout: 'dialog',
        view: decidedView({ needsDecision: true, reason: 'policy_changed' }),
      });
      expect(el.shadowRoot!.activeElement).to.equal(part(el, 'title'));
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(base(el).getAttribute('role')).to.equal('region');
      expect(part(el, 'backdrop')).to.equal(null);
      expect(document.activeElement).to.equal(outside);
      expect(client.calls).to.have.length(0);
      expect(events.change).to.have.length(0);
    });

    it('returns focus after a decision', async () => {
      const outside = await fixture<HTMLButtonElement>(html`<button>page button</button>`);
      outside.focus();
      const { el, events } = await setup({ layout: 'dialog' });
      await tabTo(part(el, 'reject'), { max: 30 });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(base(el)).to.equal(null);
      expect(document.activeElement).to.equal(outside);
      expect(events.change).to.have.length(1);
    });

    it('the bar does not take focus', async () => {
      const outside = await fixture<HTMLButtonElement>(html`<button>page button</button>`);
      outside.focus();
      await setup();
      expect(document.activeElement).to.equal(outside);
      await sendKeys({ press: 'Escape' });
      expect(document.activeElement).to.equal(outside);
    });
  });

  describe('layout in the host page', () => {
    it('the bar takes no space and moves nothing in the page', async () => {
      await setViewport({ width: 1024, height: 700 });
      const page = await fixture<HTMLDivElement>(html`<div>
        <p id="before">Speisekarte</p>
        <mb-consent-banner></mb-consent-banner>
        <p id="after">Bestellen</p>
      </div>`);
      const client = createFakeConsentClient({ view: decidedView() });
      const el = page.querySelector('mb-consent-banner')!;
      el.client = client;
      await el.updateComplete;
      const after = page.querySelector('#after')!;
      const before = { box: after.getBoundingClientRect().toJSON(), height: document.documentElement.scrollHeight };
      client.$view.set({ ...client.$view.get(), needsDecision: true, reason: 'expired' });
      await el.updateComplete;
      expect(base(el)).to.exist;
      expect(after.getBoundingClientRect().toJSON()).to.deep.equal(before.box);
      expect(document.documentElement.scrollHeight).to.equal(before.height);
      expect(el.getBoundingClientRect().height).to.equal(0);
      const bar = base(el).getBoundingClientRect();
      expect(Math.round(bar.bottom)).to.be.closeTo(700 - 16, 1);
    });
  });

  describe('right-to-left', () => {
    it('mirrors the actions in Arabic', async () => {
      await setViewport({ width: 1024, height: 700 });
      const en = await setup({ lang: 'en' });
      const ar = await setup({ lang: 'ar' });
      const x = (el: MbConsentBanner, name: string) => part(el, name).getBoundingClientRect().x;
      expect(base(ar.el).getAttribute('dir')).to.equal('rtl');
      expect(x(en.el, 'reject')).to.be.below(x(en.el, 'accept'));
      expect(x(ar.el, 'reject')).to.be.above(x(ar.el, 'accept'));
      expect(getComputedStyle(part(ar.el, 'text')).direction).to.equal('rtl');
      // Reading starts at the right edge in Arabic.
      const arBox = part(ar.el, 'actions').getBoundingClientRect();
      expect(Math.round(part(ar.el, 'reject').getBoundingClientRect().right)).to.equal(Math.round(arBox.right));
    });
  });

  describe('client fallback', () => {
    it('uses window.matbakh.client when no client is set', async () => {
      const client: FakeConsentClient = createFakeConsentClient();
      const global = globalThis as { matbakh?: unknown };
      global.matbakh = { client };
      try {
        const el = await fixture<MbConsentBanner>(html`<mb-consent-banner></mb-consent-banner>`);
        expect(base(el)).to.exist;
        part(el, 'accept').click();
        expect(client.calls).to.deep.equal([['acceptAll', 'banner']]);
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
