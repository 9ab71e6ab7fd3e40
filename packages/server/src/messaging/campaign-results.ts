/**
 * What campaigns achieved, from `message_deliveries` (the dispatcher writes a row per send, and one per holdout
 * recipient it deliberately skipped; attribution.ts marks conversions): the funnel per channel with revenue per
 * send, and per campaign the holdout comparison — recipients who ordered within the window after the (would-be)
 * send, treated against holdout — as a lift with its 95 % interval. Indexed reads by campaign or by send time.
 */
import {
  type CampaignLift,
  type CampaignResults,
  CHANNELS,
  type ChannelFunnel,
  type ChannelId,
  type KpiMessaging,
  MESSAGE_ATTRIBUTION_DAYS,
  type MessagingFunnel,
} from '@matbakh/contract';
import type { Queryable } from '../db.ts';
import { liftInterval, rate } from '../kpis/stats.ts';
import { TEST_SEND_PREFIX } from './test-send.ts';

/** Which deliveries: one campaign's, or those sent in a range of days (`to` inclusive). */
export type DeliveryScope = { campaignId: string } | { from: string; to: string };

interface FunnelRow {
  campaign_id: string;
  channel: string | null;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  converted: number;
  revenue: number | null;
}

interface GroupRow {
  campaign_id: string;
  holdout: number;
  recipients: number;
  converted: number;
}

/** Money to the cent: sums of floating-point prices drift in the last digits. */
const money = (value: number) => Math.round(value * 100) / 100;

function where(tenantId: string, scope: DeliveryScope): { sql: string; params: string[] } {
  if ('campaignId' in scope) return { sql: 'tenant_id = ? AND campaign_id = ?', params: [tenantId, scope.campaignId] };
  // sent_at is an ISO timestamp: the day after `to` bounds it from above.
  const end = new Date(Date.parse(`${scope.to}T00:00:00.000Z`) + 86_400_000).toISOString();
  // Test sends (test-send.ts) are no campaign's effect.
  return {
    sql: 'tenant_id = ? AND sent_at >= ? AND sent_at < ? AND campaign_id NOT LIKE ?',
    params: [tenantId, `${scope.from}T00:00:00.000Z`, end, `${TEST_SEND_PREFIX}%`],
  };
}

async function funnelRows(db: Queryable, tenantId: string, scope: DeliveryScope): Promise<FunnelRow[]> {
  const { sql, params } = where(tenantId, scope);
  return db.all<FunnelRow>(
    `SELECT campaign_id, channel, COUNT(*) AS sent, COUNT(delivered_at) AS delivered, COUNT(opened_at) AS opened,
       COUNT(clicked_at) AS clicked, COUNT(converted_at) AS converted, SUM(revenue) AS revenue
     FROM message_deliveries WHERE ${sql} AND holdout = 0 AND channel IS NOT NULL GROUP BY campaign_id, channel`,
    params,
  );
}

async function groupRows(db: Queryable, tenantId: string, scope: DeliveryScope): Promise<GroupRow[]> {
  const { sql, params } = where(tenantId, scope);
  return db.all<GroupRow>(
    `SELECT campaign_id, holdout, COUNT(DISTINCT recipient) AS recipients,
       COUNT(DISTINCT CASE WHEN ordered_at IS NOT NULL THEN recipient END) AS converted
     FROM message_deliveries WHERE ${sql} GROUP BY campaign_id, holdout`,
    params,
  );
}

const emptyFunnel = (): MessagingFunnel => ({ sent: 0, delivered: 0, opened: 0, clicked: 0, converted: 0, revenue: 0 });

function add(into: MessagingFunnel, row: FunnelRow): void {
  into.sent += Number(row.sent);
  into.delivered += Number(row.delivered);
  into.opened += Number(row.opened);
  into.clicked += Number(row.clicked);
  into.converted += Number(row.converted);
  into.revenue = money(into.revenue + Number(row.revenue ?? 0));
}

const withReturn = <T extends MessagingFunnel>(funnel: T): T & { revenuePerSend: number | null } => ({
  ...funnel,
  revenuePerSend: funnel.sent === 0 ? null : money(funnel.revenue / funnel.sent),
});

/** Per channel, in `order` first (the campaign's preference), then any other channel that has rows. */
function channelFunnels(rows: readonly FunnelRow[], order: readonly ChannelId[] = CHANNELS): ChannelFunnel[] {
  const byChannel = new Map<ChannelId, MessagingFunnel>();
  for (const row of rows) {
    const channel = row.channel as ChannelId;
    const funnel = byChannel.get(channel) ?? emptyFunnel();
    add(funnel, row);
    byChannel.set(channel, funnel);
  }
  const channels = [...order, ...[...byChannel.keys()].filter((c) => !order.includes(c))];
  return channels.map((channel) => withReturn({ channel, ...(byChannel.get(channel) ?? emptyFunnel()) }));
}

export function liftOf(groups: readonly Pick<GroupRow, 'holdout' | 'recipients' | 'converted'>[]): CampaignLift {
  const group = (holdout: 0 | 1) => {
    const rows = groups.filter((g) => Number(g.holdout) === holdout);
    const recipients = rows.reduce((sum, g) => sum + Number(g.recipients), 0);
    const converted = rows.reduce((sum, g) => sum + Number(g.converted), 0);
    return { recipients, converted, rate: rate(converted, recipients) };
  };
  const treated = group(0);
  const holdout = group(1);
  const interval = liftInterval(treated.converted, treated.recipients, holdout.converted, holdout.recipients);
  return {
    treated,
    holdout,
    lift: treated.rate === null || !holdout.rate ? null : treated.rate / holdout.rate - 1,
    liftLow: interval?.low ?? null,
    liftHigh: interval?.high ?? null,
  };
}

/** `GET /v1/admin/campaigns/:id/results` */
export async function campaignResults(
  db: Queryable,
  tenantId: string,
  campaignId: string,
  channels: readonly ChannelId[],
): Promise<CampaignResults> {
  const scope = { campaignId };
  const [funnels, groups] = await Promise.all([funnelRows(db, tenantId, scope), groupRows(db, tenantId, scope)]);
  const total = emptyFunnel();
  for (const row of funnels) add(total, row);
  return {
    campaignId,
    attributionWindowDays: MESSAGE_ATTRIBUTION_DAYS,
    channels: channelFunnels(funnels, channels),
    total: withReturn(total),
    lift: liftOf(groups),
  };
}

/** The KPI report's messaging part: deliveries sent from `from` to `to` (days), per channel and per campaign. */
export async function messagingKpis(
  db: Queryable,
  tenantId: string,
  range: { from: string; to: string },
): Promise<KpiMessaging> {
  const [funnels, groups, names] = await Promise.all([
    funnelRows(db, tenantId, range),
    groupRows(db, tenantId, range),
    db.all<{ id: string; doc: string; status: KpiMessaging['campaigns'][number]['status'] }>(
      'SELECT id, doc, status FROM campaigns WHERE tenant_id = ?',
      [tenantId],
    ),
  ]);
  const known = new Map(names.map((row) => [row.id, row]));
  const ids = [...new Set([...funnels.map((r) => r.campaign_id), ...groups.map((r) => r.campaign_id)])].sort();
  const campaigns = ids.map((campaignId) => {
    const funnel = emptyFunnel();
    for (const row of funnels) if (row.campaign_id === campaignId) add(funnel, row);
    const row = known.get(campaignId);
    const name = row ? String((JSON.parse(row.doc) as { name?: unknown }).name ?? campaignId) : campaignId;
    return {
      campaignId,
      name,
      status: row?.status ?? null,
      ...funnel,
      ...liftOf(groups.filter((g) => g.campaign_id === campaignId)),
    };
  });
  return { attributionWindowDays: MESSAGE_ATTRIBUTION_DAYS, channels: channelFunnels(funnels), campaigns };
}
