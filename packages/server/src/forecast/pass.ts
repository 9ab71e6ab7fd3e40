/**
 * The worker's daily forecast step (issue 21): every restaurant of every tenant gets its forecast computed at most
 * once per UTC day, and only when it has new orders since the stored one (count or latest order changed) or the
 * stored one is {@link STALE_DAYS} days old — so a quiet restaurant costs one comparison a day. Restaurants that
 * sent `group` traits but have no orders get a row too (no series; the route adds the outlook from similar ones).
 *
 * Each pass works for at most `budgetMs` (a forecast is synchronous CPU work, and an API process's own worker shares
 * the event loop with requests); what is left waits for the next pass. Runs once across worker processes (a lock).
 */
import type { Db } from '../db.ts';
import { isoDate, zoneClock } from '../local-day.ts';
import type { Logger } from '../log.ts';
import { aggregatesFor } from '../recommend/aggregates.ts';
import type { Order } from '../restaurant-orders.ts';
import { launchCurve } from './outlook.ts';
import { forecastRestaurant, isoDay, type StoredForecast } from './restaurant.ts';
import { type RestaurantTraits, restaurantTraits, timeZoneOf } from './traits.ts';

export const FORECAST_HORIZON = 28;
/** A forecast this many days old is computed again even without new orders (its window runs out at 28). */
export const STALE_DAYS = 7;
const DAY = 86_400_000;

interface StoredRow {
  group_id: string;
  day: string;
  order_count: number;
  last_order_at: string | null;
}

/** Tenants whose due restaurants were all computed, by day: checked again the next day. */
const doneFor = new WeakMap<Db, Map<string, string>>();
/** The traits read for a tenant today: a tenant's day of work spans many passes, its `group` events are read once. */
const traitsFor = new WeakMap<Db, Map<string, { day: string; traits: Map<string, RestaurantTraits> }>>();

async function todaysTraits(db: Db, tenantId: string, today: string): Promise<Map<string, RestaurantTraits>> {
  let perTenant = traitsFor.get(db);
  if (!perTenant) {
    perTenant = new Map();
    traitsFor.set(db, perTenant);
  }
  const cached = perTenant.get(tenantId);
  if (cached?.day === today) return cached.traits;
  const traits = await restaurantTraits(db, tenantId);
  perTenant.set(tenantId, { day: today, traits });
  return traits;
}

function isDue(row: StoredRow | undefined, orders: readonly Order[], today: string): boolean {
  if (!row) return true;
  // Computed today: again only when the first orders arrived since (a new restaurant, or rows written before the
  // aggregates were caught up).
  if (row.day === today) return row.order_count === 0 && orders.length > 0;
  if (Date.parse(row.day) <= Date.parse(today) - STALE_DAYS * DAY) return true;
  const last = orders.length === 0 ? null : new Date(orders.at(-1)?.at ?? 0).toISOString();
  return row.order_count !== orders.length || row.last_order_at !== last;
}

async function store(db: Db, tenantId: string, groupId: string, forecast: StoredForecast, orders: Order[], at: number) {
  await db.run(
    `INSERT INTO forecasts (tenant_id, group_id, day, computed_at, order_count, last_order_at, data)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (tenant_id, group_id) DO UPDATE SET day = excluded.day, computed_at = excluded.computed_at,
       order_count = excluded.order_count, last_order_at = excluded.last_order_at, data = excluded.data`,
    [
      tenantId,
      groupId,
      forecast.from,
      new Date(at).toISOString(),
      orders.length,
      orders.length === 0 ? null : new Date(orders.at(-1)?.at ?? 0).toISOString(),
      JSON.stringify(forecast),
    ],
  );
}

export interface ForecastPassOptions {
  log?: Logger;
  /** Default 250 ms. */
  budgetMs?: number;
}

/** One tenant's due restaurants; false when the budget ran out first. */
async function refreshTenant(db: Db, tenantId: string, now: number, deadline: number, counts: { computed: number }) {
  const today = isoDay(now);
  const agg = await aggregatesFor(db, tenantId, now);
  const rows = await db.all<StoredRow>(
    'SELECT group_id, day, order_count, last_order_at FROM forecasts WHERE tenant_id = ?',
    [tenantId],
  );
  const stored = new Map(rows.map((row) => [row.group_id, row]));
  const ordersOf = (groupId: string) =>
    [...(agg.restaurantOrders.get(groupId)?.values() ?? [])].filter((o) => o.at < now).sort((a, b) => a.at - b.at);
  const traits = await todaysTraits(db, tenantId, today);
  // Each restaurant's own today: its days are counted in its time zone.
  const clocks = new Map<string, ReturnType<typeof zoneClock>>();
  const clockOf = (groupId: string) => {
    let clock = clocks.get(groupId);
    if (!clock) {
      clock = zoneClock(timeZoneOf(groupId, traits));
      clocks.set(groupId, clock);
    }
    return clock;
  };
  const localToday = (groupId: string) => isoDate(clockOf(groupId).day(now));
  const due = [...agg.restaurantOrders.keys()].filter((id) => isDue(stored.get(id), ordersOf(id), localToday(id)));
  for (const id of traits.keys())
    if (!agg.restaurantOrders.has(id) && isDue(stored.get(id), [], localToday(id))) due.push(id);
  // Never computed first, then the oldest.
  due.sort((a, b) => (stored.get(a)?.day ?? '').localeCompare(stored.get(b)?.day ?? ''));
  for (const groupId of due) {
    if (performance.now() > deadline) return false;
    const orders = ordersOf(groupId);
    const own: RestaurantTraits = traits.get(groupId) ?? { region: 'DE' };
    const forecast = forecastRestaurant({
      orders,
      today: now,
      region: own.region,
      timeZone: clockOf(groupId).timeZone,
      horizon: FORECAST_HORIZON,
    });
    const { region: _region, timeZone: _zone, ...peerTraits } = own;
    forecast.traits = peerTraits;
    const launch = launchCurve(orders, now);
    if (launch) forecast.launch = launch;
    await store(db, tenantId, groupId, forecast, orders, now);
    counts.computed++;
  }
  return true;
}

export async function refreshForecasts(
  db: Db,
  now: number,
  options: ForecastPassOptions = {},
): Promise<Record<string, number>> {
  const today = isoDay(now);
  let done = doneFor.get(db);
  if (!done) {
    done = new Map();
    doneFor.set(db, done);
  }
  const finished = done;
  const started = performance.now();
  const deadline = started + (options.budgetMs ?? 250);
  const counts = { computed: 0 };
  await db.exclusive('forecast-worker', async () => {
    const tenants = await db.all<{ id: string }>('SELECT id FROM tenants ORDER BY id');
    for (const { id } of tenants) {
      if (finished.get(id) === today) continue;
      if (!(await refreshTenant(db, id, now, deadline, counts))) return;
      finished.set(id, today);
    }
  });
  if (counts.computed > 0)
    options.log?.({
      level: 'info',
      msg: 'forecasts refreshed',
      restaurants: counts.computed,
      ms: Math.round(performance.now() - started),
    });
  return counts;
}
