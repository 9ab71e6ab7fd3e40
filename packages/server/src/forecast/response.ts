/**
 * A stored forecast (what the worker computed) → the owner's `ForecastResponse` in their locale: the window from
 * today on, holiday names, prepare-for alerts, the trend in words and, for a restaurant without enough history,
 * the outlook from similar ones.
 *
 * - **Alerts**: a day of the next 7 whose expected orders are at least {@link ALERT_UP} above or
 *   {@link ALERT_DOWN} below the usual (the mean of the last 4 same weekdays that were no holiday) and at least
 *   {@link MIN_ALERT_ORDERS} orders apart, the biggest differences first, at most {@link MAX_ALERTS}. A busy day
 *   names the top dish expected that day.
 * - **Trend**: the forecast window's expected orders vs the same number of days just observed; flat within ±5 %.
 */
import type {
  ForecastPoint,
  ForecastResponse,
  ForecastSeries,
  ForecastTrend,
  Locale,
  NewRestaurantOutlook,
  PrepareAlert,
} from '@matbakh/contract';
import { isoDate, zoneClock } from '../local-day.ts';
import { DEFAULT_TIME_ZONE } from '../messaging/local-time.ts';
import { HOLIDAY_RULES, holidayCalendar } from './holidays-de.ts';
import type { OutlookNumbers } from './outlook.ts';
import type { StoredForecast, StoredSeries } from './restaurant.ts';
import { type ForecastTextKey, forecastText } from './texts.ts';

export const ALERT_UP = 0.25;
export const ALERT_DOWN = 0.3;
export const MIN_ALERT_ORDERS = 3;
export const MAX_ALERTS = 3;
const ALERT_DAYS = 7;
const FLAT = 0.05;
const INTL: Record<Locale, string> = { de: 'de-DE', en: 'en-GB', ar: 'ar' };
const HOLIDAY_NAMES = new Map(HOLIDAY_RULES.map((rule) => [rule.id, rule.names]));

function formatters(locale: Locale) {
  const tag = INTL[locale];
  return {
    number: (value: number) => new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }).format(value),
    percent: (value: number) =>
      new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 }).format(value),
    weekday: (date: string) =>
      new Intl.DateTimeFormat(tag, { weekday: 'long', timeZone: 'UTC' }).format(Date.parse(date)),
    day: (date: string) =>
      new Intl.DateTimeFormat(tag, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
        Date.parse(date),
      ),
  };
}
type Formatters = ReturnType<typeof formatters>;

export interface ResponseInput {
  groupId: string;
  locale: Locale;
  horizon: 7 | 28;
  /** The owner's today (`YYYY-MM-DD`): points before it are past and left out. */
  today: string;
  generatedAt: string;
  stored: StoredForecast;
  /** Catalogue names of the dishes, by id. */
  dishNames: ReadonlyMap<string, string>;
  outlook?: OutlookNumbers | undefined;
}

function series(
  stored: StoredSeries,
  metric: ForecastSeries['metric'],
  input: ResponseInput,
  dishName?: string,
): ForecastSeries {
  const points: ForecastPoint[] = stored.points
    .filter((p) => p.date >= input.today)
    .slice(0, input.horizon)
    .map(({ holiday, ...p }) => {
      const name = holiday === undefined ? undefined : HOLIDAY_NAMES.get(holiday)?.[input.locale];
      return name === undefined ? p : { ...p, holiday: name };
    });
  const result: ForecastSeries = { metric, history: stored.history, points };
  if (stored.dishId !== undefined) result.dishId = stored.dishId;
  if (dishName !== undefined) result.dishName = dishName;
  return result;
}

/**
 * Mean of the last 4 same weekdays in the shown history, public holidays left out (a closed Ascension Day is no
 * usual Thursday); undefined without one.
 */
function usualFor(history: StoredSeries['history'], date: string, region: string): number | undefined {
  const weekday = new Date(Date.parse(date)).getUTCDay();
  const year = Number(date.slice(0, 4));
  const holidays = holidayCalendar(region, year - 1, year);
  const same = history
    .filter((h) => new Date(Date.parse(h.date)).getUTCDay() === weekday && !holidays.has(h.date))
    .slice(-4);
  return same.length === 0 ? undefined : same.reduce((sum, h) => sum + h.value, 0) / same.length;
}

function alerts(
  region: string,
  orders: ForecastSeries,
  dishes: readonly ForecastSeries[],
  locale: Locale,
  fmt: Formatters,
): PrepareAlert[] {
  const found: PrepareAlert[] = [];
  for (const point of orders.points.slice(0, ALERT_DAYS)) {
    const usual = usualFor(orders.history, point.date, region);
    if (usual === undefined || usual <= 0) continue;
    const change = point.mean / usual - 1;
    const up = change >= ALERT_UP;
    if ((!up && change > -ALERT_DOWN) || Math.abs(point.mean - usual) < MIN_ALERT_ORDERS) continue;
    const dayLabel = point.holiday === undefined ? fmt.day(point.date) : `${fmt.day(point.date)} (${point.holiday})`;
    const params = {
      day: dayLabel,
      weekday: fmt.weekday(point.date),
      expected: fmt.number(point.mean),
      usual: fmt.number(usual),
      change: fmt.percent(Math.abs(change)),
    };
    const topDish = dishes
      .map((d) => ({ dish: d, point: d.points.find((p) => p.date === point.date) }))
      .filter((d) => d.point !== undefined && d.point.mean >= 1)
      .sort((a, b) => (b.point?.mean ?? 0) - (a.point?.mean ?? 0))[0];
    let bodyKey: ForecastTextKey = up ? 'alert.up.body' : 'alert.down.body';
    const bodyParams: Record<string, string> = { ...params };
    if (up && topDish) {
      bodyKey = 'alert.up.body.dish';
      bodyParams.dish = topDish.dish.dishName ?? topDish.dish.dishId ?? '';
      bodyParams.count = fmt.number(topDish.point?.mean ?? 0);
    }
    found.push({
      id: `prepare:orders:${point.date}`,
      date: point.date,
      metric: 'orders',
      expected: Math.round(point.mean * 10) / 10,
      usual: Math.round(usual * 10) / 10,
      change: Math.round(change * 1000) / 1000,
      title: forecastText(locale, up ? 'alert.up.title' : 'alert.down.title', params),
      body: forecastText(locale, bodyKey, bodyParams),
    });
  }
  return found
    .sort((a, b) => Math.abs(b.expected - b.usual) - Math.abs(a.expected - a.usual))
    .slice(0, MAX_ALERTS)
    .sort((a, b) => a.date.localeCompare(b.date));
}

function trend(orders: ForecastSeries, locale: Locale, fmt: Formatters): ForecastTrend {
  const days = orders.points.length;
  if (days === 0) return { direction: 'flat', change: 0, description: forecastText(locale, 'trend.none') };
  const expected = orders.points.reduce((sum, p) => sum + p.mean, 0);
  const observedDays = orders.history.slice(-days);
  // Scaled to the window's length when the history shown is shorter than the window.
  const observed = (observedDays.reduce((sum, h) => sum + h.value, 0) * days) / Math.max(1, observedDays.length);
  const change = observed > 0 ? expected / observed - 1 : 0;
  const direction = change > FLAT ? 'up' : change < -FLAT ? 'down' : 'flat';
  return {
    direction,
    change: Math.round(change * 1000) / 1000,
    description: forecastText(locale, `trend.${direction}`, {
      days,
      expected: fmt.number(expected),
      observed: fmt.number(observed),
      change: fmt.percent(Math.abs(change)),
    }),
  };
}

function outlook(numbers: OutlookNumbers, locale: Locale, fmt: Formatters): NewRestaurantOutlook {
  const traits =
    numbers.matchedOn.length === 0
      ? forecastText(locale, 'trait.none')
      : numbers.matchedOn.map((t) => forecastText(locale, `trait.${t}`)).join(', ');
  return {
    weeks: numbers.weeks,
    similar: numbers.similar,
    matchedOn: numbers.matchedOn,
    description: forecastText(locale, 'outlook.description', {
      similar: fmt.number(numbers.similar),
      traits,
      first: fmt.number(numbers.weeks[0]?.mean ?? 0),
      last: fmt.number(numbers.weeks.at(-1)?.mean ?? 0),
    }),
  };
}

export function forecastResponse(input: ResponseInput): ForecastResponse {
  const { stored, locale } = input;
  const fmt = formatters(locale);
  const orders = series(stored.orders, 'orders', input);
  const dishes = stored.dishes.map((d) => series(d, 'dish', input, input.dishNames.get(d.dishId ?? '')));
  const response: ForecastResponse = {
    groupId: input.groupId,
    locale,
    generatedAt: input.generatedAt,
    horizon: input.horizon,
    currency: stored.currency,
    region: stored.region,
    method: stored.method,
    orders,
    revenue: series(stored.revenue, 'revenue', input),
    dishes,
    alerts: alerts(stored.region, orders, dishes, locale, fmt),
    trend: trend(orders, locale, fmt),
  };
  if (input.outlook) response.outlook = outlook(input.outlook, locale, fmt);
  return response;
}

/** `today` as the owner's day: the calendar day of `now` in the restaurant's zone (the forecast's days are too). */
export const todayOf = (now: number, timeZone = DEFAULT_TIME_ZONE) => isoDate(zoneClock(timeZone).day(now));
