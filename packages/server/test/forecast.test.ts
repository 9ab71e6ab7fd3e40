import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ErrorBody, ForecastResponse } from '@matbakh/contract';
import { type App, createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Db } from '../src/db.ts';
import { prepareDemo } from '../src/demo/start.ts';
import { DEMO_OWNER_ANONYMOUS_ID, DEMO_OWNER_ID, DEMO_RESTAURANT_ID } from '../src/demo/synthetic.ts';
import { refreshForecasts } from '../src/forecast/pass.ts';
import { groupHashFor } from '../src/insights.ts';
import type { LogRecord } from '../src/log.ts';
import { forecastRoutes } from '../src/routes/forecast.ts';
import { userHashFor } from '../src/subject.ts';
import { type CreatedTenant, createTenant, seedDemoTenant } from '../src/tenants.ts';
import { basic, call, insertEvent, openTestDb } from './helpers.ts';

const DAY = 86_400_000;
/** Wednesday, 20 May 2026, 15:00 UTC; the forecast starts today, Whit Monday (25 May) is in the next 7 days. */
const NOW = Date.parse('2026-05-20T15:00:00.000Z');
const TODAY = Date.parse('2026-05-20T00:00:00.000Z');
const GROUP = 'rest-falafel-haus';
const OWNER = 'owner-1';
/** Orders per weekday, Monday first: a busy Saturday. */
const WEEK = [10, 12, 14, 16, 24, 40, 20];
let seq = 0;

interface World {
  db: Db;
  app: App;
  tenant: CreatedTenant;
  clock: { now: number };
}

function insert(db: Db, tenantId: string, row: { type?: string; at: number; userId?: string; payload: object }) {
  const at = new Date(row.at).toISOString();
  return insertEvent(db, {
    tenant_id: tenantId,
    message_id: `m-${++seq}`,
    type: row.type ?? 'track',
    event: row.type === undefined ? 'Order Completed' : null,
    anonymous_id: 'anon',
    user_id: row.userId ?? null,
    timestamp: at,
    original_timestamp: at,
    received_at: at,
    context: '{}',
    payload: JSON.stringify(row.payload),
  });
}

/** A restaurant with the weekly pattern for `days` days before today, closed on Berlin's public holidays. */
async function history(db: Db, tenantId: string, groupId: string, days: number, scale = 1) {
  const closed = new Set(['2026-01-01', '2026-03-08', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14']);
  for (let back = days; back >= 1; back--) {
    const day = TODAY - back * DAY;
    if (closed.has(new Date(day).toISOString().slice(0, 10))) continue;
    const count = Math.round((WEEK[(new Date(day).getUTCDay() + 6) % 7] as number) * scale);
    for (let k = 0; k < count; k++) {
      await insert(db, tenantId, {
        at: day + (11 + (k % 10)) * 3_600_000,
        payload: {
          properties: {
            restaurant_id: groupId,
            order_id: `${groupId}-${back}-${k}`,
            revenue: 20,
            currency: 'EUR',
            products: [{ product_id: k % 3 === 0 ? 'd-hummus' : 'd-falafel', quantity: 1, price: 20 }],
          },
        },
      });
    }
  }
}

async function group(db: Db, tenantId: string, groupId: string, traits: object) {
  await insert(db, tenantId, { type: 'group', userId: OWNER, at: TODAY - 200 * DAY, payload: { groupId, traits } });
}

async function world(): Promise<World> {
  const db = await openTestDb();
  const tenant = await createTenant(db, { name: 'Falafel Haus', origins: ['https://owner.example'] });
  const clock = { now: NOW };
  const app = createApp({
    db,
    config: loadConfig({ MB_DB_PATH: ':memory:' }),
    routes: [forecastRoutes],
    now: () => clock.now,
  });
  return { db, app, tenant, clock };
}

function get(w: World, query: Record<string, string | undefined> = {}, groupId = GROUP) {
  const params = new URLSearchParams({
    groupId,
    anonymousId: 'anon',
    userId: OWNER,
    userHash: userHashFor(w.tenant.secret, OWNER),
    groupHash: groupHashFor(w.tenant.secret, OWNER, groupId),
    locale: 'en',
  });
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) params.delete(key);
    else params.set(key, value);
  }
  return call<ForecastResponse & ErrorBody>(w.app, 'GET', `/v1/insights/forecast?${params}`, {
    headers: { authorization: basic(w.tenant.writeKey) },
  });
}

const pass = (w: World) => refreshForecasts(w.db, w.clock.now, { budgetMs: Number.POSITIVE_INFINITY });

describe('GET /v1/insights/forecast', () => {
  it('serves the stored forecast: a week ahead with intervals, the holiday named, alerts and the trend in words', async () => {
    const w = await world();
    await group(w.db, w.tenant.id, GROUP, { name: 'Falafel Haus', address: { city: 'Berlin', country: 'DE' } });
    await history(w.db, w.tenant.id, GROUP, 140);
    assert.equal((await pass(w)).computed, 1);

    const { res, json } = await get(w);
    assert.equal(res.status, 200, JSON.stringify(json));
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(json.groupId, GROUP);
    assert.equal(json.region, 'DE-BE');
    assert.equal(json.horizon, 7);
    assert.equal(json.currency, 'EUR');
    assert.match(json.method, /Holt-Winters/);
    assert.equal(json.orders.metric, 'orders');
    assert.equal(json.orders.history.length, 28);
    assert.deepEqual(
      json.orders.points.map((p) => p.date),
      ['2026-05-20', '2026-05-21', '2026-05-22', '2026-05-23', '2026-05-24', '2026-05-25', '2026-05-26'],
    );
    for (const p of json.orders.points)
      assert.ok(p.lo95 <= p.lo80 && p.lo80 <= p.mean && p.mean <= p.hi80 && p.hi80 <= p.hi95);
    const saturday = json.orders.points[3];
    assert.ok(saturday && Math.abs(saturday.mean - 40) < 2, `Saturday ≈ 40: ${saturday?.mean}`);
    const whitMonday = json.orders.points[5];
    assert.equal(whitMonday?.holiday, 'Whit Monday');
    assert.ok(whitMonday && whitMonday.mean < 3, `closed on holidays so far: ${whitMonday?.mean}`);
    assert.equal(json.revenue.points.length, 7);
    assert.deepEqual(
      json.dishes.map((d) => d.dishId),
      ['d-falafel', 'd-hummus'],
    );
    // Whit Monday: far below a usual Monday — the one alert (the weekly pattern is otherwise as usual).
    assert.deepEqual(
      json.alerts.map((a) => [a.id, a.metric]),
      [['prepare:orders:2026-05-25', 'orders']],
    );
    assert.match(
      json.alerts[0]?.title ?? '',
      /^Monday 25 May \(Whit Monday\): about [0-2] orders expected, (8|9)\d% below usual$/,
    );
    // The next 7 days (with Whit Monday) vs the last 7 (with a closed Ascension Day): a little more.
    const expected = json.orders.points.reduce((sum, p) => sum + p.mean, 0);
    const observed = json.orders.history.slice(-7).reduce((sum, h) => sum + h.value, 0);
    assert.ok(Math.abs(json.trend.change - (expected / observed - 1)) < 0.001);
    assert.equal(json.trend.direction, 'up');
    assert.match(json.trend.description, /over the next 7 days/);
    assert.equal(json.outlook, undefined);

    const de = await get(w, { locale: 'de', horizon: '28' });
    assert.equal(de.json.orders.points.length, 28);
    assert.equal(de.json.orders.points[5]?.holiday, 'Pfingstmontag');
    assert.match(de.json.trend.description, /In den nächsten 28 Tagen/);
    const ar = await get(w, { locale: 'ar' });
    assert.match(ar.json.alerts[0]?.title ?? '', /طلبات/);
  });

  it('names the field of every bad request and refuses strangers', async () => {
    const w = await world();
    await history(w.db, w.tenant.id, GROUP, 35);
    await pass(w);
    const cases: [Record<string, string | undefined>, number, string][] = [
      [{ horizon: '3' }, 400, 'horizon'],
      [{ horizon: 'x' }, 400, 'horizon'],
      [{ locale: 'fr' }, 400, 'locale'],
      [{ groupId: '' }, 400, 'groupId'],
      [{ groupId: 'x'.repeat(201) }, 400, 'groupId'],
      [{ now: 'yesterday' }, 400, 'now'],
      [{ groupHash: undefined }, 403, 'groupHash'],
      [{ groupHash: 'ab'.repeat(32) }, 403, 'groupHash'],
      [{ userHash: 'ab'.repeat(32) }, 403, 'userHash'],
      [{ userId: undefined, userHash: undefined }, 403, 'userId'],
    ];
    for (const [query, status, field] of cases) {
      const { res, json } = await get(w, query);
      assert.equal(res.status, status, JSON.stringify(query));
      assert.equal(json.error.field, field, JSON.stringify(query));
    }
    const unknown = await get(w, {}, 'no-such-restaurant');
    assert.equal(unknown.res.status, 404);
    assert.equal(unknown.json.error.field, 'groupId');
  });

  it('computes once a day, again only with new orders or when stale', async () => {
    const w = await world();
    await history(w.db, w.tenant.id, GROUP, 35);
    assert.equal((await pass(w)).computed, 1);
    assert.equal((await pass(w)).computed, 0, 'same day');
    w.clock.now = NOW + DAY;
    assert.equal((await pass(w)).computed, 0, 'next day, no new orders');
    await insert(w.db, w.tenant.id, {
      at: NOW + DAY - 3_600_000,
      payload: { properties: { restaurant_id: GROUP, order_id: 'late', revenue: 9 } },
    });
    w.clock.now = NOW + 2 * DAY;
    assert.equal((await pass(w)).computed, 1, 'a new order');
    w.clock.now = NOW + 9 * DAY;
    assert.equal((await pass(w)).computed, 1, 'stale after 7 days');
    const { json } = await get(w, { now: new Date(NOW + 9 * DAY).toISOString() });
    assert.equal(json.orders.points[0]?.date, '2026-05-29');
  });

  it("counts days in the restaurant's time zone: its group trait, else the tenant's restaurants', else Berlin", async () => {
    const w = await world();
    // 15:00 UTC on 20 May is already 21 May in Kiritimati (UTC+14), still 20 May in Berlin.
    await group(w.db, w.tenant.id, GROUP, {
      address: { city: 'Berlin', country: 'DE' },
      timezone: 'Pacific/Kiritimati',
    });
    await history(w.db, w.tenant.id, GROUP, 35);
    await history(w.db, w.tenant.id, 'rest-other', 35);
    await pass(w);
    const stored = await w.db.all<{ group_id: string; day: string; data: string }>(
      'SELECT group_id, day, data FROM forecasts WHERE tenant_id = ? ORDER BY group_id',
      [w.tenant.id],
    );
    const zones = stored.map((row) => [row.group_id, row.day, (JSON.parse(row.data) as { timeZone: string }).timeZone]);
    assert.deepEqual(zones, [
      ['rest-falafel-haus', '2026-05-21', 'Pacific/Kiritimati'],
      // No zone of its own: the one its tenant's restaurants state.
      ['rest-other', '2026-05-21', 'Pacific/Kiritimati'],
    ]);
    const { json } = await get(w);
    assert.equal(json.orders.points[0]?.date, '2026-05-21', "the owner's today is the local one");
  });

  it('gives a new restaurant the outlook of similar ones', async () => {
    const w = await world();
    const traits = { type: 'casual', size: 'small', cuisine: 'lebanese', address: { city: 'Berlin', country: 'DE' } };
    for (const [i, scale] of [0.5, 1, 1.5].entries()) {
      await group(w.db, w.tenant.id, `peer-${i}`, traits);
      await history(w.db, w.tenant.id, `peer-${i}`, 70, scale);
    }
    await group(w.db, w.tenant.id, 'peer-other', { ...traits, cuisine: 'italian' });
    await history(w.db, w.tenant.id, 'peer-other', 70, 5);
    await group(w.db, w.tenant.id, GROUP, traits);
    await history(w.db, w.tenant.id, GROUP, 10);
    await pass(w);

    const { res, json } = await get(w);
    assert.equal(res.status, 200, JSON.stringify(json));
    assert.equal(json.orders.points.length, 0);
    assert.ok(json.outlook);
    assert.equal(json.outlook.similar, 3);
    assert.deepEqual(json.outlook.matchedOn, ['type', 'size', 'region', 'cuisine']);
    assert.equal(json.outlook.weeks.length, 8);
    const week2 = json.outlook.weeks[1];
    // Peers' week 2 (a full week of the pattern, 136 orders at scale 1): the median is the middle peer.
    assert.ok(week2 && week2.mean === 136 && week2.lo80 < 136 && week2.hi80 > 136, JSON.stringify(week2));
    assert.match(json.outlook.description, /Similar restaurants \(3, same type, size, region, cuisine\)/);
    assert.match(json.trend.description, /four weeks/);
  });
});

describe('GET /v1/admin/forecasts.csv', () => {
  it('exports the stored forecasts for the admin key, one row per series and day', async () => {
    const w = await world();
    await history(w.db, w.tenant.id, GROUP, 35);
    await history(w.db, w.tenant.id, '=other', 35);
    await pass(w);
    const adminKey = w.tenant.adminKey as string;
    const res = await w.app.request(`/v1/admin/forecasts.csv?groupId=${GROUP}`, {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
    const lines = (await res.text()).trimEnd().split('\r\n');
    assert.equal(lines[0], 'group_id,generated_at,metric,dish_id,date,mean,lo80,hi80,lo95,hi95,holiday');
    // 28 days of orders, revenue and two dishes.
    assert.equal(lines.length, 1 + 28 * 4);
    assert.match(lines[1] ?? '', /^rest-falafel-haus,2026-05-20T15:00:00.000Z,orders,,2026-05-20,/);
    const all = await (
      await w.app.request('/v1/admin/forecasts.csv', { headers: { authorization: `Bearer ${adminKey}` } })
    ).text();
    assert.ok(all.includes("\r\n'=other,"), 'a formula-like id is defused');

    const bad = await w.app.request('/v1/admin/forecasts.csv?groupId=', {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as ErrorBody).error.field, 'groupId');
    const noKey = await w.app.request('/v1/admin/forecasts.csv', {
      headers: { authorization: basic(w.tenant.writeKey) },
    });
    assert.ok(noKey.status === 401 || noKey.status === 403, String(noKey.status));
  });
});

describe('demo: the demo owner (demo_owner, Beirut Kitchen) gets a forecast', () => {
  it('after seeding, the owner page finds a week ahead with its alerts and trend', async () => {
    const db = await openTestDb();
    const tenant = await seedDemoTenant(db);
    const records: LogRecord[] = [];
    await prepareDemo(
      db,
      (record) => records.push(record),
      () => NOW,
    );
    assert.ok(records.some((r) => r.msg === 'forecasts refreshed'));
    const app = createApp({ db, config: { ...loadConfig({ MB_DB_PATH: ':memory:' }), demo: true }, now: () => NOW });
    const params = new URLSearchParams({
      groupId: DEMO_RESTAURANT_ID,
      anonymousId: DEMO_OWNER_ANONYMOUS_ID,
      userId: DEMO_OWNER_ID,
      userHash: userHashFor(tenant.secret, DEMO_OWNER_ID),
      groupHash: groupHashFor(tenant.secret, DEMO_OWNER_ID, DEMO_RESTAURANT_ID),
      locale: 'en',
    });
    const { res, json } = await call<ForecastResponse>(app, 'GET', `/v1/insights/forecast?${params}`, {
      writeKey: tenant.writeKey,
    });
    assert.equal(res.status, 200, JSON.stringify(json));
    assert.equal(json.region, 'DE-BE', 'Beirut Kitchen is in Berlin');
    assert.equal(json.orders.points.length, 7);
    assert.ok(
      json.orders.points.every((p) => p.mean > 5),
      JSON.stringify(json.orders.points),
    );
    assert.equal(json.dishes.length, 5);
    assert.ok(json.dishes.every((d) => typeof d.dishName === 'string' && d.dishName !== d.dishId));
    assert.ok(json.trend.description.length > 0);
  });
});
