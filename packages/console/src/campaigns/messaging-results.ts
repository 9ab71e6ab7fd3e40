/**
 * Messaging results as tables: the funnel per channel (sent → delivered → opened → clicked → ordered, revenue and
 * revenue per message) and a campaign's holdout comparison with its lift and 95 % interval. Used by the Campaigns
 * page (one campaign) and the Overview (every channel and campaign of the KPI report's range).
 */
import type { CampaignLift, ChannelFunnel, KpiMessaging, MessagingFunnel } from '@matbakh/contract';
import { html, type TemplateResult } from 'lit';
import { dataTable } from '../data-table.ts';
import type { ConsolePage } from '../page-base.ts';

const money = (page: ConsolePage, value: number | null) =>
  value === null ? '–' : page.number(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function funnelCells(page: ConsolePage, f: MessagingFunnel & { revenuePerSend?: number | null }) {
  return html`<td>${page.number(f.sent)}</td>
    <td>${page.number(f.delivered)}</td>
    <td>${page.number(f.opened)}</td>
    <td>${page.number(f.clicked)}</td>
    <td>${page.number(f.converted)}</td>
    <td>${money(page, f.revenue)}</td>
    <td>${money(page, f.revenuePerSend ?? (f.sent === 0 ? null : f.revenue / f.sent))}</td>`;
}

function funnelColumns(page: ConsolePage, first: 'cmp.channel' | 'cmp.campaign', lift = false): string[] {
  const keys = [
    'cmp.sent',
    'cmp.delivered',
    'cmp.opened',
    'cmp.clicked',
    'cmp.converted',
    'cmp.revenue',
    'cmp.roi',
  ] as const;
  return [page.msg(first), ...keys.map((key) => page.msg(key)), ...(lift ? [page.msg('cmp.lift')] : [])];
}

export function channelTable(
  page: ConsolePage,
  caption: string,
  channels: readonly ChannelFunnel[],
  total?: MessagingFunnel & { revenuePerSend: number | null },
): TemplateResult {
  return dataTable({
    caption,
    captionVisible: true,
    columns: funnelColumns(page, 'cmp.channel'),
    rows: channels,
    row: (c) => html`<tr><th scope="row">${page.msg(`cmp.channel.${c.channel}`)}</th>${funnelCells(page, c)}</tr>`,
    footer: total ? html`<tr><th scope="row">${page.msg('cmp.total')}</th>${funnelCells(page, total)}</tr>` : undefined,
  });
}

/** "+25 % (95 % CI +3 % to +50 %)", or "–" without enough data. */
export function liftText(page: ConsolePage, lift: CampaignLift): string {
  if (lift.lift === null) return '–';
  if (lift.liftLow === null || lift.liftHigh === null) return page.signedPercent(lift.lift);
  return page.msg('liftRange', {
    lift: page.signedPercent(lift.lift),
    low: page.signedPercent(lift.liftLow),
    high: page.signedPercent(lift.liftHigh),
  });
}

export function liftTable(page: ConsolePage, caption: string, lift: CampaignLift): TemplateResult {
  const row = (label: string, g: CampaignLift['treated']) => html`<tr>
    <th scope="row">${label}</th>
    <td>${page.number(g.recipients)}</td>
    <td>${page.number(g.converted)}</td>
    <td>${page.percent(g.rate)}</td>
  </tr>`;
  return html`${dataTable({
    caption,
    captionVisible: true,
    columns: [
      page.msg('cmp.group'),
      page.msg('cmp.recipients'),
      page.msg('cmp.converted'),
      page.msg('cmp.orderedRate'),
    ],
    rows: [
      [page.msg('cmp.treated'), lift.treated],
      [page.msg('cmp.holdoutGroup'), lift.holdout],
    ] as const,
    row: ([label, group]) => row(label, group),
  })}
    <p class="lift-line">${page.msg('cmp.liftLine', { lift: liftText(page, lift) })}</p>`;
}

/** The Overview's messaging section: per channel, then per campaign with its lift. */
export function messagingSection(page: ConsolePage, messaging: KpiMessaging | undefined): TemplateResult {
  if (!messaging) return html``;
  const sent = messaging.channels.reduce((sum, c) => sum + c.sent, 0);
  return html`<h2>${page.msg('cmp.messaging')}</h2>
    ${
      sent === 0 && messaging.campaigns.length === 0
        ? html`<p>${page.msg('cmp.messagingEmpty')}</p>`
        : html`${channelTable(page, page.msg('cmp.messaging'), messaging.channels)}
          ${dataTable({
            caption: page.msg('page.campaigns'),
            captionVisible: true,
            columns: funnelColumns(page, 'cmp.campaign', true),
            rows: messaging.campaigns,
            row: (c) => html`<tr>
              <th scope="row">${c.name}</th>
              ${funnelCells(page, c)}
              <td class="lift">${liftText(page, c)}</td>
            </tr>`,
          })}`
    }
    <p class="hint muted">${page.msg('cmp.attribution', { days: messaging.attributionWindowDays })}</p>`;
}
