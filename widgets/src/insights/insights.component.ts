import {
  type Insight,
  type InsightReport,
  type InsightSeverity,
  type InsightsResponse,
  safeUrl,
} from '@matbakh/contract';
import { html, nothing, svg, type TemplateResult } from 'lit';
import { ClientController } from '../shared/client-controller.ts';
import { dirOf, type Locale, type MessageParams, t } from '../shared/i18n.ts';
import { listenWhileConnected } from '../shared/listen.ts';
import { MbElement } from '../shared/mb-element.ts';
import { widgetAddress, widgetLocale } from '../shared/texts.ts';
import { baseStyles, type Theme, tokens } from '../shared/tokens.ts';
import { atRiskSection } from './at-risk-list.ts';
import { forecastSection, type SectionContext } from './forecast-section.ts';
import { type InsightsMessage, messages } from './insights.messages.ts';
import { styles } from './insights.styles.ts';
import { type InsightsClient, isInsightsClient } from './insights-client.ts';
import { predictiveMessages } from './predictive.messages.ts';
import { predictiveStyles } from './predictive.styles.ts';
import { PredictiveState } from './predictive-state.ts';
import { reportSummary } from './report-summary.ts';

type LoadState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error' }
  | { status: 'offline' }
  | { status: 'ready'; data: InsightsResponse };

/** The one URL sanitiser (`@matbakh/contract`): only http(s) becomes a link or an image. */
export { safeUrl };

const ICONS: Record<InsightSeverity, TemplateResult> = {
  info: svg`<circle cx="12" cy="12" r="10"/><rect x="11" y="10" width="2" height="7" fill="#fff"/><rect x="11" y="6.5" width="2" height="2" fill="#fff"/>`,
  success: svg`<circle cx="12" cy="12" r="10"/><path d="M7 12.5l3.2 3.2L17 9" stroke="#fff" stroke-width="2.2" fill="none"/>`,
  warning: svg`<path d="M12 2 23 21H1z"/><rect x="11" y="9" width="2" height="6" fill="#fff"/><rect x="11" y="16.5" width="2" height="2" fill="#fff"/>`,
  critical: svg`<path d="M7.8 2h8.4L22 7.8v8.4L16.2 22H7.8L2 16.2V7.8z"/><path d="M8.5 8.5l7 7m0-7-7 7" stroke="#fff" stroke-width="2.2"/>`,
};

/**
 * What an owner (a restaurant) should know now: a weekly report, health alerts and seasonal suggestions from
 * `GET /v1/insights`, as cards. Each card shows its severity as an icon and a word (never colour alone), the
 * reason it appears, and an optional call to action (a link for http(s) URLs, else a button).
 *
 * The report card adds the last 7 days' revenue and orders formatted with `Intl` (currency, percent) and the
 * trend as words ("up 29% on the 7 days before"), the arrow being decoration. Loading shows a skeleton and is
 * announced; errors and offline show a message and a retry (offline retries by itself when back online).
 *
 * The client is the `client` property, else `window.matbakh.client`, with `insights.get` (`insightsPlugin()`).
 * Server texts are rendered as text only.
 *
 * Predictive insights (issue 21), when the client has `insights.forecast` / `insights.churn` / `insights.winBack`
 * (the SDK's plugin does): the orders forecast for the next 7 or 28 days as an SVG chart with 80 % and 95 %
 * bands and public holidays, the same numbers as a table behind "Show as table", the trend in words and what to
 * prepare for; then the regulars at risk (pseudonym, numbers, reasons) with the win-back button, whose outcome is
 * announced. Each section loads and fails on its own; without the calls (or a 404) it is left out.
 *
 * @csspart forecast - The forecast section (also `at-risk`: the regulars at risk).
 * @csspart horizon - The 7/28-day switch (radio buttons).
 * @csspart forecast-trend - The trend in words.
 * @csspart chart - The SVG chart (`role="img"`); inside: `history-line`, `forecast-line`, `band-80`, `band-95`, `holiday`.
 * @csspart legend - The chart's legend, in words.
 * @csspart table-toggle - The "Show as table" disclosure (`details`); `table` is the table inside.
 * @csspart alerts - The "prepare for" list; `alert` one of them.
 * @csspart method - The forecast method, for the owner who asks.
 * @csspart outlook - A new restaurant's outlook from similar ones.
 * @csspart forecast-error - Forecast error or offline (also `churn-error`); `forecast-empty`, `churn-empty`: nothing to show.
 * @csspart churn-summary - "6 of 64 regulars at risk · revenue".
 * @csspart at-risk-list - The list of regulars; `regular` one of them, with `guest`, `probability` and `reasons`.
 * @csspart win-back - The win-back action; `win-back-button`, `win-back-reason` (why it is disabled), `win-back-outcome`.
 *
 * @event mb-insight-action - The owner activated a call to action: `{ insightId }`. Links still navigate.
 *
 * @csspart base - The root.
 * @csspart title - The heading.
 * @csspart status - Visually hidden live region (loading, loaded, errors).
 * @csspart skeleton - A loading placeholder card.
 * @csspart list - The list of cards.
 * @csspart card - One insight (also `card-<kind>`: `card-report`, `card-alert`, `card-seasonal`).
 * @csspart severity - Severity icon and word.
 * @csspart severity-icon - The icon.
 * @csspart card-title - The insight's title.
 * @csspart body - The insight's text.
 * @csspart reason - Why it appears.
 * @csspart summary - The report's numbers (`dl`).
 * @csspart trend - The trend, as words.
 * @csspart cta - The call to action (link or button).
 * @csspart empty - The empty-state message.
 * @csspart error - The error or offline message (also `offline`).
 * @csspart retry - Retry button.
 *
 * @cssproperty --mb-insights-background - The widget's background (default `--mb-color-surface`).
 * @cssproperty --mb-insights-frame-padding - Padding around the list (default `--mb-space-m`).
 * @cssproperty --mb-insights-frame-radius - The widget's corner radius (default `--mb-radius-l`).
 * @cssproperty --mb-insights-surface - Card background (default `--mb-color-surface`).
 * @cssproperty --mb-insights-text - Text colour (default `--mb-color-text`).
 * @cssproperty --mb-insights-muted - Reason and labels (default `--mb-color-muted`).
 * @cssproperty --mb-insights-border - Card border (default `--mb-color-border`).
 * @cssproperty --mb-insights-radius - Card radius (default `--mb-radius-m`).
 * @cssproperty --mb-insights-shadow - Card shadow (default `--mb-shadow-s`).
 * @cssproperty --mb-insights-padding - Card padding (default `--mb-space-m`).
 * @cssproperty --mb-insights-gap - Space between cards (default `--mb-space-s`).
 * @cssproperty --mb-insights-title-size - Heading size (default `--mb-font-size-l`).
 * @cssproperty --mb-insights-info - Info accent (default `--mb-color-focus`, the cool accent: never read as an error).
 * @cssproperty --mb-insights-success - Success accent (default `--mb-color-success`).
 * @cssproperty --mb-insights-warning - Warning accent (default `#b07000`).
 * @cssproperty --mb-insights-critical - Critical accent (default `--mb-color-danger`).
 * @cssproperty --mb-insights-cta-surface - CTA background (default `--mb-color-primary`).
 * @cssproperty --mb-insights-cta-text - CTA text (default `--mb-color-on-primary`).
 * @cssproperty --mb-insights-cta-border - CTA border (default `--mb-color-primary`).
 * @cssproperty --mb-insights-button-radius - CTA and retry radius (default `--mb-radius-m`).
 * @cssproperty --mb-insights-skeleton - Skeleton colour (default `--mb-color-border`).
 * @cssproperty --mb-insights-forecast - The expected line and its bands (default `--mb-color-focus`).
 * @cssproperty --mb-insights-holiday - Holiday markers (default `--mb-insights-warning`).
 */
export class MbInsights extends MbElement {
  static override styles = [tokens, baseStyles, styles, predictiveStyles];

  static override properties = {
    client: { attribute: false },
    groupId: { type: String, attribute: 'group-id', reflect: true },
    groupHash: { type: String, attribute: 'group-hash' },
    theme: { type: String, reflect: true },
    lang: { type: String, reflect: true },
    state: { state: true },
  };

  /** The matbakh client (with `insightsPlugin()`). Unset: `window.matbakh.client`. */
  declare client: InsightsClient | undefined;
  /** The restaurant (Segment group id) whose insights are shown. Unset: the client's current group. */
  declare groupId: string | undefined;
  /**
   * With `group-id`: the host backend's proof that the signed-in owner may see that restaurant, hex
   * HMAC-SHA256(tenant secret, `userId + ':' + groupId`). Unset with `group-id` unset: the client's current group
   * and the hash given to `group()`.
   */
  declare groupHash: string | undefined;
  /** Theme preset: `light` (default), `dark`, `high-contrast`, `system`. */
  declare theme: Theme | undefined;
  /** Locale of the texts and the request (`de`, `en`, `ar`); unset: the page's, else the browser's. */
  declare lang: string;
  declare private state: LoadState;

  private readonly connection = new ClientController<InsightsClient>(this, {
    accept: isInsightsClient,
    // The page's current group may arrive after us (`group()` once the owner is known).
    stores: (client) => (client.insights?.$group ? [client.insights?.$group] : []),
    onClient: () => this.load(),
  });
  private readonly predictive = new PredictiveState(this);
  private loadToken = 0;
  private loadedFor = '';

  constructor() {
    super();
    this.state = { status: 'idle' };
    listenWhileConnected(this, window, 'online', this.onOnline);
  }

  private readonly onOnline = () => {
    if (this.state.status === 'offline' || this.state.status === 'error') this.load();
  };

  private get locale(): Locale {
    return widgetLocale(this, this.lang);
  }

  protected override willUpdate(): void {
    // A new restaurant or language: load again (silently: no events for programmatic changes).
    // The client's current group changes without a property change: compare what was loaded.
    if (this.connection.client && this.isConnected && this.loadedFor !== this.requestKey()) this.load();
  }

  /** `group-id`, else the group of the client's last `group()` call. */
  private get group(): string | undefined {
    return this.groupId || this.connection.client?.insights?.$group?.get()?.groupId;
  }

  private requestKey(): string {
    return `${this.group ?? ''}|${this.locale}`;
  }

  /** Loads (again) now; called on connect, on retry, when back online and when group-id or lang change. */
  async load(): Promise<void> {
    const client = this.connection.client;
    const groupId = this.group;
    if (!client || !groupId) return;
    const token = ++this.loadToken;
    this.loadedFor = this.requestKey();
    this.state = { status: 'loading' };
    try {
      const request = this.groupId && this.groupHash ? { groupId, groupHash: this.groupHash } : { groupId };
      this.predictive.load(client, { ...request, locale: this.locale });
      const data = await client.insights.get({ ...request, locale: this.locale });
      if (token === this.loadToken) this.state = { status: 'ready', data };
    } catch (error) {
      if (token !== this.loadToken) return;
      const offline = (error as { status?: number })?.status === 0 || globalThis.navigator?.onLine === false;
      this.state = { status: offline ? 'offline' : 'error' };
    }
  }

  private say(key: InsightsMessage, params?: MessageParams): string {
    const locale = this.locale;
    return t(messages, locale, key, params, widgetAddress(this, locale));
  }

  private act(insight: Insight): void {
    this.emit('mb-insight-action', { insightId: insight.id });
  }

  protected override render(): TemplateResult {
    const locale = this.locale;
    return html`<section part="base" class="base" dir=${dirOf(locale)} lang=${locale}
      aria-labelledby="title" aria-busy=${this.state.status === 'loading' ? 'true' : 'false'}>
      <h2 id="title" part="title">${this.say('title')}</h2>
      <div part="status" class="visually-hidden" role="status">${this.statusText()}</div>
      ${this.body()}
      ${this.group ? forecastSection(this.sectionContext()) : nothing}
      ${this.group ? atRiskSection(this.sectionContext()) : nothing}
    </section>`;
  }

  private sectionContext(): SectionContext {
    const locale = this.locale;
    const address = widgetAddress(this, locale);
    return {
      say: (key, params) => t(predictiveMessages, locale, key, params, address),
      locale,
      rtl: dirOf(locale) === 'rtl',
      state: this.predictive,
    };
  }

  protected override updated(): void {
    // The chart is drawn at its container's width: watch it once it exists.
    this.predictive.observe(this.renderRoot.querySelector('.chart-box'));
  }

  private statusText(): string {
    switch (this.state.status) {
      case 'loading':
        return this.say('loading');
      case 'ready':
        return this.say('loaded', { count: this.state.data.insights.length });
      default:
        return '';
    }
  }

  private body(): TemplateResult | typeof nothing {
    const state = this.state;
    if (!this.group) return html`<p part="empty" class="notice">${this.say('noGroup')}</p>`;
    switch (state.status) {
      case 'idle':
        return nothing;
      case 'loading':
        return html`<div aria-hidden="true" style="display:grid;gap:var(--mb-space-s)">
          ${[0, 1, 2].map(() => html`<div part="skeleton" class="skeleton"></div>`)}
        </div>`;
      case 'error':
      case 'offline':
        return html`<div part="error ${state.status}" class="notice" role="alert">
          <p>${this.say(state.status)}</p>
          <button part="retry" class="retry" type="button" @click=${() => this.load()}>${this.say('retry')}</button>
        </div>`;
      case 'ready':
        if (state.data.insights.length === 0) return html`<p part="empty" class="notice">${this.say('empty')}</p>`;
        return html`<ul part="list">
          ${state.data.insights.map((insight) => this.card(insight, state.data.report))}
        </ul>`;
    }
  }

  private card(insight: Insight, report: InsightReport): TemplateResult {
    const url = safeUrl(insight.cta?.url);
    const severity = ICONS[insight.severity] ? insight.severity : 'info';
    return html`<li part="card card-${insight.kind}" class="card" data-severity=${severity}>
      <span part="severity" class="severity">
        <svg part="severity-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${ICONS[severity]}</svg>
        ${this.say(`severity.${severity}`)}
      </span>
      <h3 part="card-title">${insight.title}</h3>
      ${insight.kind === 'report' ? reportSummary(report, this.locale, (key, params) => this.say(key, params)) : nothing}
      <p part="body">${insight.body}</p>
      <p part="reason" class="reason">${this.say('reason', { reason: insight.reason })}</p>
      ${
        insight.cta
          ? url
            ? html`<a part="cta" class="cta" href=${url} @click=${() => this.act(insight)}>${insight.cta.label}</a>`
            : html`<button part="cta" class="cta" type="button" @click=${() => this.act(insight)}>
                ${insight.cta.label}
              </button>`
          : nothing
      }
    </li>`;
  }
}
