import type { Db } from '../db.ts';

/** Metric names of `kpi_daily` (docs/admin-api.md defines each). */
export const METRIC = {
  active: 'visitors.active',
  dashboardViews: 'dashboard.views',
  dashboardViewers: 'dashboard.viewers',
  reorders: 'reorder.count',
  reorderers: 'reorder.visitors',
  preferenceUpdates: 'preferences.count',
  preferenceUpdaters: 'preferences.visitors',
  consentDecisions: 'consent.decisions',
  optIn: (category: string) => `consent.optin.${category}`,
  lists: 'rec.lists',
  impressions: 'rec.impressions',
  clicks: 'rec.clicks',
  orders: 'orders.count',
  revenue: 'orders.revenue',
  attributedOrders: 'orders.attributed',
  attributedRevenue: 'orders.attributed_revenue',
  searches: 'search.count',
  zeroResults: 'search.zero_results',
  searchClicks: 'search.clicks',
  searchOrders: 'search.attributed_orders',
  searchRevenue: 'search.attributed_revenue',
  actionsShown: 'actions.shown',
  actionsAccepted: 'actions.accepted',
  actionsConverted: 'actions.converted',
  toursStarted: 'tours.started',
  toursCompleted: 'tours.completed',
  cohort: (personalized: boolean) => (personalized ? 'cohort.personalized' : 'cohort.other'),
  retained: (personalized: boolean) => (personalized ? 'retained.personalized' : 'retained.other'),
} as const;

/** A distinct count of a week is stored on its Monday under this name (days do not add up to it). */
export const weekMetric = (metric: string) => `week.${metric}`;

/** Counter increments of one page of work, written in its transaction (one upsert per day and metric). */
export class Counters {
  readonly #values = new Map<string, number>();

  add(day: string, metric: string, by = 1): void {
    if (by === 0) return;
    const key = `${day}\u0000${metric}`;
    this.#values.set(key, (this.#values.get(key) ?? 0) + by);
  }

  async write(tx: Db, tenantId: string): Promise<void> {
    const rows = [...this.#values].map(([key, value]) => [...key.split('\u0000'), value] as [string, string, number]);
    for (let i = 0; i < rows.length; i += 100) {
      const chunk = rows.slice(i, i + 100);
      await tx.run(
        `INSERT INTO kpi_daily (tenant_id, day, metric, value) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}
         ON CONFLICT (tenant_id, day, metric) DO UPDATE SET value = kpi_daily.value + excluded.value`,
        chunk.flatMap(([day, metric, value]) => [tenantId, day, metric, value]),
      );
    }
    this.#values.clear();
  }
}
