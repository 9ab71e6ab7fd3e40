import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InsightsResponse } from '@matbakh/contract';
import { type App, createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Db } from '../src/db.ts';
import { groupHashFor } from '../src/insights.ts';
import { insightsRoutes } from '../src/routes/insights.ts';
import { userHashFor } from '../src/subject.ts';
import { createTenant, type Tenant } from '../src/tenants.ts';
import { basic, call, insertEvent, openTestDb, postBatch, recordGrantsFor } from './helpers.ts';

const DAY = 86_400_000;
/** Wednesday, 4 March 2026, 15:00 UTC: in Ramadan 2026; "yesterday" is Tuesday 3 March. */
const NOW = Date.parse('2026-03-04T15:00:00.000Z');
const GROUP = 'rest-falafel-haus';
const OWNER = 'owner-1';
let seq = 0;

function insert(db: Db, tenantId: string, row: Record<string, unknown>): Promise<number> {
  const at = row.at as string;
  return insertEvent(db, {
    tenant_id: tenantId,
    message_id: `m-${++seq}`,
    type: (row.type as string | undefined) ?? 'track',
    event: (row.event as string | undefined) ?? null,
    anonymous_id: 'anon',
    user_id: (row.userId as string | undefined) ?? null,
    timestamp: at,
    original_timestamp: at,
    received_at: at,
    context: JSON.stringify(row.context ?? {}),
    payload: JSON.stringify(row.payload ?? {}),
  });
}

function order(
  db: Db,
  tenantId: string,
  at: number,
  revenue: number,
  extra: Record<string, unknown> = {},
): Promise<number> {
  return insert(db, tenantId, {
    event: 'Order Completed',
    at: new Date(at).toISOString(),
    payload: { properties: { restaurant_id: GROUP, revenue, currency: 'EUR', ...extra } },
  });
}

interface World {
  db: Db;
  app: App;
  tenant: Tenant;
}

async function world({ pinned = true, region = 'DE' } = {}): Promise<World> {
  const db = await openTestDb();
  const tenant = await createTenant(db, { name: 'Falafel Haus', origins: ['https://owner.example'] });
  await insert(db, tenant.id, {
    type: 'group',
    userId: OWNER,
    at: '2026-01-10T10:00:00.000Z',
    payload: { groupId: GROUP, traits: { name: 'Falafel Haus', address: { country: region } } },
  });
  const app = createApp({
    db,
    config: loadConfig({ MB_DB_PATH: ':memory:' }),
    routes: [insightsRoutes],
    ...(pinned ? { now: () => NOW } : {}),
  });
  recordGrantsFor(app, db);
  return { db, app, tenant };
}

function get(w: World, query: Record<string, string | undefined> = {}) {
  const params = new URLSearchParams({
    groupId: GROUP,
    anonymousId: 'anon',
    userId: OWNER,
    userHash: userHashFor(w.tenant.secret, OWNER),
    groupHash: groupHashFor(w.tenant.secret, OWNER, GROUP),
    locale: 'en',
  });
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) params.delete(key);
    else params.set(key, value);
  }
  return call<InsightsResponse>(w.app, 'GET', `/v1/insights?${params}`, {
    headers: { authorization: basic(w.tenant.writeKey) },
  });
}

describe('GET /v1/insights: report', () => {
  it('sums orders and revenue of the last 7 days vs the 7 before, exactly, with the trend', async () => {
    const w = await world();
    const { db, tenant } = w;
    await order(db, tenant.id, NOW - 1 * DAY, 10.1, { order_id: 'o-1' });
    await order(db, tenant.id, NOW - 1 * DAY + 60_000, 10.1, { order_id: 'o-1' }); // the same order, tracked twice
    await order(db, tenant.id, NOW - 2 * DAY, 20.2);
    await order(db, tenant.id, NOW - 7 * DAY + 1, 30.3); // just inside this week
    await order(db, tenant.id, NOW - 7 * DAY, 25); // just inside last week
    await order(db, tenant.id, NOW - 13 * DAY, 25.3);
    await order(db, tenant.id, NOW - 15 * DAY, 99); // before both weeks
    await order(db, tenant.id, NOW + 60_000, 99); // after now
    // Another restaurant; and one by context.groupId (what a page sends).
    await insert(db, tenant.id, {
      event: 'Order Completed',
      at: new Date(NOW - DAY).toISOString(),
      payload: { properties: { restaurant_id: 'other', revenue: 500 } },
    });
    await insert(db, tenant.id, {
      event: 'Order Completed',
      at: new Date(NOW - 3 * DAY).toISOString(),
      context: { groupId: GROUP },
      payload: { properties: { total: 4.4 } },
    });

    const { res, json } = await get(w);
    assert.equal(res.status, 200, JSON.stringify(json));
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const { report } = json;
    assert.deepEqual(
      { orders: report.thisWeek.orders, revenue: report.thisWeek.revenue },
      { orders: 4, revenue: 65 },
      '10.10 + 20.20 + 30.30 + 4.40',
    );
    assert.deepEqual(
      { orders: report.lastWeek.orders, revenue: report.lastWeek.revenue },
      { orders: 2, revenue: 50.3 },
    );
    assert.equal(report.revenueTrend, 65 / 50.3 - 1);
    assert.equal(report.ordersTrend, 1);
    assert.equal(report.currency, 'EUR');
    const card = json.insights.find((i) => i.kind === 'report')!;
    assert.equal(card.severity, 'success');
    assert.equal(card.title, 'Your week: €65.00 revenue from 4 orders');
    assert.equal(card.body, 'Revenue is 29% above the 7 days before (€50.30, 2 orders).');
    assert.match(card.reason, /last 7 days \(25 February – 4 March\)/);
    assert.match(card.cta!.url!, /^https:\/\//);
    assert.equal(card.metrics!.revenue, 65);
  });

  it('is localized (de, ar) and says so when there is nothing to compare', async () => {
    const w = await world();
    await order(w.db, w.tenant.id, NOW - DAY, 12.5);
    const de = (await get(w, { locale: 'de' })).json;
    assert.equal(
      de.insights.find((i) => i.kind === 'report')!.title,
      'Ihre Woche: 12,50\u00a0€ Umsatz aus 1 Bestellungen',
    );
    assert.equal(de.report.revenueTrend, null);
    assert.match(de.insights.find((i) => i.kind === 'report')!.body, /keine Bestellungen zum Vergleich/);
    const ar = (await get(w, { locale: 'ar' })).json;
    assert.equal(ar.locale, 'ar');
    assert.match(ar.insights[0]!.title, /[\u0600-\u06FF]/);
  });
});

describe('GET /v1/insights: health alert', () => {
  /** 20 orders on each of the 4 Tuesdays before, `yesterday` orders on Tuesday 3 March. */
  async function alertFor(yesterday: number) {
    const w = await world();
    const tuesday = Date.parse('2026-03-03T12:00:00.000Z');
    for (let week = 1; week <= 4; week++) {
      for (let i = 0; i < 20; i++) await order(w.db, w.tenant.id, tuesday - week * 7 * DAY + i * 60_000, 10);
    }
    for (let i = 0; i < yesterday; i++) await order(w.db, w.tenant.id, tuesday + i * 60_000, 10);
    const { json } = await get(w);
    return json.insights.find((i) => i.kind === 'alert');
  }

  it('stays quiet at a 25 % and a 30 % drop', async () => {
    assert.equal(await alertFor(15), undefined);
    assert.equal(await alertFor(14), undefined);
  });

  it('warns above 30 %, and is critical above 60 %, first in the list', async () => {
    const warning = await alertFor(13);
    assert.equal(warning?.severity, 'warning');
    assert.equal(warning?.id, 'alert:orders:2026-03-03');
    assert.deepEqual(warning?.metrics, { orders: 13, baseline: 20, drop: 0.35, day: '2026-03-03' });
    assert.equal(warning?.title, 'Far fewer orders on Tuesday 3 March');
    assert.equal(warning?.body, '13 orders instead of 20 on average on the last four Tuesdays (35% fewer).');
    const critical = await alertFor(7);
    assert.equal(critical?.severity, 'critical');
  });

  it('needs a baseline of 3 orders a day on average', async () => {
    const w = await world();
    const tuesday = Date.parse('2026-03-03T12:00:00.000Z');
    for (let week = 1; week <= 4; week++) await order(w.db, w.tenant.id, tuesday - week * 7 * DAY, 10);
    const { json } = await get(w);
    assert.equal(
      json.insights.find((i) => i.kind === 'alert'),
      undefined,
    );
  });
});

describe('GET /v1/insights: seasonal', () => {
  const seasonal = async (now: string, region = 'DE') => {
    const w = await world({ region });
    const { res, json } = await get(w, { now });
    assert.equal(res.status, 200, JSON.stringify(json));
    return json.insights.filter((i) => i.kind === 'seasonal').map((i) => i.id);
  };

  it('Ramadan from 14 days before its first day to its last (2026 and 2027)', async () => {
    assert.deepEqual(await seasonal('2026-02-03T12:00:00Z'), []);
    assert.deepEqual(await seasonal('2026-02-04T00:00:00Z'), ['seasonal:ramadan:2026']);
    assert.deepEqual(await seasonal('2026-03-19T23:59:00Z'), ['seasonal:ramadan:2026']);
    assert.deepEqual(await seasonal('2026-03-20T00:00:00Z'), []);
    assert.deepEqual(await seasonal('2027-02-20T12:00:00Z'), ['seasonal:ramadan:2027']);
  });

  it('Christmas markets, asparagus (by region) and summer', async () => {
    assert.deepEqual(await seasonal('2026-12-01T12:00:00Z'), ['seasonal:christmas:2026']);
    assert.deepEqual(await seasonal('2026-12-01T12:00:00Z', 'FR'), []);
    assert.deepEqual(await seasonal('2026-12-24T12:00:00Z'), []);
    assert.deepEqual(await seasonal('2026-05-01T12:00:00Z'), ['seasonal:asparagus:2026']);
    assert.deepEqual(await seasonal('2026-05-01T12:00:00Z', 'US'), []);
    assert.deepEqual(await seasonal('2026-06-20T12:00:00Z'), ['seasonal:bbq:2026', 'seasonal:asparagus:2026']);
    assert.deepEqual(await seasonal('2026-07-15T12:00:00Z', 'US'), ['seasonal:bbq:2026']);
    assert.deepEqual(await seasonal('2026-10-01T12:00:00Z'), []);
  });

  it('names its reason and the region in the locale', async () => {
    const w = await world();
    const { json } = await get(w, { now: '2026-12-01T12:00:00Z', locale: 'de' });
    const christmas = json.insights.find((i) => i.id === 'seasonal:christmas:2026')!;
    assert.equal(christmas.severity, 'info');
    assert.match(christmas.reason, /Weihnachtsmärkte in Deutschland/);
    const region = await get(w, { now: '2026-12-01T12:00:00Z', region: 'fr' });
    assert.equal(region.json.insights.filter((i) => i.kind === 'seasonal').length, 0, '?region= overrides the traits');
  });
});

describe('GET /v1/insights: who may read', () => {
  it('needs an identified, verified owner with the backend-signed groupHash', async () => {
    const w = await world();
    const anonymous = await get(w, { userId: undefined, userHash: undefined });
    assert.equal(anonymous.res.status, 403);
    assert.equal(anonymous.json.error.field, 'userId');
    const noHash = await get(w, { userHash: undefined });
    assert.equal(noHash.res.status, 403);
    assert.equal(noHash.json.error.field, 'userHash');
    const wrongHash = await get(w, { userHash: userHashFor(w.tenant.secret, 'someone-else') });
    assert.equal(wrongHash.res.status, 403);
    assert.equal(wrongHash.json.error.field, 'userHash');
    const noGroupHash = await get(w, { groupHash: undefined });
    assert.equal(noGroupHash.res.status, 403);
    assert.equal(noGroupHash.json.error.field, 'groupHash');
    assert.match(noGroupHash.json.error.message, /groupHash/);
    for (const groupHash of ['nope', groupHashFor(w.tenant.secret, OWNER, GROUP).slice(0, 63), 'z'.repeat(64)]) {
      const malformed = await get(w, { groupHash });
      assert.equal(malformed.res.status, 403, groupHash);
      assert.equal(malformed.json.error.field, 'groupHash');
    }
    // A verified stranger with a hash of its own (user, group) pair, or of the owner's pair: both refused.
    const stranger = await get(w, {
      userId: 'owner-2',
      userHash: userHashFor(w.tenant.secret, 'owner-2'),
      groupHash: groupHashFor(w.tenant.secret, 'owner-2', 'another-restaurant'),
    });
    assert.equal(stranger.res.status, 403);
    assert.equal(stranger.json.error.field, 'groupHash');
    const borrowed = await get(w, { userId: 'owner-2', userHash: userHashFor(w.tenant.secret, 'owner-2') });
    assert.equal(borrowed.res.status, 403, "the owner's groupHash is bound to the owner's userId");
    // The owner's hash for this group does not open another group, and the userHash is no groupHash.
    assert.equal((await get(w, { groupId: 'another-restaurant' })).res.status, 403);
    assert.equal((await get(w, { groupHash: userHashFor(w.tenant.secret, OWNER) })).res.status, 403);
    // Another tenant's secret signs nothing here.
    assert.equal((await get(w, { groupHash: groupHashFor('sk_other', OWNER, GROUP) })).res.status, 403);
    const noKey = await call(w.app, 'GET', `/v1/insights?groupId=${GROUP}`);
    assert.equal(noKey.res.status, 401);
  });

  it('the right groupHash (any hex case) opens the report; no stored group() call is needed', async () => {
    const w = await world();
    const fresh = { groupId: 'rest-new', userId: 'owner-7', userHash: userHashFor(w.tenant.secret, 'owner-7') };
    const hash = groupHashFor(w.tenant.secret, 'owner-7', 'rest-new');
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.equal((await get(w, { ...fresh, groupHash: hash })).res.status, 200);
    const upper = await get(w, { ...fresh, groupHash: hash.toUpperCase() });
    assert.equal(upper.res.status, 200);
    assert.equal(upper.json.groupId, 'rest-new');
  });

  it('a forged group() claim through /v1/batch does not open another restaurant', async () => {
    const w = await world();
    await order(w.db, w.tenant.id, NOW - DAY, 99);
    // A verified user (its own userHash is all it has) claims the owner's restaurant with a group() call.
    const batch = await postBatch(
      w.app,
      {
        batch: [
          {
            type: 'group',
            messageId: 'g-forged',
            timestamp: '2026-03-01T10:00:00.000Z',
            anonymousId: 'anon-9',
            userId: 'mallory',
            groupId: GROUP,
            traits: { address: { country: 'FR' } },
            context: {},
          },
        ],
      },
      { writeKey: w.tenant.writeKey },
    );
    assert.equal(batch.json.accepted, 1);
    const mallory = { userId: 'mallory', userHash: userHashFor(w.tenant.secret, 'mallory') };
    for (const groupHash of [undefined, groupHashFor(w.tenant.secret, OWNER, GROUP), '0'.repeat(64)]) {
      const { res, json } = await get(w, { ...mallory, groupHash });
      assert.equal(res.status, 403, String(groupHash));
      assert.equal(json.error.field, 'groupHash');
      assert.equal((json as unknown as { report?: unknown }).report, undefined, 'no numbers leak');
    }
    // The real owner still reads it.
    const owner = await get(w);
    assert.equal(owner.res.status, 200);
    assert.equal(owner.json.report.thisWeek.revenue, 99);
    // Nor do the forger's traits steer the owner's seasonal suggestions (DE, from the owner's own group call).
    const december = await get(w, { now: '2026-12-01T12:00:00Z' });
    assert.ok(december.json.insights.some((i) => i.id === 'seasonal:christmas:2026'));
  });

  it('rejects bad input naming the field; now only with a test clock', async () => {
    const w = await world();
    for (const [query, field] of [
      [{ groupId: undefined }, 'groupId'],
      [{ groupId: 'x'.repeat(201) }, 'groupId'],
      [{ locale: 'fr' }, 'locale'],
      [{ region: 'Germany' }, 'region'],
      [{ now: 'yesterday' }, 'now'],
    ] as const) {
      const { res, json } = await get(w, query);
      assert.equal(res.status, 400, JSON.stringify(query));
      assert.equal(json.error.field, field);
    }
    const realClock = await world({ pinned: false });
    const { res, json } = await get(realClock, { now: '2026-03-04T15:00:00Z' });
    assert.equal(res.status, 400);
    assert.equal(json.error.field, 'now');
    assert.equal((await get(realClock)).res.status, 200);
  });
});
