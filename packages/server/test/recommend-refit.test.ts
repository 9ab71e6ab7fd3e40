import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RecommendationsResponse, RecommenderWeightsResponse } from '@matbakh/contract';
import type { OrderFact } from '../src/recommend/aggregates.ts';
import { upsertCatalog } from '../src/recommend/catalog.ts';
import { type Population, regularsPopulation } from '../src/recommend/eval/populations.ts';
import { REFIT, refitDue, refitTenant } from '../src/recommend/refit.ts';
import { DEFAULT_WEIGHTS } from '../src/recommend/weights.ts';
import { loadWeightsRecord } from '../src/recommend/weights-store.ts';
import { EVENT_COLUMNS, type EventValues, insertEventRows } from '../src/storage/event-rows.ts';
import { startAggregationWorker } from '../src/worker.ts';
import { call, consentRecord, type Setup, setup, T0 } from './helpers.ts';

const HOUR = 3_600_000;
let messages = 0;

/** Stores orders as the server does (`Order Completed` rows), in one transaction. */
async function storeOrders(s: Setup, orders: readonly OrderFact[]): Promise<void> {
  const rows: EventValues[] = orders.map((order) => {
    const at = new Date(order.at).toISOString();
    const row: Record<(typeof EVENT_COLUMNS)[number], string | null> = {
      tenant_id: s.tenant.id,
      message_id: `order-${++messages}`,
      type: 'track',
      event: 'Order Completed',
      name: null,
      anonymous_id: order.anonymousId,
      user_id: order.userId,
      session_id: null,
      timestamp: at,
      original_timestamp: at,
      sent_at: null,
      received_at: at,
      context: '{}',
      payload: JSON.stringify({ properties: { products: order.items.map((id) => ({ product_id: id })) } }),
    };
    return EVENT_COLUMNS.map((column) => row[column]);
  });
  await s.db.transaction((tx) => insertEventRows(tx, rows));
}

/** A tenant holding a population's catalogue and orders, its clock (`now`) an hour after the last order. */
async function tenantWith(population: Population): Promise<Setup & { now: number }> {
  const s = await setup({ rateLimit: 1_000 });
  await upsertCatalog(s.db, s.tenant.id, population.catalog.items, Date.parse('2026-01-01T00:00:00Z'));
  await storeOrders(s, population.orders);
  const now = population.orders.at(-1)!.at + HOUR;
  s.advance(now - T0);
  return { ...s, now };
}

/** The guest's personalized list (their recorded consent lets the server read their history). */
const listFor = async (s: Setup, guest: string) => {
  const { res, json } = await call<RecommendationsResponse>(
    s.app,
    'GET',
    `/v1/recommendations?anonymousId=${guest}&profiling=1&hour=12&limit=10&locale=en`,
    { writeKey: s.tenant.writeKey },
  );
  assert.equal(res.status, 200);
  assert.equal(json.personalized, true);
  return json.items;
};

async function consentOf(s: Setup, guest: string): Promise<void> {
  const { res } = await call(s.app, 'POST', '/v1/consent', {
    writeKey: s.tenant.writeKey,
    body: consentRecord({ anonymousId: guest }),
  });
  assert.equal(res.status, 201);
}

const admin = (s: Setup, authorization?: string) =>
  call<RecommenderWeightsResponse>(
    s.app,
    'GET',
    '/v1/admin/recommender',
    authorization === undefined ? {} : { headers: { authorization } },
  );

describe('learned weights per tenant', () => {
  // Repeat-heavy guests with weekday-lunch and weekend-dinner habits: their own history and time slot dominate.
  const population = regularsPopulation({ guests: 600, seed: 5 });
  let s: Setup & { now: number };
  before(async () => {
    s = await tenantWith(population);
  });
  after(() => s.db.close());

  test('the worker fits, checks on held-out orders and stores the weights; requests then rank with them', async () => {
    const guests = population.guests.slice(0, 30).map((g) => g.id);
    for (const guest of guests) await consentOf(s, guest);
    const before = await Promise.all(guests.map((g) => listFor(s, g)));
    assert.equal((await admin(s, `Bearer ${s.tenant.secret}`)).json.source, 'default');

    const records: { msg: string }[] = [];
    const worker = startAggregationWorker(s.db, { intervalMs: 60_000, log: (r) => records.push(r), now: () => s.now });
    await worker.runOnce();
    await worker.stop();
    assert.ok(records.some((r) => r.msg === 'recommender weights refitted'));

    const record = (await loadWeightsRecord(s.db, s.tenant.id))!;
    assert.equal(record.source, 'fitted', record.why);
    assert.equal(record.orders, population.orders.length);
    assert.equal(record.subjects, population.guests.length);
    assert.ok(record.testOrders >= 100);
    const { fitted, defaults } = record.metrics!;
    assert.ok(fitted.ndcgAt10 >= defaults.ndcgAt10, `held out: fitted ${fitted.ndcgAt10} vs ${defaults.ndcgAt10}`);
    assert.notDeepEqual(record.weights.features, DEFAULT_WEIGHTS.features);

    const after = await Promise.all(guests.map((g) => listFor(s, g)));
    const changed = after.filter(
      (items, i) => items.map((item) => item.id).join() !== before[i]!.map((item) => item.id).join(),
    );
    assert.ok(changed.length > 0, 'the learned weights change some guests’ lists');
    // Every served item's first reason is still one the ranker can give (the reasons test checks the sums).
    for (const items of after) for (const item of items) assert.ok(item.reasons.length > 0);

    const { res, json } = await admin(s, `Bearer ${s.tenant.secret}`);
    assert.equal(res.status, 200);
    assert.equal(json.source, 'fitted');
    assert.equal(json.fittedAt, new Date(s.now).toISOString());
    assert.deepEqual(json.sample, {
      orders: population.orders.length,
      guests: population.guests.length,
      heldOutOrders: record.testOrders,
    });
    assert.deepEqual(json.heldOut, { fitted, defaults });
    const repeat = json.signals.find((signal) => signal.name === 'repeat')!;
    assert.equal(repeat.weight, record.weights.features.repeat);
    assert.equal(repeat.defaultWeight, DEFAULT_WEIGHTS.features.repeat);
    assert.equal(repeat.reason, 'because_you_ordered');
  });

  test('the endpoint needs the secret or admin key; the write key is the wrong kind (403)', async () => {
    assert.equal((await admin(s)).res.status, 401);
    assert.equal((await admin(s, `Bearer sk_not-${s.tenant.secret}`)).res.status, 401);
    const withWriteKey = await call(s.app, 'GET', '/v1/admin/recommender', { writeKey: s.tenant.writeKey });
    assert.equal(withWriteKey.res.status, 403);
    assert.equal(withWriteKey.json.error.field, 'authorization');
  });
});

describe('too little data, and the schedule', () => {
  const small = regularsPopulation({ guests: 40, seed: 6 });

  test('a small tenant keeps the defaults, stored with why; the schedule waits for new orders or time', async () => {
    const s = await tenantWith(small);
    try {
      assert.equal(await refitDue(s.db, s.tenant.id, s.now), true, 'never fitted');
      const record = await refitTenant(s.db, s.tenant.id, s.now);
      assert.equal(record.source, 'default');
      assert.equal(record.weights, DEFAULT_WEIGHTS);
      assert.match(record.why, /40 guests with orders, fewer than the 500 needed/);
      const { json } = await admin(s, `Bearer ${s.tenant.secret}`);
      assert.equal(json.source, 'default');
      assert.equal(json.heldOut, null);
      assert.equal(json.sample?.orders, small.orders.length);

      assert.equal(await refitDue(s.db, s.tenant.id, s.now + 2 * REFIT.intervalMs), false, 'no new orders');
      const last = small.orders.at(-1)!;
      await storeOrders(s, [{ ...last, at: last.at + 1_000 }]);
      assert.equal(await refitDue(s.db, s.tenant.id, s.now + HOUR), false, 'one new order, an hour later');
      assert.equal(await refitDue(s.db, s.tenant.id, s.now + REFIT.intervalMs), true, 'a day later');
      const more = Array.from({ length: REFIT.minNewOrders }, (_, i) => ({ ...last, at: last.at + 2_000 + i }));
      await storeOrders(s, more);
      assert.equal(await refitDue(s.db, s.tenant.id, s.now + HOUR), true, 'enough new orders');
    } finally {
      await s.db.close();
    }
  });
});
