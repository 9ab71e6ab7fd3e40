/**
 * A restaurant's orders → daily series (orders, revenue, the top dishes) → forecasts, in plain numbers. Days are
 * calendar days in the restaurant's time zone (local-day.ts): a late order counts for the evening it belongs to, and
 * holidays fall on their local date. The last observed day is the one before `today` (today is still running); the
 * forecast covers `today` and the days after.
 */
import { type ZoneClock, zoneClock } from '../local-day.ts';
import type { Order } from '../restaurant-orders.ts';
import { holidayCalendar } from './holidays-de.ts';
import {
  forecastSeries,
  MIN_HISTORY_DAYS,
  type ModelPoint,
  type SeriesForecast,
  secondaryCandidates,
} from './model.ts';

const DAY = 86_400_000;
/** At most two years of history: enough for a yearly profile, bounded cost. */
export const MAX_HISTORY_DAYS = 730;
export const TOP_DISHES = 5;
/** The dishes ranked by the orders naming them over this many days. */
const TOP_DISH_DAYS = 56;
const HISTORY_SHOWN = 28;

export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const dayStart = (ms: number) => Math.floor(ms / DAY) * DAY;

export interface StoredPoint extends ModelPoint {
  date: string;
  /** Holiday id (holidays-de.ts), localized when served. */
  holiday?: string;
}

export interface StoredSeries {
  dishId?: string;
  history: { date: string; value: number }[];
  points: StoredPoint[];
}

/** What the worker stores per restaurant (JSON), localized into a ForecastResponse on request. */
export interface StoredForecast {
  region: string;
  /** The IANA zone the days are counted in (absent in forecasts stored before: Europe/Berlin). */
  timeZone?: string;
  currency: string;
  /** First forecast day. */
  from: string;
  /** Days of history the series had (0 for a restaurant without orders). */
  historyDays: number;
  method: string;
  orders: StoredSeries;
  revenue: StoredSeries;
  dishes: StoredSeries[];
  /** The traits similar restaurants are matched on (the new-restaurant outlook), set by the worker. */
  traits?: { type?: string; size?: string; cuisine?: string };
  /** Orders in weeks 1…8 after the first order, once 8 weeks have passed (this restaurant as a peer). */
  launch?: number[];
}

export interface DailySeries {
  start: number;
  orders: number[];
  revenue: number[];
  dishes: Map<string, number[]>;
}

/**
 * Daily counts from the first order's local day (at most MAX_HISTORY_DAYS back) up to the day before `today`, a
 * local day as `clock.day` gives it.
 */
export function dailySeries(orders: readonly Order[], today: number, clock: ZoneClock): DailySeries {
  let first = today;
  for (const order of orders) if (order.at < first) first = order.at;
  const start = Math.max(Math.min(clock.day(first), today), today - MAX_HISTORY_DAYS * DAY);
  const days = Math.max(0, Math.round((today - start) / DAY));
  const series: DailySeries = {
    start,
    orders: new Array(days).fill(0),
    revenue: new Array(days).fill(0),
    dishes: new Map(),
  };
  for (const order of orders) {
    const i = Math.round((clock.day(order.at) - start) / DAY);
    if (i < 0 || i >= days) continue;
    series.orders[i] = (series.orders[i] as number) + 1;
    series.revenue[i] = (series.revenue[i] as number) + order.revenue;
    for (const dish of new Set(order.items ?? [])) {
      let counts = series.dishes.get(dish);
      if (!counts) {
        counts = new Array(days).fill(0);
        series.dishes.set(dish, counts);
      }
      counts[i] = (counts[i] as number) + 1;
    }
  }
  return series;
}

/** The most ordered dishes of the last TOP_DISH_DAYS, most first (ties by id, so the choice is stable). */
export function topDishes(series: DailySeries, limit = TOP_DISHES): string[] {
  const from = Math.max(0, series.orders.length - TOP_DISH_DAYS);
  const totals = [...series.dishes].map(([id, counts]) => ({
    id,
    total: counts.slice(from).reduce((sum, v) => sum + v, 0),
  }));
  return totals
    .filter((d) => d.total > 0)
    .sort((a, b) => b.total - a.total || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((d) => d.id);
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function storedSeries(
  values: readonly number[],
  forecast: SeriesForecast | undefined,
  dates: { history: string[]; ahead: string[] },
  holidayIds: (string | undefined)[],
  digits: number,
): StoredSeries {
  const history = values.slice(-HISTORY_SHOWN).map((value, i, shown) => ({
    date: dates.history[dates.history.length - shown.length + i] as string,
    value: round(value, digits),
  }));
  const points = (forecast?.points ?? []).map((p, h) => {
    const point: StoredPoint = {
      date: dates.ahead[h] as string,
      mean: round(p.mean, digits),
      lo80: round(p.lo80, digits),
      hi80: round(p.hi80, digits),
      lo95: round(p.lo95, digits),
      hi95: round(p.hi95, digits),
    };
    const holiday = holidayIds[h];
    if (holiday !== undefined) point.holiday = holiday;
    return point;
  });
  return { history, points };
}

export function methodOf(forecast: SeriesForecast | undefined): string {
  if (!forecast) return 'none';
  const { seasonal, beta, phi, yearly } = forecast.params;
  const parts = [
    `Holt-Winters, ${seasonal === 'mult' ? 'multiplicative' : 'additive'} weekly seasonality`,
    beta > 0 ? `damped trend (φ ${phi})` : 'no trend',
    'holiday effect',
  ];
  if (yearly) parts.push('yearly profile');
  return parts.join(', ');
}

export interface RestaurantForecastInput {
  orders: readonly Order[];
  /** Any instant of the first forecast day (in `timeZone`). */
  today: number;
  region: string;
  /** IANA zone whose calendar days are counted (an unknown one: Europe/Berlin). */
  timeZone: string;
  horizon: number;
}

export function forecastRestaurant(input: RestaurantForecastInput): StoredForecast {
  const { orders, region, horizon } = input;
  const clock = zoneClock(input.timeZone);
  const day0 = clock.day(input.today);
  const series = dailySeries(orders, day0, clock);
  const n = series.orders.length;
  const calendar = holidayCalendar(
    region,
    new Date(series.start).getUTCFullYear(),
    new Date(day0 + horizon * DAY).getUTCFullYear(),
  );
  const holiday: boolean[] = [];
  const aheadIds: (string | undefined)[] = [];
  for (let i = 0; i < n + horizon; i++) {
    const id = calendar.get(isoDay(series.start + i * DAY))?.id;
    holiday.push(id !== undefined);
    if (i >= n) aheadIds.push(id);
  }
  const dates = {
    history: Array.from({ length: n }, (_, i) => isoDay(series.start + i * DAY)),
    ahead: Array.from({ length: horizon }, (_, h) => isoDay(day0 + h * DAY)),
  };
  const ordersForecast = forecastSeries({ values: series.orders, holiday, horizon });
  const secondary = ordersForecast ? secondaryCandidates(ordersForecast.params) : undefined;
  const run = (values: number[]) => forecastSeries({ values, holiday, horizon }, secondary);
  const dishes = n < MIN_HISTORY_DAYS ? [] : topDishes(series);
  return {
    region,
    timeZone: clock.timeZone,
    currency: orders.at(-1)?.currency ?? 'EUR',
    from: isoDay(day0),
    historyDays: orders.length === 0 ? 0 : n,
    method: methodOf(ordersForecast),
    orders: storedSeries(series.orders, ordersForecast, dates, aheadIds, 2),
    revenue: storedSeries(series.revenue, run(series.revenue), dates, aheadIds, 2),
    dishes: dishes.map((dishId) => {
      const values = series.dishes.get(dishId) as number[];
      return { dishId, ...storedSeries(values, run(values), dates, aheadIds, 2) };
    }),
  };
}
