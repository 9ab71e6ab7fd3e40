import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import { atom } from 'nanostores';
import {
  createFakeInsightsClient,
  emptyInsights,
  type FakeInsightsClientOptions,
  sampleInsights,
} from '../../test-support/fake-insights-client.ts';
import { captureLitWarnings } from '../shared/lit-warnings.ts';
import { type MbInsights, safeUrl } from './insights.component.ts';
import type { InsightActionDetail } from './insights-client.ts';
import './insights.ts';
import { part, text } from '../../test-support/harness.ts';

const litWarnings = captureLitWarnings();

interface Setup extends FakeInsightsClientOptions {
  lang?: string;
  theme?: string;
  group?: string | null;
}

async function setup({ lang = 'en', theme, group = 'rest-falafel-haus', ...options }: Setup = {}) {
  const client = createFakeInsightsClient(options);
  const el = await fixture<MbInsights>(
    html`<mb-insights .client=${client} group-id=${ifDefined(group ?? undefined)} lang=${lang} theme=${ifDefined(theme)}></mb-insights>`,
  );
  const actions: InsightActionDetail[] = [];
  el.addEventListener('mb-insight-action', (e) => actions.push(e.detail));
  // Links would navigate the test page away.
  el.addEventListener('click', (e) => e.preventDefault());
  await settle(el);
  return { el, client, actions };
}

async function settle(el: MbInsights) {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
  }
}

const $$ = (el: MbInsights, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

describe('<mb-insights>', () => {
  describe('accessibility (axe)', () => {
    for (const lang of ['de', 'en', 'ar']) {
      for (const theme of ['light', 'dark', 'high-contrast']) {
        it(`cards in ${lang}, ${theme}`, async () => {
          const { el } = await setup({ lang, theme });
          expect($$(el, '[part~="card"]')).to.have.length(5);
          await expect(el).to.be.accessible();
        });
      }
    }
    for (const [state, options] of [
      ['loading', { hang: true }],
      ['empty', { response: emptyInsights }],
      ['error', { fail: 'error' }],
      ['offline', { fail: 'offline' }],
    ] as const) {
      it(state, async () => {
        const { el } = await setup(options as FakeInsightsClientOptions);
        await expect(el).to.be.accessible();
      });
    }
  });

  describe("the page's current group", () => {
    it("without group-id, follows the client's group() once it arrives; with group-id, sends group-hash", async () => {
      const { el, client } = await setup({ group: null });
      expect(client.calls).to.deep.equal([]);
      const $group = atom<{ groupId: string } | undefined>(undefined);
      const withGroup = { ...client, insights: { ...client.insights, $group } };
      el.client = withGroup;
      await settle(el);
      $group.set({ groupId: 'rest-demo' });
      await settle(el);
      expect(client.calls).to.deep.equal([{ groupId: 'rest-demo', locale: 'en' }]);
      el.groupId = 'rest-other';
      el.groupHash = 'f'.repeat(64);
      await settle(el);
      expect(client.calls.at(-1)).to.deep.equal({ groupId: 'rest-other', groupHash: 'f'.repeat(64), locale: 'en' });
    });
  });

  describe('defaults', () => {
    it('asks the client for the group in the widget locale and lists the insights, most urgent first', async () => {
      const { el, client } = await setup();
      expect(client.calls).to.deep.equal([{ groupId: 'rest-falafel-haus', locale: 'en' }]);
      const cards = $$(el, '[part~="card"]');
      expect(cards.map((c) => c.dataset.severity)).to.deep.equal(['critical', 'warning', 'success', 'success', 'info']);
      expect(text(part(el, 'title'))).to.equal('Insights for your restaurant');
      expect(text(part(el, 'status'))).to.equal('5 insights loaded.');
      expect(part(el, 'status')!.getAttribute('role')).to.equal('status');
    });

    it('says the severity in words next to an icon hidden from assistive technology', async () => {
      const { el } = await setup();
      const severities = $$(el, '[part~="severity"]');
      expect(severities.map(text)).to.deep.equal(['Critical', 'Warning', 'Good', 'Good', 'Info']);
      for (const icon of $$(el, '[part~="severity-icon"]')) expect(icon.getAttribute('aria-hidden')).to.equal('true');
    });

    it('marks each severity in its own colour: info is not drawn in a warm, error-like hue', async () => {
      const { el } = await setup();
      const stripes = $$(el, '[part~="card"]').map((card) => getComputedStyle(card).borderInlineStartColor);
      const [critical, warning, success, , info] = stripes;
      expect(new Set([critical, warning, success, info]).size).to.equal(4);
      // Blue dominates the info stripe (the light preset's primary is terracotta, close to its danger red).
      const [r, , b] = (info!.match(/\d+/g) ?? []).map(Number) as [number, number, number];
      expect(b, info).to.be.greaterThan(r);
    });

    it('shows title, body, reason and the CTA as text', async () => {
      const { el } = await setup();
      const critical = $$(el, '[part~="card"]')[0]!;
      expect(text(critical.querySelector('[part~="card-title"]'))).to.equal('Far fewer orders on Tuesday 3 March');
      expect(text(critical.querySelector('[part~="reason"]'))).to.match(/^Why: A day's orders/);
      const cta = critical.querySelector<HTMLAnchorElement>('a[part~="cta"]')!;
      expect(cta.href).to.equal('https://matbakh.app/owner/menu');
      const warningCta = $$(el, '[part~="card"]')[1]!.querySelector('[part~="cta"]')!;
      expect(warningCta.localName, 'no URL: a button').to.equal('button');
    });

    it('formats the report with Intl and says the trend in words (the arrow is decoration)', async () => {
      const { el } = await setup();
      const summary = part(el, 'summary')!;
      expect(part(el, 'card-report')!.contains(summary)).to.equal(true);
      expect(text(summary)).to.include('€1,234.50');
      expect(text(summary)).to.include('87');
      const trend = part(el, 'trend')!;
      expect(trend.dataset.direction).to.equal('up');
      expect(text(trend)).to.equal('↗ up 12% on the 7 days before');
      expect(trend.querySelector('[aria-hidden="true"]')!.textContent).to.equal('↗');
      const de = await setup({ lang: 'de' });
      expect(text(part(de.el, 'summary'))).to.include('1.234,50 €');
      expect(text(part(de.el, 'trend'))).to.include('gestiegen um 12 %');
    });

    it('renders right-to-left in Arabic', async () => {
      const { el } = await setup({ lang: 'ar' });
      expect(part(el, 'base')!.getAttribute('dir')).to.equal('rtl');
      expect(getComputedStyle(part(el, 'base')!).direction).to.equal('rtl');
      expect(text(part(el, 'title'))).to.equal('رؤى لمطعمك');
    });

    it('shows a skeleton while loading, announced, and busy', async () => {
      const { el } = await setup({ hang: true });
      expect($$(el, '[part~="skeleton"]')).to.have.length(3);
      expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
      expect(text(part(el, 'status'))).to.equal('Loading insights…');
    });

    it('shows the empty state', async () => {
      const { el } = await setup({ response: emptyInsights });
      expect(text(part(el, 'empty'))).to.match(/^No insights right now/);
      expect($$(el, '[part~="card"]')).to.have.length(0);
    });

    it('renders only http(s) URLs as links', async () => {
      const response = sampleInsights('en');
      response.insights[0]!.cta = { label: 'Go', url: 'javascript:alert(1)' };
      const { el } = await setup({ response });
      const cta = $$(el, '[part~="card"]')[0]!.querySelector('[part~="cta"]')!;
      expect(cta.localName).to.equal('button');
      expect(safeUrl('data:text/html,x')).to.equal(undefined);
      expect(safeUrl('http://example.com/a')).to.equal('http://example.com/a');
    });
  });

  describe('errors', () => {
    it('error: a message and a retry that loads again', async () => {
      const { el, client, actions } = await setup({ fail: 'error' });
      expect(text(part(el, 'error'))).to.include('The insights could not be loaded.');
      client.options = {};
      part(el, 'retry')!.click();
      await settle(el);
      expect(client.calls).to.have.length(2);
      expect($$(el, '[part~="card"]')).to.have.length(5);
      expect(actions).to.deep.equal([]);
    });

    it('offline: says so, and loads by itself when back online', async () => {
      const { el, client } = await setup({ fail: 'offline' });
      expect(part(el, 'offline')).to.exist;
      expect(text(part(el, 'offline'))).to.match(/offline/);
      client.options = {};
      window.dispatchEvent(new Event('online'));
      await settle(el);
      expect($$(el, '[part~="card"]')).to.have.length(5);
    });
  });

  describe('events', () => {
    it('a click on a CTA fires mb-insight-action once with the insight id', async () => {
      const { el, actions } = await setup();
      $$(el, '[part~="card"]')[0]!.querySelector<HTMLElement>('[part~="cta"]')!.click();
      expect(actions).to.deep.equal([{ insightId: 'alert:orders:2026-03-03' }]);
    });

    it('the keyboard activates a CTA button once', async () => {
      const { el, actions } = await setup();
      const button = $$(el, '[part~="card"]')[1]!.querySelector<HTMLButtonElement>('button[part~="cta"]')!;
      button.focus();
      await sendKeys({ press: 'Enter' });
      expect(actions).to.deep.equal([{ insightId: 'alert:orders:2026-03-02' }]);
    });

    it('bubbles and is composed', async () => {
      const { el } = await setup();
      const heard: Event[] = [];
      const listener = (e: Event) => heard.push(e);
      document.addEventListener('mb-insight-action', listener);
      $$(el, '[part~="cta"]')[0]!.click();
      document.removeEventListener('mb-insight-action', listener);
      expect(heard).to.have.length(1);
    });

    it('programmatic changes (group-id, lang) reload silently: no events', async () => {
      const { el, client, actions } = await setup();
      el.groupId = 'rest-2';
      await settle(el);
      el.lang = 'de';
      await settle(el);
      expect(client.calls).to.deep.equal([
        { groupId: 'rest-falafel-haus', locale: 'en' },
        { groupId: 'rest-2', locale: 'en' },
        { groupId: 'rest-2', locale: 'de' },
      ]);
      expect(text(part(el, 'title'))).to.equal('Hinweise für Ihr Restaurant');
      expect(actions).to.deep.equal([]);
    });

    it('without group-id: says what is missing and requests nothing', async () => {
      const { el, client } = await setup({ group: null });
      expect(client.calls).to.deep.equal([]);
      expect(text(part(el, 'empty'))).to.match(/group-id/);
    });
  });

  it('no Lit dev warnings', () => {
    expect(litWarnings).to.deep.equal([]);
  });
});
