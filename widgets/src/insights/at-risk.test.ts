import { mockChurn } from '@matbakh/mocks';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createFakeInsightsClient, type FakeInsightsClientOptions } from '../../test-support/fake-insights-client.ts';
import { part, parts, text } from '../../test-support/harness.ts';
import { deepActiveElement } from '../shared/focus.ts';
import { captureLitWarnings } from '../shared/lit-warnings.ts';
import type { MbInsights } from './insights.component.ts';
import './insights.ts';

const litWarnings = captureLitWarnings();

async function setup({ lang = 'en', ...options }: FakeInsightsClientOptions & { lang?: string } = {}) {
  const client = createFakeInsightsClient({ predictive: true, ...options });
  const el = await fixture<MbInsights>(
    html`<mb-insights .client=${client} group-id="rest-falafel-haus" lang=${lang}></mb-insights>`,
  );
  await settle(el);
  return { el, client };
}

async function settle(el: MbInsights) {
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
  }
}

const button = (el: MbInsights) => part<HTMLButtonElement>(el, 'win-back-button')!;
const outcome = (el: MbInsights) => part(el, 'win-back-outcome')!;
const winBacks = (client: ReturnType<typeof createFakeInsightsClient>) =>
  client.predictiveCalls.filter(([method]) => method === 'winBack');

describe('<mb-insights> regulars at risk', () => {
  it('lists each regular by pseudonym with the numbers and the reasons', async () => {
    const { el, client } = await setup();
    expect(client.predictiveCalls.find(([m]) => m === 'churn')?.[1]).to.deep.equal({
      groupId: 'rest-falafel-haus',
      locale: 'en',
    });
    const regulars = parts(el, 'regular');
    expect(regulars).to.have.length(6);
    const first = regulars[0]!;
    expect(text(first.querySelector('[part~="guest"]'))).to.equal('Guest G-7F3A');
    expect(first.querySelector('[part~="guest"]')!.localName).to.equal('h4');
    expect(text(first.querySelector('[part~="probability"]'))).to.equal('86% risk');
    expect([...first.querySelectorAll('dl > div')].map((pair) => [...pair.children].map(text))).to.deep.equal([
      ['Orders', '14'],
      ['Usually orders', 'every 9 days'],
      ['Last order', '31 days ago'],
      ['Average order', '€27.40'],
    ]);
    expect([...first.querySelectorAll('[part~="reasons"] li')].map(text)).to.deep.equal([
      'Usually orders every 9 days; last order 31 days ago',
      'The gaps between orders are getting longer',
    ]);
    const revenue = mockChurn('rest-falafel-haus', 'en').revenueAtRisk;
    expect(text(part(el, 'churn-summary'))).to.equal(
      `6 of 64 regulars at risk · Your revenue from them in the last 90 days: €${revenue.toLocaleString('en-GB', { minimumFractionDigits: 2 })}`,
    );
    expect(text(part(el, 'at-risk')!.querySelector('[role="status"]'))).to.equal('6 regulars at risk loaded.');
  });

  it('German: formal address, German numbers and money', async () => {
    const { el } = await setup({ lang: 'de' });
    expect(text(part(el, 'churn-summary'))).to.match(/^6 von 64 Stammgästen gefährdet · Ihr Umsatz mit ihnen/);
    expect(text(part(el, 'churn-summary'))).to.match(/\d,\d\d €$/);
    expect(text(parts(el, 'regular')[0]!.querySelector('dl'))).to.include('alle 9 Tage');
    expect(text(parts(el, 'regular')[0]!.querySelector('dl'))).to.include('27,40 €');
  });

  it('win-back: inert with its reason while it runs, then the outcome in the live region', async () => {
    const { el, client } = await setup({ winBack: 'hang' });
    expect(text(button(el))).to.equal('Start win-back campaign');
    expect(button(el).getAttribute('aria-disabled')).to.equal('false');
    button(el).click();
    await settle(el);
    expect(button(el).getAttribute('aria-disabled')).to.equal('true');
    const reason = part(el, 'win-back-reason')!;
    expect(text(reason)).to.equal('Starting now, please wait.');
    expect(button(el).getAttribute('aria-describedby')).to.equal(reason.id);
    // A second press while it runs starts nothing.
    button(el).click();
    await settle(el);
    expect(winBacks(client)).to.have.length(1);
    expect(winBacks(client)[0]![1]).to.deep.equal({ groupId: 'rest-falafel-haus', locale: 'en' });

    client.releaseWinBack();
    await settle(el);
    expect(outcome(el).getAttribute('role')).to.equal('status');
    expect(text(outcome(el))).to.equal(
      'Campaign started: 6 messages queued. Every message still respects consent, preferences and quiet hours.',
    );
    expect(button(el).getAttribute('aria-disabled')).to.equal('true');
    expect(text(part(el, 'win-back-reason'))).to.equal('Already started this week.');
  });

  it('win-back by keyboard; a week already running says so', async () => {
    const { el, client } = await setup({
      winBack: { campaignId: 'winback:rest-falafel-haus:2026-W52', queued: 0, alreadyRunning: true },
    });
    button(el).focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(winBacks(client)).to.have.length(1);
    expect(text(outcome(el))).to.equal("This week's win-back campaign is already running. Nothing was sent twice.");
    expect(deepActiveElement(), 'focus stays on the button').to.equal(button(el));
  });

  it('win-back fails: says so and may be tried again', async () => {
    const { el, client } = await setup({ winBack: 'error', lang: 'de' });
    button(el).click();
    await settle(el);
    expect(text(outcome(el))).to.equal('Die Kampagne konnte nicht gestartet werden. Bitte versuchen Sie es erneut.');
    expect(outcome(el).dataset.failed).to.equal('true');
    expect(button(el).getAttribute('aria-disabled')).to.equal('false');
    client.options = { ...client.options, winBack: undefined };
    button(el).click();
    await settle(el);
    expect(text(outcome(el))).to.match(/^Kampagne gestartet: 6 Nachrichten eingeplant\./);
  });

  it('Arabic: right-to-left, Arabic plurals', async () => {
    const { el } = await setup({ lang: 'ar' });
    expect(getComputedStyle(part(el, 'at-risk')!).direction).to.equal('rtl');
    expect(text(parts(el, 'regular')[0]!.querySelector('[part~="guest"]'))).to.equal('الضيف G-7F3A');
    expect(text(parts(el, 'regular')[0]!.querySelector('dl'))).to.include('كل 9 أيام');
  });

  describe('states', () => {
    it('nobody at risk', async () => {
      const { el } = await setup({ churn: (locale) => ({ ...mockChurn('rest-falafel-haus', locale), atRisk: [] }) });
      expect(text(part(el, 'churn-empty'))).to.equal(
        'All 64 regulars order as usual. Nobody is at risk of staying away right now.',
      );
      expect(part(el, 'win-back-button')).to.equal(null);
    });

    it('no regulars whose consent allows the analysis', async () => {
      const { el } = await setup({ churn: (locale) => mockChurn('rest-new-1', locale) });
      expect(text(part(el, 'churn-empty'))).to.equal('No regulars yet whose consent allows this analysis.');
    });

    it('error and offline: a message and a retry', async () => {
      const { el, client } = await setup({ churn: 'error' });
      const error = part(el, 'churn-error')!;
      expect(error.getAttribute('role')).to.equal('alert');
      expect(text(error)).to.include('The regulars could not be loaded.');
      client.options = { ...client.options, churn: undefined };
      error.querySelector('button')!.click();
      await settle(el);
      expect(parts(el, 'regular')).to.have.length(6);
      const offline = await setup({ churn: 'offline' });
      expect(text(part(offline.el, 'churn-error'))).to.match(/^You're offline/);
    });
  });

  describe('accessibility (axe)', () => {
    for (const lang of ['de', 'en', 'ar']) {
      it(`list and win-back, ${lang}`, async () => {
        const { el } = await setup({ lang, forecast: 'absent' });
        await expect(el).to.be.accessible();
      });
    }
    it('while the win-back runs, and after', async () => {
      const { el, client } = await setup({ winBack: 'hang', forecast: 'absent' });
      button(el).click();
      await settle(el);
      await expect(el).to.be.accessible();
      client.releaseWinBack();
      await settle(el);
      await expect(el).to.be.accessible();
    });
  });

  it('many regulars: the five riskiest, the rest behind "Show n more" (keyboard), in every language', async () => {
    const many = (locale: 'de' | 'en' | 'ar') => {
      const base = mockChurn('rest-falafel-haus', locale);
      const atRisk = Array.from({ length: 14 }, (_, i) => ({ ...base.atRisk[i % 6]!, guestRef: `G-${100 + i}` }));
      return { ...base, atRisk };
    };
    const { el } = await setup({ churn: many });
    const shown = () => parts(el, 'regular').filter((regular) => regular.checkVisibility());
    expect(shown().map((regular) => text(regular.querySelector('h4')))).to.deep.equal(
      ['G-100', 'G-101', 'G-102', 'G-103', 'G-104'].map((ref) => `Guest ${ref}`),
    );
    const summary = part(el, 'more-regulars')!.querySelector('summary')!;
    expect(text(summary)).to.equal('Show 9 more regulars');
    summary.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(shown()).to.have.length(14);
    expect(deepActiveElement()).to.equal(summary);
    await expect(el).shadowDom.to.be.accessible();

    for (const [lang, label] of [
      ['de', '9 weitere Stammgäste zeigen'],
      ['ar', 'عرض 9 ضيوف دائمين آخرين'],
    ] as const) {
      const other = (await setup({ lang, churn: many })).el;
      expect(text(part(other, 'more-regulars')!.querySelector('summary'))).to.equal(label);
    }
  });

  it('six regulars: all shown, nothing to expand', async () => {
    const { el } = await setup();
    expect(part(el, 'more-regulars')).to.equal(null);
    expect(parts(el, 'regular').filter((regular) => regular.checkVisibility())).to.have.length(6);
  });

  it('no Lit dev warnings', () => {
    expect(litWarnings).to.deep.equal([]);
  });
});
