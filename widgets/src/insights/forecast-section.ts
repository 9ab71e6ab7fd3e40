/**
 * The forecast section of `<mb-insights>`: a 7/28-day switch, the trend in words, the chart with its legend, the
 * same numbers as a table behind "Show as table" (a native disclosure), the "prepare for" alerts, and for a new
 * restaurant the outlook from similar ones. Server texts are rendered as text only.
 */
import type { ForecastResponse, ForecastSeries, NewRestaurantOutlook } from '@matbakh/contract';
import { html, nothing, type TemplateResult } from 'lit';
import type { Locale, MessageParams } from '../shared/i18n.ts';
import { forecastChart } from './forecast-chart.ts';
import { type Formats, formatsFor } from './forecast-format.ts';
import type { PredictiveMessage } from './predictive.messages.ts';
import type { PredictiveState } from './predictive-state.ts';

export interface SectionContext {
  say(key: PredictiveMessage, params?: MessageParams): string;
  locale: Locale;
  rtl: boolean;
  state: PredictiveState;
}

const ARROWS = { up: '↗', down: '↘', flat: '→' } as const;
/** Right-to-left, time runs leftwards (as in the chart): rising points up and to the left. */
const RTL_ARROWS = { up: '↖', down: '↙', flat: '←' } as const;

export function forecastSection(context: SectionContext): TemplateResult | typeof nothing {
  const { say, state } = context;
  const section = state.forecast;
  if (section.status === 'absent') return nothing;
  const status =
    section.status === 'loading'
      ? say('forecast.loading')
      : section.status === 'ready'
        ? say('forecast.loaded', { days: state.horizon })
        : '';
  return html`<section part="forecast" class="panel" aria-labelledby="forecast-title"
      aria-busy=${section.status === 'loading' ? 'true' : 'false'}>
    <div class="panel-head">
      <h3 id="forecast-title">${say('forecast.title')}</h3>
      ${horizonSwitch(context)}
    </div>
    <div class="visually-hidden" role="status">${status}</div>
    ${forecastBody(context)}
  </section>`;
}

function horizonSwitch({ say, state }: SectionContext): TemplateResult {
  const option = (days: 7 | 28) => html`<label class="segment">
    <input type="radio" name="horizon" value=${days} .checked=${state.horizon === days}
      @change=${() => state.setHorizon(days)} />
    <span>${say('forecast.days', { days })}</span>
  </label>`;
  return html`<fieldset part="horizon" class="horizon">
    <legend class="visually-hidden">${say('forecast.horizon')}</legend>
    ${option(7)} ${option(28)}
  </fieldset>`;
}

function forecastBody(context: SectionContext): TemplateResult {
  const { say, state } = context;
  const section = state.forecast;
  switch (section.status) {
    case 'ready':
      return ready(context, section.data);
    case 'loading':
      if (section.previous) return ready(context, section.previous);
      return html`<div part="skeleton" class="skeleton chart-skeleton" aria-hidden="true"></div>`;
    case 'pending':
      return html`<p part="forecast-empty" class="notice">${say('forecast.pending')}</p>`;
    case 'error':
    case 'offline':
      return html`<div part="forecast-error" class="notice" role="alert">
        <p>${say(`forecast.${section.status}`)}</p>
        <button part="retry" class="retry" type="button" @click=${() => state.retryForecast()}>${say('retry')}</button>
      </div>`;
    default:
      return html`<div part="skeleton" class="skeleton chart-skeleton" aria-hidden="true"></div>`;
  }
}

function ready(context: SectionContext, data: ForecastResponse): TemplateResult {
  const { say, locale, rtl } = context;
  const formats = formatsFor(locale, data.currency);
  // Two weeks of the past before a week ahead, four before four: enough to see the weekly pattern continue.
  const series = { ...data.orders, history: data.orders.history.slice(-Math.max(14, data.horizon)) };
  if (series.points.length === 0) {
    return data.outlook
      ? outlook(context, data.outlook, formats)
      : html`<p part="forecast-empty" class="notice">${say('forecast.empty')}</p>`;
  }
  const direction = ARROWS[data.trend.direction] ? data.trend.direction : 'flat';
  return html`${
    data.trend.description
      ? html`<p part="forecast-trend" class="trend" data-direction=${direction}>
          <span aria-hidden="true">${(rtl ? RTL_ARROWS : ARROWS)[direction]}</span>
          <strong>${say('forecast.trend')}:</strong> ${data.trend.description}
        </p>`
      : nothing
  }
    ${chart(context, series, formats)}
    ${table(context, series, formats)}
    ${
      data.alerts.length
        ? html`<h4 class="subhead">${say('forecast.alerts')}</h4>
          <ul part="alerts" class="alerts">
            ${data.alerts.map(
              (alert) => html`<li part="alert" class="alert" data-direction=${alert.change >= 0 ? 'up' : 'down'}>
                <strong>${alert.title}</strong>
                <p>${alert.body}</p>
              </li>`,
            )}
          </ul>`
        : nothing
    }
    <p part="method" class="muted">${say('forecast.method', { method: data.method })}</p>`;
}

function chart({ say, rtl, state }: SectionContext, series: ForecastSeries, formats: Formats): TemplateResult {
  const first = series.history[0]?.date ?? series.points[0]!.date;
  const lastSeen = series.history.at(-1)?.date ?? first;
  const label = say('forecast.chart', {
    from: formats.longDay(first),
    to: formats.longDay(lastSeen),
    start: formats.longDay(series.points[0]!.date),
    end: formats.longDay(series.points.at(-1)!.date),
  });
  const key = (kind: string, text: string) =>
    html`<li><span class="key key-${kind}" aria-hidden="true"></span>${text}</li>`;
  return html`<figure class="figure">
    <div class="chart-box">
      ${forecastChart({ series, width: state.width, rtl, formats, label, startLabel: say('forecast.start') })}
    </div>
    <figcaption>
      <ul part="legend" class="legend">
        ${key('history', say('forecast.legend.history'))} ${key('mean', say('forecast.legend.mean'))}
        ${key('band-80', say('forecast.legend.band80'))} ${key('band-95', say('forecast.legend.band95'))}
        ${series.points.some((p) => p.holiday) ? key('holiday', say('forecast.legend.holiday')) : nothing}
      </ul>
    </figcaption>
  </figure>`;
}

function table({ say }: SectionContext, series: ForecastSeries, formats: Formats): TemplateResult {
  const range = (lo: number, hi: number) => say('forecast.range', { lo: formats.count(lo), hi: formats.count(hi) });
  return html`<details part="table-toggle" class="disclosure">
    <summary>${say('forecast.table.show')}</summary>
    <div class="table-scroll" role="region" aria-labelledby="forecast-caption" tabindex="0">
      <table part="table">
        <caption id="forecast-caption">${say('forecast.table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">${say('forecast.table.date')}</th>
            <th scope="col">${say('forecast.table.observed')}</th>
            <th scope="col">${say('forecast.table.expected')}</th>
            <th scope="col">${say('forecast.table.range80')}</th>
            <th scope="col">${say('forecast.table.range95')}</th>
            <th scope="col">${say('forecast.table.holiday')}</th>
          </tr>
        </thead>
        <tbody>
          ${series.history.map(
            (day) => html`<tr data-kind="observed">
              <th scope="row">${formats.mediumDay(day.date)}</th>
              <td>${formats.count(day.value)}</td><td></td><td></td><td></td><td></td>
            </tr>`,
          )}
          ${series.points.map(
            (point) => html`<tr data-kind="expected">
              <th scope="row">${formats.mediumDay(point.date)}</th>
              <td></td>
              <td>${formats.count(point.mean)}</td>
              <td>${range(point.lo80, point.hi80)}</td>
              <td>${range(point.lo95, point.hi95)}</td>
              <td>${point.holiday ?? ''}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </details>`;
}

function outlook({ say }: SectionContext, data: NewRestaurantOutlook, formats: Formats): TemplateResult {
  return html`<div part="outlook" class="outlook">
    <p>${data.description}</p>
    <div class="table-scroll" role="region" aria-labelledby="outlook-caption" tabindex="0">
      <table part="table">
        <caption id="outlook-caption">${say('outlook.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">${say('outlook.week')}</th>
            <th scope="col">${say('forecast.table.expected')}</th>
            <th scope="col">${say('forecast.table.range80')}</th>
          </tr>
        </thead>
        <tbody>
          ${data.weeks.map(
            (week) => html`<tr>
              <th scope="row">${say('outlook.weekN', { week: week.week })}</th>
              <td>${formats.count(week.mean)}</td>
              <td>${say('forecast.range', { lo: formats.count(week.lo80), hi: formats.count(week.hi80) })}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <p class="muted">${say('outlook.similar', { count: data.similar })}</p>
  </div>`;
}
