import {
  CONSENT_CATEGORIES,
  type ConsentCategoryId,
  type KpiPeriod,
  type KpiReport,
  type Rate,
} from '@matbakh/contract';
import { css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { barChart } from '../bar-chart.ts';
import { messagingSection } from '../campaigns/messaging-results.ts';
import { experimentResults } from '../experiment-results.ts';
import { ConsolePage, pageStyles } from '../page-base.ts';

const isCategory = (id: string): id is ConsentCategoryId => (CONSENT_CATEGORIES as readonly string[]).includes(id);

const sum = (periods: readonly KpiPeriod[], pick: (period: KpiPeriod) => number | undefined) =>
  periods.reduce((total, period) => total + (pick(period) ?? 0), 0);
const ratio = (a: number, b: number): Rate => (b === 0 ? null : a / b);

/**
 * Overview: the KPI report of the last 28 days (`GET /v1/admin/kpis`) as headline figures, bar charts with their
 * tables, consent opt-in per category and experiment results (lift with its 95 % CI, sample-ratio-mismatch warning).
 */
@customElement('mb-console-overview')
export class ConsoleOverview extends ConsolePage {
  static override styles = [
    ...pageStyles,
    css`
      .cards {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
        gap: var(--mb-space-s);
        margin: 0 0 var(--mb-space-l);
        padding: 0;
      }
      .cards div {
        border: var(--mb-border-width) solid var(--mb-color-border);
        border-radius: var(--mb-radius-m);
        padding: var(--mb-space-s) var(--mb-space-m);
      }
      dt {
        font-size: var(--mb-font-size-s);
        color: var(--mb-color-muted);
      }
      dd {
        margin: 0;
        font-size: var(--mb-font-size-xl);
        font-weight: var(--mb-font-weight-strong);
      }
      .chart {
        margin: 0 0 var(--mb-space-l);
      }
      .chart figcaption {
        font-weight: var(--mb-font-weight-strong);
        margin-block-end: var(--mb-space-xs);
      }
      .chart svg {
        inline-size: 100%;
        block-size: 10rem;
        display: block;
        border-block-end: var(--mb-border-width) solid var(--mb-color-border);
      }
      .bar {
        fill: var(--mb-color-primary);
      }
      summary {
        cursor: pointer;
        padding-block: var(--mb-space-xs);
      }
    `,
  ];

  @state() private report: KpiReport | undefined;
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.report = await this.api.get<KpiReport>('/v1/admin/kpis?interval=day');
    } catch (error) {
      this.error = this.problem(error);
    }
  }

  private headline(periods: readonly KpiPeriod[]) {
    const figures: [Parameters<ConsolePage['msg']>[0], string][] = [
      ['kpi.activeVisitors', this.number(sum(periods, (p) => p.adoption?.activeVisitors))],
      [
        'kpi.dashboardAdoption',
        // Per day, the share of the day's visitors who saw a dashboard; over the range, weighted by visitors.
        this.percent(
          ratio(
            sum(periods, (p) => p.adoption?.dashboardViewers),
            sum(periods, (p) => p.adoption?.activeVisitors),
          ),
        ),
      ],
      [
        'kpi.ctr',
        this.percent(
          ratio(
            sum(periods, (p) => p.recommendations?.clicks),
            sum(periods, (p) => p.recommendations?.impressions),
          ),
        ),
      ],
      [
        'kpi.attributedRevenue',
        this.number(
          sum(periods, (p) => p.recommendations?.attributedRevenue),
          { maximumFractionDigits: 2 },
        ),
      ],
      [
        'kpi.acceptance',
        this.percent(
          ratio(
            sum(periods, (p) => p.actions?.accepted),
            sum(periods, (p) => p.actions?.shown),
          ),
        ),
      ],
      [
        'kpi.tourCompletion',
        this.percent(
          ratio(
            sum(periods, (p) => p.tours?.completed),
            sum(periods, (p) => p.tours?.started),
          ),
        ),
      ],
      [
        'kpi.retentionPersonalized',
        this.percent(
          ratio(
            sum(periods, (p) => p.retention?.personalized?.retained),
            sum(periods, (p) => p.retention?.personalized?.visitors),
          ),
        ),
      ],
      [
        'kpi.retentionOther',
        this.percent(
          ratio(
            sum(periods, (p) => p.retention?.nonPersonalized?.retained),
            sum(periods, (p) => p.retention?.nonPersonalized?.visitors),
          ),
        ),
      ],
    ];
    return html`<dl class="cards">
      ${figures.map(([key, value]) => html`<div><dt>${this.msg(key)}</dt><dd>${value}</dd></div>`)}
    </dl>`;
  }

  /** Search (issue 20): searches, zero-result rate, picks, orders after a search, and the texts that found nothing. */
  private search(report: KpiReport) {
    const periods = report.periods;
    const searches = sum(periods, (p) => p.search?.searches);
    const clicks = sum(periods, (p) => p.search?.clicks);
    const figures: [Parameters<ConsolePage['msg']>[0], string][] = [
      ['kpi.searches', this.number(searches)],
      [
        'kpi.searchZeroRate',
        this.percent(
          ratio(
            sum(periods, (p) => p.search?.zeroResults),
            searches,
          ),
        ),
      ],
      ['kpi.searchCtr', this.percent(ratio(clicks, searches))],
      ['kpi.searchOrders', this.number(sum(periods, (p) => p.search?.attributedOrders))],
    ];
    const zero = report.zeroResultQueries ?? [];
    return html`<h2>${this.msg('search.title')}</h2>
      <dl class="cards">
        ${figures.map(([key, value]) => html`<div><dt>${this.msg(key)}</dt><dd>${value}</dd></div>`)}
      </dl>
      <h3 id="zero-results">${this.msg('search.zeroTitle')}</h3>
      ${
        zero.length === 0
          ? html`<p>${this.msg('search.zeroEmpty')}</p>`
          : html`<div class="table-wrap"><table aria-labelledby="zero-results">
              <thead><tr><th scope="col">${this.msg('search.query')}</th><th scope="col">${this.msg('search.count')}</th><th scope="col">${this.msg('search.lastDay')}</th></tr></thead>
              <tbody>${zero.map(
                (row) =>
                  html`<tr><td><bdi>${row.query}</bdi></td><td>${this.number(row.searches)}</td><td>${this.day(row.lastDay)}</td></tr>`,
              )}</tbody>
            </table></div>`
      }
      <p class="muted">${this.msg('search.zeroNote')}</p>`;
  }

  private optIn(periods: readonly KpiPeriod[]) {
    const granted = new Map<string, number>();
    const decisions = sum(periods, (p) => p.consent?.decisions);
    for (const period of periods) {
      for (const [category, value] of Object.entries(period.consent?.optIn ?? {})) {
        granted.set(category, (granted.get(category) ?? 0) + value.granted);
      }
    }
    // No decision in the range: every rate is undefined, and the chart says so (the server always lists every
    // category, so this is the common case for a new tenant).
    const bars = [...granted].map(([category, count]) => {
      const rate = ratio(count, decisions);
      const label = isCategory(category) ? this.msg(`category.${category}`) : category;
      return { label, value: rate ?? 0, text: this.percent(rate), empty: rate === null };
    });
    return barChart(this.msg('chart.optIn'), bars, this.tableLabels('category'), { max: 1, maxText: this.percent(1) });
  }

  private tableLabels(label: 'day' | 'category') {
    return {
      table: this.msg('chartTable'),
      label: this.msg(label),
      value: this.msg('value'),
      empty: this.msg('chart.empty'),
    };
  }

  override render() {
    const report = this.report;
    const periods = report?.periods ?? [];
    return html`
      <h1 tabindex="-1">${this.msg('page.overview')}</h1>
      <p>${this.msg('overviewIntro')}</p>
      <div role="alert">${this.error ? html`<p class="notice error">${this.error}</p>` : ''}</div>
      ${
        report === undefined
          ? this.error
            ? ''
            : html`<p>${this.msg('loading')}</p>`
          : html`
            <p class="muted">
              ${report.computedAt ? this.msg('computedAt', { date: this.date(report.computedAt) }) : this.msg('notComputed')}
            </p>
            ${periods.length === 0 ? html`<p>${this.msg('kpiEmpty')}</p>` : this.headline(periods)}
            ${barChart(
              this.msg('chart.visitors'),
              periods.map((p) => {
                const value = p.adoption?.activeVisitors ?? 0;
                return { label: this.day(p.start), value, text: this.number(value) };
              }),
              this.tableLabels('day'),
            )}
            ${barChart(
              this.msg('chart.clicks'),
              periods.map((p) => {
                const value = p.recommendations?.clicks ?? 0;
                return { label: this.day(p.start), value, text: this.number(value) };
              }),
              this.tableLabels('day'),
            )}
            ${this.optIn(periods)}
            ${this.search(report)}
            <h2>${this.msg('experiments')}</h2>
            ${
              (report.experiments ?? []).length === 0
                ? html`<p>${this.msg('experimentsEmpty')}</p>`
                : (report.experiments ?? []).map((experiment) => experimentResults(this, experiment))
            }
            ${messagingSection(this, report.messaging)}
          `
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mb-console-overview': ConsoleOverview;
  }
}
