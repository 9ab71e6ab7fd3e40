import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type Campaign,
  type InsightsResponse,
  type RecommendationsResponse,
  validateCampaignInput,
} from '@matbakh/contract';
import { type App, createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Db } from '../src/db.ts';
import { DEMO_HEALTH_ALERT, DEMO_WIN_BACK } from '../src/demo/campaigns-seed.ts';
import { DEMO_ADMIN_KEY, prepareDemo } from '../src/demo/start.ts';
import {
  DEMO_DISH_IDS,
  DEMO_OWNER_ANONYMOUS_ID,
  DEMO_OWNER_ID,
  DEMO_REGION,
  DEMO_RESTAURANT_ID,
  DEMO_WEEKDAY_FACTORS,
  demoRestaurantOrders,
  ensureDemoData,
  seedDemoRecommendations,
} from '../src/demo/synthetic.ts';
import { groupHashFor } from '../src/insights.ts';
import { loadCatalog } from '../src/recommend/catalog.ts';
import { startServer } from '../src/server.ts';
import { userHashFor } from '../src/subject.ts';
import { seedDemoTenant, type Tenant } from '../src/tenants.ts';
import { call, openTestDb, postBatch, recordGrantsFor } from './helpers.ts';

const DAY = 86_400_000;
/** Wednesday, 4 March 2026, 15:00 UTC. */
const NOW = Date.parse('2026-03-04T15:00:00.000Z');

interface Demo {
  db: Db;
  app: App;
  tenant: Tenant;
}

async function demo(now = NOW): Promise<Demo> {
  const db = await openTestDb();
  const tenant = await seedDemoTenant(db);
  await seedDemoRecommendations(db, tenant.id, now);
  const app = createApp({ db, config: { ...loadConfig({ MB_DB_PATH: ':memory:' }), demo: true }, now: () => now });
  recordGrantsFor(app, db);
  return { db, app, tenant };
}

/** What the partner's backend computes for the signed-in owner. */
function ownerQuery(tenant: Tenant, extra: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({
    anonymousId: DEMO_OWNER_ANONYMOUS_ID,
    userId: DEMO_OWNER_ID,
    userHash: userHashFor(tenant.secret, DEMO_OWNER_ID),
    ...extra,
  });
}

const insights = (d: Demo, query: URLSearchParams) =>
  call<InsightsResponse>(d.app, 'GET', `/v1/insights?${query}`, { writeKey: d.tenant.writeKey });
const recs = (d: Demo, query: URLSearchParams) =>
  call<RecommendationsResponse>(d.app, 'GET', `/v1/recommendations?${query}`, { writeKey: d.tenant.writeKey });

describe('demo data: the demo owner (demo_owner, Beirut Kitchen)', () => {
  it('insights: a weekly report with orders and revenue, and a health alert for yesterday', async () => {
    const d = await demo();
    const { res, json } = await insights(
      d,
      ownerQuery(d.tenant, {
        groupId: DEMO_RESTAURANT_ID,
        groupHash: groupHashFor(d.tenant.secret, DEMO_OWNER_ID, DEMO_RESTAURANT_ID),
        locale: 'en',
      }),
    );
    assert.equal(res.status, 200, JSON.stringify(json));
    assert.ok(json.report.thisWeek.orders > 50, `orders this week: ${json.report.thisWeek.orders}`);
    assert.ok(json.report.thisWeek.revenue > 500);
    assert.ok(json.report.lastWeek.orders > 50);
    assert.equal(json.report.currency, 'EUR');
    const alert = json.insights.find((i) => i.kind === 'alert');
    assert.ok(alert, JSON.stringify(json.insights.map((i) => i.id)));
    assert.equal(alert.id, 'alert:orders:2026-03-03');
    assert.equal(alert.severity, 'warning');
    const drop = alert.metrics?.drop as number;
    assert.ok(drop > 0.35 && drop < 0.45, `drop ${drop}`);
    assert.equal(json.insights[0]!.kind, 'alert', 'most urgent first');
    // The group traits say DE: 4 March 2026 is in Ramadan.
    assert.ok(json.insights.some((i) => i.id === 'seasonal:ramadan:2026'));
  });

  it('insights stay closed without the groupHash, and to a guest of the same restaurant', async () => {
    const d = await demo();
    const noHash = await insights(d, ownerQuery(d.tenant, { groupId: DEMO_RESTAURANT_ID }));
    assert.equal(noHash.res.status, 403);
    assert.equal(noHash.json.error.field, 'groupHash');
    const guest = 'demo_guest';
    const asGuest = await insights(
      d,
      new URLSearchParams({
        anonymousId: 'anon-x',
        userId: guest,
        userHash: userHashFor(d.tenant.secret, guest),
        groupId: DEMO_RESTAURANT_ID,
        groupHash: groupHashFor(d.tenant.secret, DEMO_OWNER_ID, DEMO_RESTAURANT_ID),
      }),
    );
    assert.equal(asGuest.res.status, 403);
  });

  it('owner recommendations: the Analytics upgrade because of 4 locations without analytics', async () => {
    const d = await demo();
    const { res, json } = await recs(
      d,
      ownerQuery(d.tenant, { audience: 'owner', groupId: DEMO_RESTAURANT_ID, profiling: '1', locale: 'en' }),
    );
    assert.equal(res.status, 200, JSON.stringify(json));
    assert.equal(json.items[0]?.id, 'feature:analytics');
    const setup = json.items[0]!.reasons.find((r) => r.code === 'owner_setup');
    assert.deepEqual(setup?.params, { detail: 'locations_without_analytics', locations: 4 });
    assert.ok(!json.items.some((item) => item.id === 'feature:online_ordering'), 'already active');
  });

  it('the order history has a weekday pattern and is reproducible; seeding again replaces, never doubles', async () => {
    const orders = demoRestaurantOrders(NOW);
    assert.deepEqual(demoRestaurantOrders(NOW), orders);
    const byWeekday = [0, 0, 0, 0, 0, 0, 0];
    for (const order of orders) byWeekday[new Date(order.timestamp).getUTCDay()]!++;
    // Saturdays (busiest) beat Mondays (quietest) by far, as the factors say.
    assert.ok(byWeekday[6]! > byWeekday[1]! * 1.6, byWeekday.join());
    assert.equal(DEMO_WEEKDAY_FACTORS.length, 7);
    const days = new Set(orders.map((o) => o.timestamp.slice(0, 10)));
    assert.equal(days.size, 56, '8 weeks of full days, up to yesterday');
    assert.ok(orders.every((o) => Date.parse(o.timestamp) < Math.floor(NOW / DAY) * DAY));
    assert.ok(orders.every((o) => (o.properties as { revenue: number }).revenue > 0));

    const d = await demo();
    const count = async () =>
      (await d.db.get<{ n: number }>('SELECT count(*) AS n FROM events WHERE tenant_id = ?', [d.tenant.id]))!.n;
    const before = await count();
    await seedDemoRecommendations(d.db, d.tenant.id, NOW);
    assert.equal(await count(), before);
  });
});

describe('demo data: Beirut Kitchen on the partner site (guests)', () => {
  it('the catalogue has the restaurant and the menu ids of examples/partner-site', async () => {
    const d = await demo();
    const catalog = await loadCatalog(d.db, d.tenant.id);
    const restaurant = catalog.byId.get(DEMO_RESTAURANT_ID);
    assert.equal(restaurant?.name, 'Beirut Kitchen');
    assert.equal(restaurant?.region, DEMO_REGION);
    const menu = catalog.menu.get(DEMO_RESTAURANT_ID) ?? [];
    assert.deepEqual(menu.map((dish) => dish.id).sort(), [...DEMO_DISH_IDS].sort());
    assert.ok(menu.length >= 11);
    const byId = (id: string) => catalog.byId.get(id)!;
    assert.equal(byId('d-falafel').name, 'Falafel-Teller');
    assert.equal(byId('d-shawarma').name, 'Shawarma');
    assert.equal(byId('d-fattoush').name, 'Fattoush');
    assert.equal(byId('d-falafel').price?.amount, 11.5, 'the prices of the page');
    assert.equal(byId('d-shawarma').price?.amount, 13.9);
    assert.equal(byId('d-fattoush').price?.amount, 8.2);
    assert.ok(byId('d-falafel').diet.includes('vegan'));
    assert.ok(byId('d-falafel').allergens.includes('sesame'));
    assert.ok(byId('d-baklava').allergens.includes('nuts'));
    assert.ok(menu.every((dish) => dish.region === DEMO_REGION && dish.diet.includes('halal')));
    // One Beirut Kitchen only.
    assert.equal(catalog.items.filter((item) => item.name === 'Beirut Kitchen').length, 1);
  });

  it('an order placed on the page feeds co-occurrence: "because you ordered Falafel-Teller"', async () => {
    const d = await demo();
    // What examples/partner-site sends on checkout.
    const batch = await postBatch(
      d.app,
      {
        batch: [
          {
            type: 'track',
            event: 'Order Completed',
            messageId: 'page-order-1',
            timestamp: new Date(NOW - 3_600_000).toISOString(),
            anonymousId: 'anon-page-guest',
            properties: {
              order_id: 'demo-1',
              total: 11.5,
              currency: 'EUR',
              products: [{ product_id: 'd-falafel', name: 'Falafel-Teller', price: 11.5, quantity: 1 }],
            },
            context: {},
          },
        ],
      },
      { writeKey: d.tenant.writeKey },
    );
    assert.equal(batch.json.accepted, 1);
    const { json } = await recs(
      d,
      new URLSearchParams({ anonymousId: 'anon-page-guest', profiling: '1', locale: 'en', limit: '10' }),
    );
    assert.equal(json.personalized, true);
    const because = json.items.filter((item) =>
      item.reasons.some((r) => r.code === 'because_you_ordered' && r.params.item === 'Falafel-Teller'),
    );
    assert.ok(because.length > 0, JSON.stringify(json.items.map((i) => [i.id, i.reasons.map((r) => r.code)])));
    assert.ok(
      because.some((item) => item.id === 'd-hummus' || item.id === 'd-fattoush'),
      because.map((i) => i.id).join(),
    );
  });
});

describe('demo data at startup', () => {
  it('ensureDemoData seeds once per UTC day: a restart the same day skips, the next day re-seeds', async () => {
    const db = await openTestDb();
    const tenant = await seedDemoTenant(db);
    assert.ok(await ensureDemoData(db, tenant.id, NOW), 'empty: seeded');
    assert.equal(await ensureDemoData(db, tenant.id, NOW + 3_600_000), undefined, 'same day: current');
    const nextDay = await ensureDemoData(db, tenant.id, NOW + DAY);
    assert.ok(nextDay && nextDay.demoOrders > 0, 'next day: seeded again');
    const latest = (await db.get<{ t: string }>(
      `SELECT max(timestamp) AS t FROM events WHERE tenant_id = ? AND ${db.sql.jsonText('payload', 'properties', 'restaurant_id')} = ?`,
      [tenant.id, DEMO_RESTAURANT_ID],
    ))!;
    assert.equal(latest.t.slice(0, 10), '2026-03-04', "the new yesterday (the old day's orders were replaced)");
  });

  it('startServer in demo mode seeds it all before listening', { timeout: 60_000 }, async () => {
    const records: Record<string, unknown>[] = [];
    const config = { ...loadConfig({ MB_DB_PATH: ':memory:' }), demo: true, port: 0, purgeIntervalMs: 0 };
    const server = await startServer(config, { log: (r) => records.push(r), handleSignals: false });
    try {
      const ready = records.find((r) => r.msg === 'demo data seeded');
      assert.ok(ready, JSON.stringify(records));
      assert.ok(records.indexOf(ready) < records.findIndex((r) => r.msg === 'listening'));
      const tenant = await seedDemoTenant(server.db);
      const query = ownerQuery(tenant, {
        writeKey: tenant.writeKey,
        groupId: DEMO_RESTAURANT_ID,
        groupHash: groupHashFor(tenant.secret, DEMO_OWNER_ID, DEMO_RESTAURANT_ID),
      });
      const res = await fetch(`${server.url}/v1/insights?${query}`);
      assert.equal(res.status, 200);
      const body = (await res.json()) as InsightsResponse;
      assert.ok(body.report.thisWeek.orders > 0);
      assert.ok(body.insights.some((i) => i.kind === 'alert'));
      // The console's published demo admin key is the demo tenant's admin key, and a second start does not add another key.
      const admin = await fetch(`${server.url}/v1/admin/kpis`, {
        headers: { authorization: `Bearer ${DEMO_ADMIN_KEY}` },
      });
      assert.equal(admin.status, 200, await admin.clone().text());
      const adminKeys = () =>
        server.db.all("SELECT id FROM api_keys WHERE tenant_id = ? AND kind = 'admin'", [tenant.id]);
      const before = await adminKeys();
      await prepareDemo(
        server.db,
        () => undefined,
        () => Date.now(),
      );
      assert.deepEqual(await adminKeys(), before);
      // Example campaigns, seeded once (the second start above added none), valid as the admin API would take them.
      const listed = await fetch(`${server.url}/v1/admin/campaigns`, {
        headers: { authorization: `Bearer ${DEMO_ADMIN_KEY}` },
      });
      const { campaigns } = (await listed.json()) as { campaigns: Campaign[] };
      assert.deepEqual(campaigns.map((c) => [c.name, c.status]).sort(), [
        [DEMO_WIN_BACK.name, 'draft'],
        [DEMO_HEALTH_ALERT.name, 'running'],
      ]);
      for (const input of [DEMO_HEALTH_ALERT, DEMO_WIN_BACK]) assert.ok(validateCampaignInput(input).ok, input.name);
      process.stdout.write(`# demo seeding at startup: ${ready.ms} ms\n`);
    } finally {
      await server.close();
    }
  });
});
