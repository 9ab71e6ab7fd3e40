/**
 * Learning per tenant, on the worker: reads the tenant's orders, fits its weights (learn.ts), checks them against
 * the defaults on held-out orders (held-out.ts) and stores what won (weights-store.ts), which requests then use.
 *
 * The check is separate from the fit's own validation: fitWeights chooses its blend and diversity on orders it
 * kept apart, so its validation score is optimistic; the held-out orders here took no part in any choice.
 */
import type { HeldOutScore } from '@matbakh/contract';
import type { Db } from '../db.ts';
import type { Logger } from '../log.ts';
import type { OrderFact } from './aggregates.ts';
import { type Catalog, loadCatalog } from './catalog.ts';
import { orderKey, scoreHeldOut, splitLastOrders } from './held-out.ts';
import { type FitOptions, fitWeights, type SubjectContext } from './learn.ts';
import { subjectContexts } from './subject-context.ts';
import { ordersSince, tenantOrders } from './tenant-orders.ts';
import { DEFAULT_WEIGHTS } from './weights.ts';
import { loadWeightsRecord, storeWeightsRecord, type WeightsRecord } from './weights-store.ts';

const HOUR_MS = 3_600_000;

export const REFIT = {
  /**
   * Guests with an order before a tenant's weights are learned. A fifth of them (≤ 1,000) are held out to check
   * the fit: at 500 guests that is 100 orders, where the standard error of a mean NDCG@10 (per-order sd ≈ 0.3: about
   * half the orders are hits, at ≈ 0.6 each) is ≈ 0.03 — the size of the gaps between weightings the evaluation
   * measures. Fewer, and the check cannot tell a better weighting from luck.
   */
  minGuests: 500,
  testShare: 0.2,
  testMax: 1_000,
  /** Refit at least this often while orders come in… */
  intervalMs: 24 * HOUR_MS,
  /** …or sooner once this share of the last fit's orders is new (at least minNewOrders). */
  newOrdersShare: 0.1,
  minNewOrders: 200,
  /** How often the worker looks whether a tenant is due (a count over the new rows' index range). */
  checkEveryMs: 5 * 60_000,
} as const;

export interface RefitOptions {
  minGuests?: number;
  /** Passed to fitWeights (the evaluation's sizes and ablations). */
  fit?: Pick<FitOptions, 'maxQueries' | 'exclude'>;
}

/** What a refit decided, before it is stored: everything of a WeightsRecord but when and up to which event. */
export type RefitDecision = Omit<WeightsRecord, 'fittedAt' | 'eventsSeq'>;

/**
 * The pure part of a refit (also timed by the bench): holds out the sampled guests' last orders, fits on the rest,
 * and keeps the fit only if it ranks the held-out orders at least as well as the defaults.
 */
export function fitAndCheck(
  orders: readonly OrderFact[],
  catalog: Catalog,
  contextOf: (order: OrderFact) => SubjectContext | undefined,
  options: RefitOptions = {},
): RefitDecision {
  const minGuests = options.minGuests ?? REFIT.minGuests;
  const started = performance.now();
  const split = splitLastOrders(orders, REFIT.testShare, REFIT.testMax);
  const base = { orders: orders.length, subjects: split.subjects };
  if (split.subjects < minGuests || catalog.dishes.length === 0) {
    const why =
      catalog.dishes.length === 0
        ? 'no dishes in the catalogue yet: the default weights'
        : `${split.subjects} guests with orders, fewer than the ${minGuests} needed to learn and check weights: the default weights`;
    return { ...base, source: 'default', weights: DEFAULT_WEIGHTS, why, testOrders: 0, metrics: undefined };
  }
  const fit = fitWeights(split.train, catalog, { ...options.fit, contextOf });
  const [fitted, defaults] = scoreHeldOut(split, catalog, [fit.weights, DEFAULT_WEIGHTS], contextOf) as [
    HeldOutScore,
    HeldOutScore,
  ];
  const metrics = {
    fitted,
    defaults,
    validation: {
      trainOrders: fit.report.trainQueries,
      validationOrders: fit.report.validationQueries,
      ndcgFitted: fit.report.ndcgChosen,
      ndcgDefaults: fit.report.ndcgDefault,
    },
    ms: Math.round(performance.now() - started),
  };
  // NDCG@10 decides (what the fit optimises); a tie keeps the fit, which learned from this tenant's own orders.
  const keep = fit.report.source === 'fitted' && fitted.ndcgAt10 >= defaults.ndcgAt10;
  const scores = `NDCG@10 on ${split.tests.length} held-out orders ${fitted.ndcgAt10.toFixed(3)} vs defaults ${defaults.ndcgAt10.toFixed(3)}`;
  const why = keep
    ? `learned from ${orders.length - split.tests.length} orders of ${split.subjects} guests (${fit.report.why}); ${scores}`
    : fit.report.source === 'default'
      ? `the fit kept the defaults (${fit.report.why}); ${scores}`
      : `the learned weights lost to the defaults on held-out orders (${scores}): the default weights`;
  return {
    ...base,
    source: keep ? 'fitted' : 'default',
    weights: keep ? fit.weights : DEFAULT_WEIGHTS,
    why,
    testOrders: split.tests.length,
    metrics,
  };
}

/** Fits, checks and stores one tenant's weights now; answers what was stored. */
export async function refitTenant(
  db: Db,
  tenantId: string,
  now: number,
  options: RefitOptions = {},
): Promise<WeightsRecord> {
  const [{ orders, top }, catalog, contexts] = await Promise.all([
    tenantOrders(db, tenantId),
    loadCatalog(db, tenantId),
    subjectContexts(db, tenantId),
  ]);
  const decision = fitAndCheck(orders, catalog, (order) => contexts.get(orderKey(order)), options);
  const record: WeightsRecord = { ...decision, fittedAt: now, eventsSeq: top };
  await storeWeightsRecord(db, tenantId, record);
  return record;
}

/** New orders since the last fit that make a refit due before the interval is up. */
export const newOrdersNeeded = (record: Pick<WeightsRecord, 'orders'> | undefined): number =>
  Math.max(REFIT.minNewOrders, Math.round(REFIT.newOrdersShare * (record?.orders ?? 0)));

/** Due: never fitted; or new orders since, and either the interval is up or enough of them came in. */
export async function refitDue(db: Db, tenantId: string, now: number): Promise<boolean> {
  const record = await loadWeightsRecord(db, tenantId);
  if (!record) return true;
  const fresh = await ordersSince(db, tenantId, record.eventsSeq);
  if (fresh === 0) return false;
  return now - record.fittedAt >= REFIT.intervalMs || now < record.fittedAt || fresh >= newOrdersNeeded(record);
}

const lastCheck = new WeakMap<Db, number>();

/**
 * The aggregation worker's hook: at most every REFIT.checkEveryMs, refits every tenant that is due. Instances
 * sharing a database refit once (a database lock); one tenant's failure is logged and does not stop the others.
 */
export async function refitDueTenants(db: Db, now: number, log: Logger): Promise<void> {
  const last = lastCheck.get(db);
  if (last !== undefined && now - last < REFIT.checkEveryMs && now >= last) return;
  lastCheck.set(db, now);
  await db.exclusive('recommender-refit', async () => {
    const tenants = await db.all<{ id: string }>('SELECT id FROM tenants ORDER BY id');
    for (const { id } of tenants) {
      try {
        if (!(await refitDue(db, id, now))) continue;
        const record = await refitTenant(db, id, now);
        log({
          level: 'info',
          msg: 'recommender weights refitted',
          tenantId: id,
          source: record.source,
          orders: record.orders,
          guests: record.subjects,
          ms: record.metrics?.ms ?? 0,
        });
      } catch (error) {
        log({ level: 'error', msg: 'recommender refit failed', tenantId: id, error: String(error) });
      }
    }
  });
}
