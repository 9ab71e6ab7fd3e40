/**
 * The tenant's recommender weights in the database (`recommender_weights`): written by the refit (refit.ts) on the
 * worker, read by every recommendation request through a short cache, so a fit made by another process reaches
 * this one within WEIGHTS_CACHE_MS.
 */
import type { HeldOutScore } from '@matbakh/contract';
import type { Db } from '../db.ts';
import { DEFAULT_WEIGHTS, FEATURES, type FeatureWeights, type Weights } from './weights.ts';

/** How long a request may use weights read earlier: a refit is hours apart, a database read per request is not needed. */
export const WEIGHTS_CACHE_MS = 30_000;

export interface HeldOutMetrics {
  fitted: HeldOutScore;
  defaults: HeldOutScore;
  /** fitWeights' own validation (the orders it chose its blend and diversity on). */
  validation: { trainOrders: number; validationOrders: number; ndcgFitted: number; ndcgDefaults: number };
  /** Time the fit and the held-out check took. */
  ms: number;
}

export interface WeightsRecord {
  source: 'fitted' | 'default';
  weights: Weights;
  why: string;
  fittedAt: number;
  orders: number;
  subjects: number;
  /** The events sequence the fit read up to: orders after it are "new" for the schedule. */
  eventsSeq: number;
  testOrders: number;
  /** Absent when there was too little data to fit at all. */
  metrics: HeldOutMetrics | undefined;
}

interface Row {
  source: 'fitted' | 'default';
  weights: string;
  why: string;
  fitted_at: string;
  orders: number;
  subjects: number;
  events_seq: number;
  test_orders: number;
  metrics: string;
}

const finite = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

/**
 * Stored weights back into `Weights`. A feature added after the fit (absent in the row) gets its default, so an
 * older fit keeps working until the next refit learns the new feature too.
 */
export function parseWeights(text: string): Weights {
  const raw = JSON.parse(text) as Partial<Record<keyof Weights, unknown>>;
  const features = (typeof raw.features === 'object' && raw.features !== null ? raw.features : {}) as Record<
    string,
    unknown
  >;
  return {
    features: Object.fromEntries(
      FEATURES.map((name) => [name, finite(features[name], DEFAULT_WEIGHTS.features[name])]),
    ) as FeatureWeights,
    diversity: finite(raw.diversity, DEFAULT_WEIGHTS.diversity),
    moreLikeThis: finite(raw.moreLikeThis, DEFAULT_WEIGHTS.moreLikeThis),
    notInterested: finite(raw.notInterested, DEFAULT_WEIGHTS.notInterested),
  };
}

export async function loadWeightsRecord(db: Db, tenantId: string): Promise<WeightsRecord | undefined> {
  const row = await db.get<Row>(
    `SELECT source, weights, why, fitted_at, orders, subjects, events_seq, test_orders, metrics
     FROM recommender_weights WHERE tenant_id = ?`,
    [tenantId],
  );
  if (!row) return undefined;
  const metrics = JSON.parse(row.metrics) as HeldOutMetrics | null;
  return {
    source: row.source,
    weights: parseWeights(row.weights),
    why: row.why,
    fittedAt: Date.parse(row.fitted_at),
    orders: row.orders,
    subjects: row.subjects,
    eventsSeq: row.events_seq,
    testOrders: row.test_orders,
    metrics: metrics ?? undefined,
  };
}

export async function storeWeightsRecord(db: Db, tenantId: string, record: WeightsRecord): Promise<void> {
  await db.run(
    `INSERT INTO recommender_weights
       (tenant_id, source, weights, why, fitted_at, orders, subjects, events_seq, test_orders, metrics)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (tenant_id) DO UPDATE SET source = excluded.source, weights = excluded.weights,
       why = excluded.why, fitted_at = excluded.fitted_at, orders = excluded.orders, subjects = excluded.subjects,
       events_seq = excluded.events_seq, test_orders = excluded.test_orders, metrics = excluded.metrics`,
    [
      tenantId,
      record.source,
      JSON.stringify(record.weights),
      record.why,
      new Date(record.fittedAt).toISOString(),
      record.orders,
      record.subjects,
      record.eventsSeq,
      record.testOrders,
      JSON.stringify(record.metrics ?? null),
    ],
  );
  cache.get(db)?.delete(tenantId);
}

const cache = new WeakMap<Db, Map<string, { readAt: number; weights: Weights }>>();

/** The weights a request of this tenant ranks with: its fitted ones when stored, else the defaults. */
export async function weightsFor(db: Db, tenantId: string, now: number): Promise<Weights> {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  const cached = perDb.get(tenantId);
  if (cached && now - cached.readAt < WEIGHTS_CACHE_MS && now >= cached.readAt) return cached.weights;
  const record = await loadWeightsRecord(db, tenantId);
  const weights = record?.source === 'fitted' ? record.weights : DEFAULT_WEIGHTS;
  perDb.set(tenantId, { readAt: now, weights });
  return weights;
}
