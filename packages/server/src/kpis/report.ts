/**
 * `GET /v1/admin/kpis`: the tenant's KPI report from the tables the worker keeps (pass.ts) — one indexed range read
 * of `kpi_daily` and one of `kpi_experiment_days`, whatever the tenant's event volume.
 */
import {
  ATTRIBUTION_WINDOW_DAYS,
  CONSENT_CATEGORIES,
  type ConsentCategoryId,
  type KpiExperiment,
  type KpiInterval,
  type KpiOptIn,
  type KpiPeriod,
  type KpiReport,
  type KpiZeroResultQuery,
  RETENTION_WINDOW_DAYS,
  ZERO_RESULT_QUERIES_MAX,
} from '@matbakh/contract';
import type { Db } from '../db.ts';
import { messagingKpis } from '../messaging/campaign-results.ts';
import type { Tenant } from '../tenants.ts';
import { METRIC, weekMetric } from './counters.ts';
import { addDays, dayOf, type Period, periodsOf } from './periods.ts';
import { experimentResult, rate, type VariantCount } from './stats.ts';

export interface ReportQuery {
  from: string;
  to: string;
  interval: KpiInterval;
}

/** Money to the cent: sums of floating-point prices drift in the last digits. */
const money = (value: number) => Math.round(value * 100) / 100;

type Values = Map<string, number>;

/** Metrics of one period: sums over its days, and distinct counts (visitors) from the period's own row. */
function periodValues(daily: Map<string, Values>, period: Period, interval: KpiInterval) {
  const sums: Values = new Map();
  for (let day = period.start; day <= period.end; day = addDays(day, 1)) {
    for (const [metric, value] of daily.get(day) ?? []) sums.set(metric, (sums.get(metric) ?? 0) + value);
  }
  const get = (metric: string) => sums.get(metric) ?? 0;
  const distinct = (metric: string) =>
    interval === 'day' ? get(metric) : (daily.get(period.start)?.get(weekMetric(metric)) ?? 0);
  return { get, distinct };
}

function experimentsOf(rows: readonly ExperimentRow[]): KpiExperiment[] {
  const byExperiment = new Map<string, Map<string, VariantCount>>();
  for (const row of rows) {
    const variants = byExperiment.get(row.experiment) ?? new Map<string, VariantCount>();
    byExperiment.set(row.experiment, variants);
    const count = variants.get(row.variant) ?? { variant: row.variant, exposed: 0, converted: 0 };
    count.exposed += Number(row.exposed);
    count.converted += Number(row.converted);
    variants.set(row.variant, count);
  }
  return [...byExperiment]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([experiment, variants]) => experimentResult(experiment, [...variants.values()]));
}

interface ExperimentRow {
  day: string;
  experiment: string;
  variant: string;
  exposed: number;
  converted: number;
}

function searchOf(get: (metric: string) => number): KpiPeriod['search'] {
  const searches = get(METRIC.searches);
  const zeroResults = get(METRIC.zeroResults);
  const clicks = get(METRIC.searchClicks);
  const attributedOrders = get(METRIC.searchOrders);
  return {
    searches,
    zeroResults,
    zeroResultRate: rate(zeroResults, searches),
    clicks,
    clickThroughRate: rate(clicks, searches),
    attributedOrders,
    attributedRevenue: money(get(METRIC.searchRevenue)),
    clickToOrderRate: rate(attributedOrders, clicks),
  };
}

/** The range's zero-result texts, most searched first (ties: the latest, then alphabetical). */
async function zeroResultQueries(db: Db, tenantId: string, first: string, last: string): Promise<KpiZeroResultQuery[]> {
  const rows = await db.all<{ query: string; searches: number; last_day: string }>(
    `SELECT query, SUM(searches) AS searches, MAX(day) AS last_day FROM kpi_search_queries
     WHERE tenant_id = ? AND day >= ? AND day <= ? GROUP BY query
     ORDER BY SUM(searches) DESC, MAX(day) DESC, query LIMIT ${ZERO_RESULT_QUERIES_MAX}`,
    [tenantId, first, last],
  );
  return rows.map((row) => ({ query: row.query, searches: Number(row.searches), lastDay: row.last_day }));
}

function buildPeriod(
  daily: Map<string, Values>,
  experiments: readonly ExperimentRow[],
  period: Period,
  interval: KpiInterval,
  computedDay: string | null,
): KpiPeriod {
  const { get, distinct } = periodValues(daily, period, interval);
  const decisions = get(METRIC.consentDecisions);
  const optIn = Object.fromEntries(
    CONSENT_CATEGORIES.map((category) => {
      const granted = get(METRIC.optIn(category));
      return [category, { granted, rate: rate(granted, decisions) }];
    }),
  ) as Record<ConsentCategoryId, KpiOptIn>;
  const impressions = get(METRIC.impressions);
  const clicks = get(METRIC.clicks);
  const attributedOrders = get(METRIC.attributedOrders);
  const shown = get(METRIC.actionsShown);
  const accepted = get(METRIC.actionsAccepted);
  const converted = get(METRIC.actionsConverted);
  const started = get(METRIC.toursStarted);
  const completed = get(METRIC.toursCompleted);
  const active = distinct(METRIC.active);
  const viewers = distinct(METRIC.dashboardViewers);
  const group = (personalized: boolean) => {
    const visitors = get(METRIC.cohort(personalized));
    const retained = get(METRIC.retained(personalized));
    return { visitors, retained, rate: rate(retained, visitors) };
  };
  return {
    start: period.start,
    end: period.end,
    adoption: {
      activeVisitors: active,
      dashboardViews: get(METRIC.dashboardViews),
      dashboardViewers: viewers,
      widgetReorders: get(METRIC.reorders),
      widgetReorderers: distinct(METRIC.reorderers),
      preferenceUpdates: get(METRIC.preferenceUpdates),
      preferenceUpdaters: distinct(METRIC.preferenceUpdaters),
      dashboardAdoption: rate(viewers, active),
    },
    consent: { decisions, optIn },
    recommendations: {
      lists: get(METRIC.lists),
      impressions,
      clicks,
      clickThroughRate: rate(clicks, impressions),
      orders: get(METRIC.orders),
      revenue: money(get(METRIC.revenue)),
      attributedOrders,
      attributedRevenue: money(get(METRIC.attributedRevenue)),
      clickToOrderRate: rate(attributedOrders, clicks),
    },
    search: searchOf(get),
    actions: {
      shown,
      accepted,
      converted,
      acceptanceRate: rate(accepted, shown),
      conversionRate: rate(converted, accepted),
    },
    tours: { started, completed, completionRate: rate(completed, started) },
    retention: {
      // Complete once the worker has read events of the day after the last day of the window.
      windowComplete: computedDay !== null && addDays(period.end, RETENTION_WINDOW_DAYS) < computedDay,
      personalized: group(true),
      nonPersonalized: group(false),
    },
    experiments: experimentsOf(experiments.filter((row) => row.day >= period.start && row.day <= period.end)),
  };
}

export async function kpiReport(db: Db, tenant: Tenant, query: ReportQuery): Promise<KpiReport> {
  const periods = periodsOf(query.from, query.to, query.interval);
  const first = periods[0]!.start;
  const last = periods[periods.length - 1]!.end;
  const [rows, experiments, state, zero, messaging] = await Promise.all([
    db.all<{ day: string; metric: string; value: number }>(
      'SELECT day, metric, value FROM kpi_daily WHERE tenant_id = ? AND day >= ? AND day <= ?',
      [tenant.id, first, last],
    ),
    db.all<ExperimentRow>(
      `SELECT day, experiment, variant, exposed, converted FROM kpi_experiment_days
       WHERE tenant_id = ? AND day >= ? AND day <= ?`,
      [tenant.id, first, last],
    ),
    db.get<{ computed_at: string }>('SELECT computed_at FROM kpi_state WHERE tenant_id = ?', [tenant.id]),
    zeroResultQueries(db, tenant.id, first, last),
    messagingKpis(db, tenant.id, { from: first, to: last }),
  ]);
  const daily = new Map<string, Values>();
  for (const row of rows) {
    const values = daily.get(row.day) ?? new Map<string, number>();
    values.set(row.metric, Number(row.value));
    daily.set(row.day, values);
  }
  const computedAt = state?.computed_at ?? null;
  const computedDay = computedAt === null ? null : dayOf(computedAt);
  return {
    tenant: { id: tenant.id, name: tenant.name },
    from: query.from,
    to: query.to,
    interval: query.interval,
    computedAt,
    attributionWindowDays: ATTRIBUTION_WINDOW_DAYS,
    retentionWindowDays: RETENTION_WINDOW_DAYS,
    periods: periods.map((period) => buildPeriod(daily, experiments, period, query.interval, computedDay)),
    experiments: experimentsOf(experiments),
    zeroResultQueries: zero,
    messaging,
  };
}
