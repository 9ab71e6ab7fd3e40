import { mockForecast } from '@matbakh/mocks';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createFakeInsightsClient, type FakeInsightsClientOptions } from '../../test-support/fake-insights-client.ts';
import { $, $$, part, parts, text, until } from '../../test-support/harness.ts';
import { captureLitWarnings } from '../shared/lit-warnings.ts';
import type { MbInsights } from './insights.component.ts';
import './insights.ts';

const litWarnings = captureLitWarnings();

async function setup({
  lang = 'en',
  width = 720,
  group = 'rest-falafel-haus',
  ...options
}: FakeInsightsClientOptions & { lang?: string; width?: number; group?: string } = {}) {
  const client = createFakeInsightsClient({ predictive: true, ...options });
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="inline-size: ${width}px"><mb-insights .client=${client} group-id=${group} lang=${lang}></mb-insights></div>`,
  );
  const el = wrapper.querySelector('mb-insights') as MbInsights;
  await settle(el);
  return { el, client, wrapper };
}

async function settle(el: MbInsights) {
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
  }
  // The chart redraws once its container has been measured.
  await new Promise((resolve) => requestAnimationFrame(resolve));
  await el.updateComplete;
}

/** The polyline's points as [x, y] pairs. */
const coordinates = (line: Element | null) =>
  (line?.getAttribute('points') ?? '')
    .trim()
    .split(/\s+/)
    .map((pair) => pair.split(',').map(Number) as [number, number]);

describe('<mb-insights> forecast', () => {
  it('draws the observed days, the expected days inside their bands, and the holidays', async () => {
    const { el } = await setup();
    const chart = part(el, 'chart')!;
    expect(chart.getAttribute('role')).to.equal('img');
    // 7 days ahead: the two weeks before them, and the expected line starts where the observed one ends.
    const history = coordinates(part(el, 'history-line'));
    const expected = coordinates(part(el, 'forecast-line'));
    expect(history).to.have.length(14);
    expect(expected).to.have.length(8);
    expect(expected[0]).to.deep.equal(history.at(-1));
    // Time runs left to right in English.
    expect(expected.at(-1)![0]).to.be.greaterThan(history[0]![0]);
    // The 95 % band encloses the 80 % band, which encloses the expected line (SVG y grows downwards).
    const band95 = (part(el, 'band-95') as unknown as SVGGraphicsElement).getBBox();
    const band80 = (part(el, 'band-80') as unknown as SVGGraphicsElement).getBBox();
    expect(band95.y).to.be.at.most(band80.y);
    expect(band95.y + band95.height).to.be.at.least(band80.y + band80.height);
    for (const [, y] of expected.slice(1)) {
      expect(y).to.be.within(band80.y - 0.1, band80.y + band80.height + 0.1);
    }
    // Christmas Day and the Second Day of Christmas fall in the week.
    expect(parts(el, 'holiday').map((h) => h.dataset.date)).to.deep.equal(['2026-12-25', '2026-12-26']);
    expect(text(part(el, 'legend'))).to.include('Public holiday');
    expect(chart.getAttribute('aria-label')).to.equal(
      'Chart: orders per day, observed from Monday 7 December to Sunday 20 December, expected from Monday 21 December to Sunday 27 December with 80% and 95% intervals. The table has every value.',
    );
  });

  it('labels the axes with Intl in the locale, without overlapping labels', async () => {
    const { el } = await setup({ lang: 'de' });
    const labels = $$(el, '.chart text.axis').map((t) => t.textContent!.trim());
    expect(labels).to.include('21. Dez.');
    expect(labels).to.include('40');
    const en = await setup({ lang: 'en', width: 360 });
    const boxes = $$(en.el, '.chart text.axis')
      .filter((t) => t.getAttribute('text-anchor') !== 'end' || !/^\d+$/.test(t.textContent!.trim()))
      .filter((t) => Number(t.getAttribute('y')) > 200)
      .map((t) => t.getBoundingClientRect())
      .sort((a, b) => a.left - b.left);
    expect(boxes.length).to.be.greaterThan(1);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.left, `x label ${i}`).to.be.at.least(boxes[i - 1]!.right);
  });

  it('fits a narrow container: the chart is redrawn at its width and nothing scrolls sideways but the table', async () => {
    const { el } = await setup({ width: 330 });
    const chart = part(el, 'chart')!;
    const box = $(el, '.chart-box');
    expect(Math.abs(chart.getBoundingClientRect().width - box.getBoundingClientRect().width)).to.be.below(2);
    const base = part(el, 'base')!;
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
  });

  it('switches to 28 days by keyboard: loads, announces and draws the longer window', async () => {
    const { el, client } = await setup();
    const details = part<HTMLDetailsElement>(el, 'table-toggle')!;
    details.open = true;
    const week = $<HTMLInputElement>(el, 'input[value="7"]');
    expect(week.checked).to.equal(true);
    client.options = { ...client.options, forecast: 'hang' };
    week.focus();
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    // While the 28 days load, the 7 days stay (busy), and the table the owner opened stays open.
    expect(part(el, 'forecast')!.getAttribute('aria-busy')).to.equal('true');
    expect(details.isConnected && details.open, 'the open table stays while loading').to.equal(true);
    expect(details.querySelectorAll('tr[data-kind="expected"]')).to.have.length(7);
    // Back to 7 and once more to 28, now answered.
    client.options = { ...client.options, forecast: undefined };
    await sendKeys({ press: 'ArrowLeft' });
    await settle(el);
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    expect(details.isConnected && details.open, 'the open table stays open').to.equal(true);
    expect(details.querySelectorAll('tr[data-kind="expected"]')).to.have.length(28);
    expect(client.predictiveCalls.filter(([m]) => m === 'forecast').map(([, r]) => r.horizon)).to.deep.equal([
      7, 28, 7, 28,
    ]);
    expect($<HTMLInputElement>(el, 'input[value="28"]').checked).to.equal(true);
    expect(coordinates(part(el, 'forecast-line'))).to.have.length(29);
    expect(parts(el, 'holiday').map((h) => h.dataset.date)).to.include('2027-01-01');
    expect(text($(el, '[part~="forecast"] [role="status"]'))).to.equal('Forecast for the next 28 days loaded.');
  });

  it('has the same numbers as a table behind "Show as table"', async () => {
    const { el } = await setup();
    const details = part<HTMLDetailsElement>(el, 'table-toggle')!;
    expect(details.open).to.equal(false);
    const summary = details.querySelector('summary')!;
    expect(text(summary)).to.equal('Show as table');
    summary.click();
    await el.updateComplete;
    expect(details.open).to.equal(true);
    const table = details.querySelector('table')!;
    expect(text(table.querySelector('caption'))).to.equal(
      'Orders per day: observed and expected, with 80% and 95% intervals',
    );
    expect([...table.querySelectorAll('thead th')].map((th) => th.getAttribute('scope'))).to.deep.equal(
      Array(6).fill('col'),
    );
    const rows = [...table.querySelectorAll('tbody tr')];
    expect(rows).to.have.length(21);
    for (const row of rows) expect(row.querySelector('th')!.getAttribute('scope')).to.equal('row');
    const fixture = mockForecast('rest-falafel-haus', 'en', 7).orders.points;
    const christmas = rows.find((row) => text(row).startsWith('Fri 25 Dec'))!;
    const cells = [...christmas.querySelectorAll('td')].map(text);
    const day = fixture.find((p) => p.date === '2026-12-25')!;
    expect(cells).to.deep.equal([
      '',
      String(Math.round(day.mean)),
      `${Math.round(day.lo80)} to ${Math.round(day.hi80)}`,
      `${Math.round(day.lo95)} to ${Math.round(day.hi95)}`,
      'Christmas Day',
    ]);
  });

  it('says the trend in words and lists what to prepare for', async () => {
    const { el } = await setup();
    const trend = part(el, 'forecast-trend')!;
    expect(trend.dataset.direction).to.equal('up');
    expect(text(trend)).to.match(/^↗ Trend: Orders are rising/);
    expect(trend.querySelector('[aria-hidden="true"]')!.textContent).to.equal('↗');
    expect(parts(el, 'alert').map((a) => text(a.querySelector('strong')))).to.deep.equal([
      'Friday 25 December: about 25 orders expected (Christmas Day)',
      'Saturday 26 December: about 27 orders expected (Second Day of Christmas)',
    ]);
  });

  it('mirrors the chart right-to-left in Arabic', async () => {
    const { el } = await setup({ lang: 'ar' });
    expect(getComputedStyle(part(el, 'forecast')!).direction).to.equal('rtl');
    const history = coordinates(part(el, 'history-line'));
    const expected = coordinates(part(el, 'forecast-line'));
    expect(history[0]![0], 'the oldest day at the right').to.be.greaterThan(expected.at(-1)![0]);
    const width = Number(part(el, 'chart')!.getAttribute('width'));
    const yLabels = $$(el, '.chart text.axis').filter((t) => /^[\d٠-٩]+$/.test(t.textContent!.trim()));
    for (const label of yLabels)
      expect(Number(label.getAttribute('x')), 'y labels at the right').to.be.above(width / 2);
    expect(text(part(el, 'table-toggle')!.querySelector('summary'))).to.equal('عرض كجدول');
  });

  it('a new restaurant: the outlook from similar ones instead of a chart', async () => {
    const { el } = await setup({ group: 'rest-new-pizza' });
    expect(part(el, 'chart')).to.equal(null);
    const outlook = part(el, 'outlook')!;
    expect(text(outlook)).to.match(/^Too few orders yet/);
    expect(outlook.querySelectorAll('tbody tr')).to.have.length(8);
    expect(text(outlook)).to.include('Compared with 23 similar restaurants.');
  });

  it('no history and no outlook: says so', async () => {
    const empty = () => ({ ...mockForecast('rest-new-x', 'en', 7), outlook: undefined });
    const { el } = await setup({ forecast: empty });
    expect(text(part(el, 'forecast-empty'))).to.equal('There are too few orders for a forecast yet.');
  });

  describe('errors', () => {
    it('error: a message and a retry, the cards and the regulars stay', async () => {
      const { el, client } = await setup({ forecast: 'error' });
      const error = part(el, 'forecast-error')!;
      expect(error.getAttribute('role')).to.equal('alert');
      expect(text(error)).to.include('The forecast could not be loaded.');
      expect(parts(el, 'card')).to.have.length(5);
      expect(parts(el, 'regular')).to.have.length(6);
      client.options = { ...client.options, forecast: undefined };
      error.querySelector('button')!.click();
      await settle(el);
      expect(part(el, 'chart')).to.exist;
    });

    it("a partner's client that throws instead of rejecting: the error state, nothing thrown into the page", async () => {
      const client = createFakeInsightsClient({ predictive: true });
      client.insights.forecast = () => {
        throw new Error('partner client bug');
      };
      const wrapper = await fixture<HTMLDivElement>(
        html`<div><mb-insights .client=${client} group-id="rest-1" lang="en"></mb-insights></div>`,
      );
      const el = wrapper.querySelector('mb-insights') as MbInsights;
      await settle(el);
      expect(text(part(el, 'forecast-error'))).to.include('The forecast could not be loaded.');
      expect(parts(el, 'regular')).to.have.length(6);
    });

    it('offline: says so', async () => {
      const { el } = await setup({ forecast: 'offline' });
      expect(text(part(el, 'forecast-error'))).to.match(/^You're offline/);
    });

    it('not computed yet (404 naming groupId): says when the forecast will come', async () => {
      const notYet = Object.assign(new Error('no forecast yet'), {
        status: 404,
        body: { error: { code: 'not_found', message: 'no forecast for this groupId yet', field: 'groupId' } },
      });
      const { el } = await setup({ forecast: 'absent', churn: undefined, predictive: true });
      const client = createFakeInsightsClient({ predictive: true });
      client.insights.forecast = () => Promise.reject(notYet);
      el.client = client;
      el.groupId = 'rest-fresh';
      await until(() => part(el, 'forecast-empty') !== null, 'the pending notice');
      expect(text(part(el, 'forecast-empty'))).to.equal(
        'The first forecast is being computed. It will be here by tomorrow and is updated daily after that.',
      );
    });

    it('loading: a placeholder, busy and announced', async () => {
      const { el } = await setup({ forecast: 'hang' });
      const section = part(el, 'forecast')!;
      expect(section.getAttribute('aria-busy')).to.equal('true');
      expect(text(section.querySelector('[role="status"]'))).to.equal('Loading the forecast…');
      expect(section.querySelector('[part~="skeleton"]')).to.exist;
    });

    it('a client without forecast, or an API without the route (404): no forecast section', async () => {
      const { el } = await setup({ forecast: 'absent' });
      expect(part(el, 'forecast')).to.equal(null);
      expect(parts(el, 'card')).to.have.length(5);
      const notThere = Object.assign(new Error('not found'), { status: 404 });
      const client = createFakeInsightsClient({ predictive: true });
      client.insights.forecast = () => Promise.reject(notThere);
      el.client = client;
      el.groupId = 'rest-other';
      await until(() => part(el, 'at-risk') !== null && part(el, 'forecast') === null, 'no forecast section');
    });
  });

  describe('accessibility (axe)', () => {
    for (const lang of ['de', 'en', 'ar']) {
      it(`ready, table open, ${lang}`, async () => {
        const { el } = await setup({ lang });
        part<HTMLDetailsElement>(el, 'table-toggle')!.open = true;
        await expect(el).to.be.accessible();
      });
    }
    for (const [state, options] of [
      ['loading', { forecast: 'hang', churn: 'hang' }],
      ['error', { forecast: 'error', churn: 'offline' }],
      ['outlook', { group: 'rest-new-1' }],
    ] as const) {
      it(state, async () => {
        const { el } = await setup(options);
        await expect(el).to.be.accessible();
      });
    }
  });

  it('no Lit dev warnings', () => {
    expect(litWarnings).to.deep.equal([]);
  });
});
