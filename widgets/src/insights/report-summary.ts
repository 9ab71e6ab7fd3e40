/**
 * The report card's numbers: the last 7 days' revenue and orders formatted with `Intl` (currency, percent) and the
 * trend as words ("up 29% on the 7 days before"), the arrow being decoration.
 */
import type { InsightReport } from '@matbakh/contract';
import { html, nothing, type TemplateResult } from 'lit';
import type { Locale, MessageParams } from '../shared/i18n.ts';
import type { InsightsMessage } from './insights.messages.ts';

type Say = (key: InsightsMessage, params?: MessageParams) => string;

const INTL: Record<Locale, string> = { de: 'de-DE', en: 'en-GB', ar: 'ar' };

export function reportSummary(report: InsightReport, locale: Locale, say: Say): TemplateResult {
  const tag = INTL[locale];
  let money: string;
  try {
    money = new Intl.NumberFormat(tag, { style: 'currency', currency: report.currency }).format(
      report.thisWeek.revenue,
    );
  } catch {
    money = new Intl.NumberFormat(tag).format(report.thisWeek.revenue);
  }
  const orders = new Intl.NumberFormat(tag).format(report.thisWeek.orders);
  const trend = report.revenueTrend;
  const percent =
    trend === null
      ? ''
      : new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 }).format(Math.abs(trend));
  const direction =
    trend === null
      ? 'none'
      : percent === new Intl.NumberFormat(tag, { style: 'percent' }).format(0)
        ? 'flat'
        : trend > 0
          ? 'up'
          : 'down';
  const arrow = { up: '↗', down: '↘', flat: '→', none: '' }[direction];
  return html`<dl part="summary" aria-label=${say('summary.label')}>
    <div><dt>${say('summary.revenue')}</dt><dd>${money}</dd></div>
    <div><dt>${say('summary.orders')}</dt><dd>${orders}</dd></div>
    <div>
      <dt>${say('summary.trend')}</dt>
      <dd part="trend" class="trend" data-direction=${direction}>
        ${arrow ? html`<span aria-hidden="true">${arrow}</span>` : nothing}
        ${say(`trend.${direction}`, { percent })}
      </dd>
    </div>
  </dl>`;
}
