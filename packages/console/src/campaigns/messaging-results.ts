/**
 * Messaging results as tables: the funnel per channel (sent → delivered → opened → clicked → ordered, revenue and
 * revenue per message) and a campaign's holdout comparison with its lift and 95 % interval. Used by the Campaigns
 * page (one campaign) and the Overview (every channel and campaign of the KPI report's range).
 */
import type { CampaignLift, ChannelFunnel, KpiMessaging, MessagingFunnel } from '@matbakh/contract';
import { html, nothing, type TemplateResult } from 'lit';
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

function funnelHead(page: ConsolePage, first: 'cmp.channel' | 'cmp.campaign', lift = false) {
  return html`<tr>
    <th scope="col">${page.msg(first)}</th>
    <th scope="col">${page.msg('cmp.sent')}</th>
    <th scope="col">${page.msg('cmp.delivered')}</th>
    <th scope="col">${page.msg('cmp.opened')}</th>
    <th scope="col">${page.msg('cmp.clicked')}</th>
    <th scope="col">${page.msg('cmp.converted')}</th>
    <th scope="col">${page.msg('cmp.revenue')}</th>
    <th scope="col">${page.msg('cmp.roi')}</th>
    ${lift ? html`<th scope="col">${page.msg('cmp.lift')}</th>` : nothing}
  </tr>`;
}

export function channelTable(
  page: ConsolePage,
  caption: string,
  channels: readonly ChannelFunnel[],
  total?: MessagingFunnel & { revenuePerSend: number | null },
): TemplateResult {
  return html`<div class="table-wrap">
    <table>
      <caption>${caption}</caption>
      <thead>${funnelHead(page, 'cmp.channel')}</thead>
      <tbody>
        ${channels.map((c) => html`<tr><th scope="row">${page.msg(`cmp.channel.${c.channel}`)}</th>${funnelCells(page, c)}</tr>`)}
        ${total ? html`<tr><th scope="row">${page.msg('cmp.total')}</th>${funnelCells(page, total)}</tr>` : nothing}
      </tbody>
    </table>
  </div>`;
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
  return html`<div class="table-wrap">
      <table>
        <caption>${caption}</caption>
        <thead>
          <tr>
            <th scope="col">${page.msg('cmp.group')}</th>
            <th scope="col">${page.msg('cmp.recipients')}</th>
            <th scope="col">${page.msg('cmp.converted')}</th>
            <th scope="col">${page.msg('cmp.orderedRate')}</th>
          </tr>
        </thead>
        <tbody>
          ${row(page.msg('cmp.treated'), lift.treated)} ${row(page.msg('cmp.holdoutGroup'), lift.holdout)}
        </tbody>
      </table>
    </div>
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
          <div class="table-wrap">
            <table>
              <caption>${page.msg('page.campaigns')}</caption>
              <thead>${funnelHead(page, 'cmp.campaign', true)}</thead>
              <tbody>
                ${messaging.campaigns.map(
                  (c) => html`<tr>
                    <th scope="row">${c.name}</th>
                    ${funnelCells(page, c)}
                    <td class="lift">${liftText(page, c)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
    <p class="hint muted">${page.msg('cmp.attribution', { days: messaging.attributionWindowDays })}</p>`;
}
