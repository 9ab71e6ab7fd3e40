/**
 * What one stored event adds to the KPI tables (docs/admin-api.md, "KPI report"): counters per day, and the few
 * pieces of state the funnels need — recommendation clicks and action acceptances inside the attribution window,
 * and each subject's first exposure per experiment.
 */
import { ATTRIBUTION_WINDOW_DAYS, EXPERIMENT_VIEWED, isPlainObject, KPI_EVENTS } from '@matbakh/contract';
import type { Db } from '../db.ts';
import { attributeOrder } from '../messaging/attribution.ts';
import { type Counters, METRIC } from './counters.ts';
import { dayOf } from './periods.ts';
import { kpiSubject } from './subject.ts';
import type { VisitorState } from './visitors.ts';

const WINDOW_MS = ATTRIBUTION_WINDOW_DAYS * 86_400_000;

/** The columns of `events` the KPI worker reads. */
export interface KpiEventRow {
  seq: number;
  type: string;
  event: string | null;
  anonymous_id: string | null;
  user_id: string | null;
  timestamp: string;
  received_at: string;
  payload: string;
}

export interface PageWork {
  tx: Db;
  tenantId: string;
  counters: Counters;
  visitors: VisitorState;
}

type Props = Record<string, unknown>;

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const products = (props: Props): Props[] => (Array.isArray(props.products) ? props.products.filter(isPlainObject) : []);
/** A product line's value: price × quantity (quantity 1 when absent). */
const lineValue = (product: Props) => (num(product.price) ?? 0) * (num(product.quantity) ?? 1);

/** Segment's Order Completed: `revenue`, else `total`, else the sum of its product lines. */
export const orderRevenue = (props: Props): number =>
  num(props.revenue) ?? num(props.total) ?? products(props).reduce((sum, p) => sum + lineValue(p), 0);

function propertiesOf(payload: string): Props {
  const parsed: unknown = JSON.parse(payload);
  return isPlainObject(parsed) && isPlainObject(parsed.properties) ? parsed.properties : {};
}

export async function applyEvent(work: PageWork, row: KpiEventRow): Promise<void> {
  const subject = kpiSubject(work.tenantId, row.user_id, row.anonymous_id);
  if (subject === undefined) return;
  const day = dayOf(row.timestamp);
  const { counters, visitors } = work;
  await visitors.visit({
    subject,
    anonymousId: row.anonymous_id,
    userId: row.user_id,
    day,
    receivedAt: row.received_at,
  });
  await visitors.mark(subject, METRIC.active, day);
  if (row.type !== 'track' || row.event === null) return;
  const props = propertiesOf(row.payload);
  const ids = { userId: row.user_id, anonymousId: row.anonymous_id };
  const at = { subject, day, time: Date.parse(row.timestamp), iso: row.timestamp, ids };
  switch (row.event) {
    case KPI_EVENTS.dashboardViewed:
      counters.add(day, METRIC.dashboardViews);
      return visitors.mark(subject, METRIC.dashboardViewers, day);
    case KPI_EVENTS.widgetsReordered:
      counters.add(day, METRIC.reorders);
      return visitors.mark(subject, METRIC.reorderers, day);
    case KPI_EVENTS.preferencesUpdated:
      counters.add(day, METRIC.preferenceUpdates);
      return visitors.mark(subject, METRIC.preferenceUpdaters, day);
    case KPI_EVENTS.tourStarted:
      return counters.add(day, METRIC.toursStarted);
    case KPI_EVENTS.tourCompleted:
      return counters.add(day, METRIC.toursCompleted);
    case 'Product List Viewed':
      counters.add(day, METRIC.lists);
      return counters.add(day, METRIC.impressions, products(props).length);
    case 'Products Searched':
      return searched(work, at, props);
    case 'Product Clicked':
      return str(props.search_id) === undefined ? clicked(work, at, props) : searchClicked(work, at, props);
    case 'Order Completed':
      return ordered(work, at, props);
    case 'Action Shown':
      return counters.add(day, METRIC.actionsShown);
    case 'Action Accepted':
      return accepted(work, at, props);
    case EXPERIMENT_VIEWED:
      return exposed(work, at, props);
    default:
      return;
  }
}

interface At {
  subject: string;
  /** The event's own ids: messages name their recipient by them (`u:<userId>`, `a:<anonymousId>`). */
  ids: { userId: string | null; anonymousId: string | null };
  day: string;
  time: number;
  iso: string;
}

/**
 * Search picks share `kpi_clicks` (its window pruning and erasure) under a key of their own, so a product picked
 * from a search does not attribute an order to recommendations, nor the other way round.
 */
const searchClickKey = (productId: string) => `search:${productId}`;
/** How a zero-result text is counted: trimmed, spaces collapsed, lower case, at most 100 characters. */
const queryKey = (text: string) => text.trim().replace(/\s+/g, ' ').toLocaleLowerCase().slice(0, 100);

async function searched(work: PageWork, at: At, props: Props): Promise<void> {
  work.counters.add(at.day, METRIC.searches);
  if (num(props.results) !== 0) return;
  work.counters.add(at.day, METRIC.zeroResults);
  // The text is in the event only when the visitor allowed analytics to carry it (the SDK's search plugin).
  const query = queryKey(str(props.query) ?? '');
  if (query === '') return;
  await work.tx.run(
    `INSERT INTO kpi_search_queries (tenant_id, day, query, searches) VALUES (?, ?, ?, 1)
     ON CONFLICT (tenant_id, day, query) DO UPDATE SET searches = kpi_search_queries.searches + 1`,
    [work.tenantId, at.day, query],
  );
}

async function searchClicked(work: PageWork, at: At, props: Props): Promise<void> {
  work.counters.add(at.day, METRIC.searchClicks);
  const productId = str(props.product_id);
  if (productId !== undefined) await recordClick(work, at, searchClickKey(productId));
}

/** The visitor's latest click on `key` (a product id, or a search pick's key): what attributes a later order. */
async function recordClick(work: PageWork, at: At, key: string): Promise<void> {
  await work.tx.run(
    `INSERT INTO kpi_clicks (tenant_id, subject, product_id, clicked_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (tenant_id, subject, product_id) DO UPDATE SET clicked_at = excluded.clicked_at
     WHERE excluded.clicked_at > kpi_clicks.clicked_at`,
    [work.tenantId, at.subject, key, at.iso],
  );
}

async function clicked(work: PageWork, at: At, props: Props): Promise<void> {
  const { tx, tenantId } = work;
  work.counters.add(at.day, METRIC.clicks);
  const productId = str(props.product_id);
  if (productId !== undefined) await recordClick(work, at, productId);
  // The experiments' conversion (as experiments-report.ts): a recommendation click at or after the first exposure.
  if (str(props.request_id) === undefined) return;
  const open = await tx.all<{ experiment: string; variant: string; exposed_at: string }>(
    `SELECT experiment, variant, exposed_at FROM kpi_exposures
     WHERE tenant_id = ? AND subject = ? AND converted = 0 AND exposed_at <= ?`,
    [tenantId, at.subject, at.iso],
  );
  for (const exposure of open) {
    await tx.run('UPDATE kpi_exposures SET converted = 1 WHERE tenant_id = ? AND subject = ? AND experiment = ?', [
      tenantId,
      at.subject,
      exposure.experiment,
    ]);
    await bumpExperiment(tx, tenantId, dayOf(exposure.exposed_at), exposure.experiment, exposure.variant, 0, 1);
  }
}

/** An order with some `lines` owed to a feature: one order under `orders`, those lines' value under `revenue`. */
function countShare(counters: Counters, day: string, lines: Props[], orders: string, revenue: string): void {
  if (lines.length === 0) return;
  counters.add(day, orders);
  counters.add(
    day,
    revenue,
    lines.reduce((sum, p) => sum + lineValue(p), 0),
  );
}

/**
 * Revenue, and the attribution: a product line is the recommendation's when the same visitor clicked that product
 * in a recommendation within the window before the order, or when the SDK stamped the line with the
 * recommendation's `request_id` (a click earlier in the same page). An accepted action converts with any order of
 * its visitor within the window, once.
 */
async function ordered(work: PageWork, at: At, props: Props): Promise<void> {
  const { tx, tenantId, counters } = work;
  counters.add(at.day, METRIC.orders);
  counters.add(at.day, METRIC.revenue, orderRevenue(props));
  await attributeOrder(tx, { tenantId, ...at.ids, time: at.time, iso: at.iso, revenue: orderRevenue(props) });
  const lines = products(props);
  const ids = [...new Set(lines.map((p) => str(p.product_id)).filter((id): id is string => id !== undefined))];
  const since = new Date(at.time - WINDOW_MS).toISOString();
  const keys = [...ids, ...ids.map(searchClickKey)];
  const clicks =
    ids.length === 0
      ? []
      : await tx.all<{ product_id: string }>(
          `SELECT product_id FROM kpi_clicks WHERE tenant_id = ? AND subject = ? AND clicked_at >= ? AND clicked_at <= ?
           AND product_id IN (${keys.map(() => '?').join(', ')})`,
          [tenantId, at.subject, since, at.iso, ...keys],
        );
  const clickedIds = new Set(clicks.map((c) => c.product_id));
  const attributed = lines.filter((p) => str(p.request_id) !== undefined || clickedIds.has(str(p.product_id) ?? ''));
  countShare(counters, at.day, attributed, METRIC.attributedOrders, METRIC.attributedRevenue);
  const found = lines.filter((p) => clickedIds.has(searchClickKey(str(p.product_id) ?? '')));
  countShare(counters, at.day, found, METRIC.searchOrders, METRIC.searchRevenue);
  const accepts = await tx.all<{ action_id: string }>(
    'SELECT action_id FROM kpi_accepts WHERE tenant_id = ? AND subject = ? AND accepted_at >= ? AND accepted_at <= ?',
    [tenantId, at.subject, since, at.iso],
  );
  if (accepts.length === 0) return;
  counters.add(at.day, METRIC.actionsConverted, accepts.length);
  await tx.run(
    `DELETE FROM kpi_accepts WHERE tenant_id = ? AND subject = ? AND action_id IN (${accepts.map(() => '?').join(', ')})`,
    [tenantId, at.subject, ...accepts.map((a) => a.action_id)],
  );
}

async function accepted(work: PageWork, at: At, props: Props): Promise<void> {
  work.counters.add(at.day, METRIC.actionsAccepted);
  const actionId = str(props.action_id);
  if (actionId === undefined) return;
  // A second acceptance of the same action restarts its window: it converts at most once.
  await work.tx.run(
    `INSERT INTO kpi_accepts (tenant_id, subject, action_id, accepted_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (tenant_id, subject, action_id) DO UPDATE SET accepted_at = excluded.accepted_at`,
    [work.tenantId, at.subject, actionId, at.iso],
  );
}

/** A subject counts once per experiment, in the variant of its first exposure; forced (QA) exposures not at all. */
async function exposed(work: PageWork, at: At, props: Props): Promise<void> {
  const experiment = str(props.experiment_id);
  const variant = str(props.variant_id);
  if (experiment === undefined || variant === undefined || props.forced === true || props.forced === 1) return;
  const { changes } = await work.tx.run(
    `INSERT INTO kpi_exposures (tenant_id, subject, experiment, variant, exposed_at, converted) VALUES (?, ?, ?, ?, ?, 0)
     ON CONFLICT (tenant_id, subject, experiment) DO NOTHING`,
    [work.tenantId, at.subject, experiment, variant, at.iso],
  );
  if (changes > 0) await bumpExperiment(work.tx, work.tenantId, at.day, experiment, variant, 1, 0);
}

async function bumpExperiment(
  tx: Db,
  tenantId: string,
  day: string,
  experiment: string,
  variant: string,
  exposed: number,
  converted: number,
): Promise<void> {
  await tx.run(
    `INSERT INTO kpi_experiment_days (tenant_id, day, experiment, variant, exposed, converted) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (tenant_id, day, experiment, variant) DO UPDATE SET
       exposed = kpi_experiment_days.exposed + excluded.exposed, converted = kpi_experiment_days.converted + excluded.converted`,
    [tenantId, day, experiment, variant, exposed, converted],
  );
}
