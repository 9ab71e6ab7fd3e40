/**
 * The worker's daily churn pass: per tenant, the guests who may be profiled (eligibility.ts), one model fitted on
 * the tenant's own past (model.ts), every regular scored, stored per restaurant (store.ts). Requests read the
 * stored scores; nothing here runs on a request.
 */
import type { Db } from '../db.ts';
import type { Logger } from '../log.ts';
import { aggregatesFor } from '../recommend/aggregates.ts';
import type { RestaurantOrders } from '../restaurant-orders.ts';
import { profilingAllowed } from './eligibility.ts';
import { DAY, MIN_ORDERS } from './features.ts';
import { guestHistories, guestsIn } from './histories.ts';
import { fitChurnModel, type GuestScore, scoreGuests } from './model.ts';
import { type GroupChurn, lastChurnRun, storeTenantChurn, type TenantChurnRun } from './store.ts';

/** Scores are recomputed once a day; the worker looks at most this often whether a tenant is due. */
export const CHURN_EVERY_MS = DAY;
export const CHURN_CHECK_EVERY_MS = 10 * 60_000;

/** The currency of the restaurant's newest order (EUR without orders). */
function currencyOf(orders: RestaurantOrders, groupId: string): string {
  let newest: { at: number; currency: string } | undefined;
  for (const order of orders.get(groupId)?.values() ?? []) if (!newest || order.at > newest.at) newest = order;
  return newest?.currency ?? 'EUR';
}

/** Computes (without storing) the tenant's churn at `now`. */
export async function computeTenantChurn(db: Db, tenantId: string, now: number): Promise<TenantChurnRun> {
  const orders = (await aggregatesFor(db, tenantId, now)).restaurantOrders;
  const allowed = await profilingAllowed(db, tenantId, guestsIn(orders));
  const histories = guestHistories(orders, (guest) => allowed.has(guest));
  const model = fitChurnModel(histories, now);
  const scores = model ? scoreGuests(model, histories, now) : [];
  const byGroup = new Map<string, GuestScore[]>();
  for (const score of scores) byGroup.set(score.restaurant, [...(byGroup.get(score.restaurant) ?? []), score]);
  const groups: GroupChurn[] = [...orders.keys()].map((groupId) => ({
    groupId,
    currency: currencyOf(orders, groupId),
    regulars: histories.filter(
      (h) => h.restaurant === groupId && h.orders.filter((o) => o.at < now).length >= MIN_ORDERS,
    ).length,
    scores: byGroup.get(groupId) ?? [],
  }));
  return { computedAt: now, trainingRows: model?.trainingRows ?? 0, groups };
}

export async function refreshTenantChurn(db: Db, tenantId: string, now: number): Promise<number> {
  return storeTenantChurn(db, tenantId, await computeTenantChurn(db, tenantId, now));
}

const lastCheck = new WeakMap<Db, number>();

/**
 * The aggregation worker's hook: at most every CHURN_CHECK_EVERY_MS, recomputes every tenant whose scores are a day
 * old. Instances sharing a database compute once (a database lock); one tenant's failure does not stop the others.
 */
export async function refreshChurn(db: Db, now: number, log: Logger): Promise<void> {
  const last = lastCheck.get(db);
  if (last !== undefined && now - last < CHURN_CHECK_EVERY_MS && now >= last) return;
  lastCheck.set(db, now);
  await db.exclusive('churn-scores', async () => {
    const tenants = await db.all<{ id: string }>('SELECT id FROM tenants ORDER BY id');
    for (const { id } of tenants) {
      try {
        const computed = await lastChurnRun(db, id);
        if (computed !== undefined && now - computed < CHURN_EVERY_MS && now >= computed) continue;
        const started = performance.now();
        const scored = await refreshTenantChurn(db, id, now);
        const ms = Math.round(performance.now() - started);
        if (scored > 0) log({ level: 'info', msg: 'churn scores refreshed', tenantId: id, scored, ms });
      } catch (error) {
        log({ level: 'error', msg: 'churn pass failed', tenantId: id, error: String(error) });
      }
    }
  });
}
