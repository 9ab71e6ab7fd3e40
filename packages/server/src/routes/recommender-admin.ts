import type { RecommenderWeightsResponse } from '@matbakh/contract';
import { FEATURE_REASON } from '../recommend/rank.ts';
import { newOrdersNeeded, REFIT } from '../recommend/refit.ts';
import { DEFAULT_WEIGHTS, FEATURES } from '../recommend/weights.ts';
import { loadWeightsRecord } from '../recommend/weights-store.ts';
import type { RouteModule } from '../route-kit.ts';

/**
 * `GET /v1/admin/recommender` (tenant secret): the weights the tenant's recommendations use now, what they were
 * learned from and how they did on held-out orders against the defaults. Read-only: the worker refits.
 */
export const recommenderAdminRoutes: RouteModule = (app, kit) => {
  app.get('/v1/admin/recommender', async (c) => {
    const tenant = await kit.authorizeAdmin(c);
    if (tenant instanceof Response) return tenant;
    const record = await loadWeightsRecord(kit.db, tenant.id);
    const weights = record?.source === 'fitted' ? record.weights : DEFAULT_WEIGHTS;
    const body: RecommenderWeightsResponse = {
      source: record?.source ?? 'default',
      why: record?.why ?? 'not fitted yet: the worker fits once the tenant has orders',
      fittedAt: record ? new Date(record.fittedAt).toISOString() : null,
      signals: FEATURES.map((name) => ({
        name,
        weight: weights.features[name],
        defaultWeight: DEFAULT_WEIGHTS.features[name],
        reason: FEATURE_REASON[name],
      })),
      diversity: weights.diversity,
      sample: record ? { orders: record.orders, guests: record.subjects, heldOutOrders: record.testOrders } : null,
      heldOut: record?.metrics ? { fitted: record.metrics.fitted, defaults: record.metrics.defaults } : null,
      refit: {
        minGuests: REFIT.minGuests,
        newOrders: newOrdersNeeded(record),
        intervalHours: REFIT.intervalMs / 3_600_000,
      },
    };
    c.header('Cache-Control', 'no-store');
    return c.json<RecommenderWeightsResponse>(body);
  });
};
