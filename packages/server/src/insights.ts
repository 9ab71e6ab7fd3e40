/**
 * Owner insights computed from stored events (`GET /v1/insights`, route in routes/insights.ts).
 *
 * **Orders**: the restaurant's `Order Completed` events as restaurant-orders.ts counts them, read from the
 * aggregates the worker keeps (never from the events table on a request). Time: the event's corrected `timestamp`,
 * days and weeks in UTC.
 *
 * - **report** (always): the last 7 days (`now − 7 d` … `now`) vs the 7 days before — orders, revenue, trend.
 * - **alert**: the last full day's orders dropped more than 30 % below the average of the same weekday over the
 *   4 weeks before (`warning`; more than 60 %: `critical`). Needs a baseline of at least
 *   {@link MIN_BASELINE_ORDERS} orders on average: small numbers swing too much to alarm anyone.
 * - **seasonal**: calendar windows per region ({@link SEASONS}).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Insight, InsightReport, InsightSeverity, InsightsResponse, Locale } from '@matbakh/contract';
import type { Db } from './db.ts';
import { type InsightTextKey, text } from './insights-texts.ts';
import { aggregatesFor, restaurantKey } from './recommend/aggregates.ts';
import { type Order, ordersIn } from './restaurant-orders.ts';

const DAY = 86_400_000;

/**
 * The proof that a user may act for a group (an owner for a restaurant), computed by the partner's backend, which
 * knows who runs which restaurant: hex HMAC-SHA256(tenant secret, `userId + ':' + groupId`). The browser only
 * passes it on (`?groupHash=`); a `group()` call cannot stand in for it, since anyone may send one through
 * `/v1/batch`. Keyed with the same secret as `userHash`, but over a different message, so neither works as
 * the other.
 */
export function groupHashFor(secret: string, userId: string, groupId: string): string {
  return createHmac('sha256', secret).update(`${userId}:${groupId}`, 'utf8').digest('hex');
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** True when `given` is the groupHash of (userId, groupId); compared in constant time, any hex case. */
export function verifyGroupHash(
  secrets: string | readonly string[],
  userId: string,
  groupId: string,
  given: string | undefined,
): boolean {
  if (given === undefined || !HEX_SHA256.test(given)) return false;
  const presented = Buffer.from(given, 'hex');
  // Every secret of a rotation's overlap is tried, each in constant time (both 32 bytes, as timingSafeEqual needs).
  return (typeof secrets === 'string' ? [secrets] : secrets).some((secret) =>
    timingSafeEqual(presented, createHmac('sha256', secret).update(`${userId}:${groupId}`, 'utf8').digest()),
  );
}
export const ALERT_DROP = 0.3;
export const CRITICAL_DROP = 0.6;
export const MIN_BASELINE_ORDERS = 3;

/** Where the calls to action lead; a partner sets its own owner app. */
export const OWNER_APP_URL = 'https://matbakh.app/owner';

/** Ramadan (first and last day of fasting), from the Umm al-Qura calendar (ummulqura.org.sa; timeanddate.com). */
export const RAMADAN: readonly { year: number; start: string; end: string }[] = [
  { year: 2026, start: '2026-02-18', end: '2026-03-19' },
  { year: 2027, start: '2027-02-08', end: '2027-03-09' },
];
/** Ramadan suggestions start this many days before the first day: menus need time. */
export const RAMADAN_LEAD_DAYS = 14;

export type SeasonId = 'ramadan' | 'christmas' | 'bbq' | 'asparagus';
interface Season {
  id: SeasonId;
  /** ISO 3166 regions; undefined: everywhere. */
  regions?: readonly string[];
  /** Month-day windows [from, to] inclusive ("MM-DD"), every year. */
  window?: readonly [string, string];
}
/**
 * Recurring seasons: Christmas markets (DE/AT/CH; most open the Monday before the 1st Advent, ~20–27 November,
 * and close on 23 December; shown from 15 November to prepare), summer (June–August, northern hemisphere),
 * asparagus (Germany: the harvest runs from about mid-April to St John's Day, 24 June, by tradition).
 */
export const SEASONS: readonly Season[] = [
  { id: 'christmas', regions: ['DE', 'AT', 'CH'], window: ['11-15', '12-23'] },
  { id: 'bbq', window: ['06-01', '08-31'] },
  { id: 'asparagus', regions: ['DE'], window: ['04-10', '06-24'] },
];

const INTL: Record<Locale, string> = { de: 'de-DE', en: 'en-GB', ar: 'ar' };
const dayStart = (ms: number) => Math.floor(ms / DAY) * DAY;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const SEVERITY_ORDER: Record<InsightSeverity, number> = { critical: 0, warning: 1, success: 2, info: 3 };

export interface InsightsInput {
  db: Db;
  tenantId: string;
  groupId: string;
  locale: Locale;
  now: number;
  /** ISO 3166 alpha-2, upper case (default DE). */
  region?: string;
}

export async function computeInsights({
  db,
  tenantId,
  groupId,
  locale,
  now,
  region = 'DE',
}: InsightsInput): Promise<InsightsResponse> {
  const today = dayStart(now);
  const orders = ordersIn(
    (await aggregatesFor(db, tenantId, now, [restaurantKey(groupId)])).restaurantOrders,
    groupId,
    today - 29 * DAY,
    now + 1,
  );
  const fmt = formatters(locale);

  const report = weeklyReport(orders, now);
  const insights: Insight[] = [reportInsight(report, locale, fmt)];
  const alert = healthAlert(orders, today, locale, fmt);
  if (alert) insights.push(alert);
  insights.push(...seasonalInsights(now, region, locale, fmt));
  insights.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return { groupId, locale, generatedAt: new Date(now).toISOString(), report, insights };
}

export function weeklyReport(orders: readonly Order[], now: number): InsightReport {
  const sum = (from: number, to: number) => {
    const inRange = orders.filter((o) => o.at >= from && o.at < to);
    // Cents, then back: 0.1 + 0.2 must not print as 0.30000000000000004.
    const cents = inRange.reduce((total, o) => total + Math.round(o.revenue * 100), 0);
    return {
      orders: inRange.length,
      revenue: cents / 100,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
    };
  };
  const end = now + 1;
  const thisWeek = sum(end - 7 * DAY, end);
  const lastWeek = sum(end - 14 * DAY, end - 7 * DAY);
  const trend = (current: number, previous: number) => (previous === 0 ? null : current / previous - 1);
  return {
    currency: orders.at(-1)?.currency ?? 'EUR',
    thisWeek: { ...thisWeek, to: new Date(now).toISOString() },
    lastWeek,
    revenueTrend: trend(thisWeek.revenue, lastWeek.revenue),
    ordersTrend: trend(thisWeek.orders, lastWeek.orders),
  };
}

type Formatters = ReturnType<typeof formatters>;
function formatters(locale: Locale) {
  const tag = INTL[locale];
  return {
    money: (value: number, currency: string) =>
      new Intl.NumberFormat(tag, { style: 'currency', currency }).format(value),
    percent: (value: number) =>
      new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 }).format(value),
    number: (value: number) => new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }).format(value),
    date: (ms: number) => new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(ms),
    weekdayDate: (ms: number) =>
      new Intl.DateTimeFormat(tag, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(ms),
    weekday: (ms: number) => new Intl.DateTimeFormat(tag, { weekday: 'long', timeZone: 'UTC' }).format(ms),
  };
}

function reportInsight(report: InsightReport, locale: Locale, fmt: Formatters): Insight {
  const trend = report.revenueTrend;
  const severity: InsightSeverity =
    trend === null ? 'info' : trend > 0.05 ? 'success' : trend < -0.15 ? 'warning' : 'info';
  const bodyKey: InsightTextKey =
    trend === null
      ? 'report.body.new'
      : trend > 0.005
        ? 'report.body.up'
        : trend < -0.005
          ? 'report.body.down'
          : 'report.body.flat';
  const say = (key: InsightTextKey, params?: Record<string, string | number>) => text(locale, key, params);
  return {
    id: `report:${report.thisWeek.to.slice(0, 10)}`,
    kind: 'report',
    severity,
    title: say('report.title', {
      revenue: fmt.money(report.thisWeek.revenue, report.currency),
      orders: fmt.number(report.thisWeek.orders),
    }),
    body: say(bodyKey, {
      trend: trend === null ? '' : fmt.percent(Math.abs(trend)),
      lastRevenue: fmt.money(report.lastWeek.revenue, report.currency),
      lastOrders: fmt.number(report.lastWeek.orders),
    }),
    reason: say('report.reason', {
      from: fmt.date(Date.parse(report.thisWeek.from)),
      to: fmt.date(Date.parse(report.thisWeek.to)),
    }),
    cta: { label: say('report.cta'), url: `${OWNER_APP_URL}/orders` },
    metrics: {
      orders: report.thisWeek.orders,
      revenue: report.thisWeek.revenue,
      lastOrders: report.lastWeek.orders,
      lastRevenue: report.lastWeek.revenue,
      currency: report.currency,
      ...(report.revenueTrend === null ? {} : { revenueTrend: report.revenueTrend }),
      ...(report.ordersTrend === null ? {} : { ordersTrend: report.ordersTrend }),
    },
  };
}

/** The last full day (yesterday, UTC) against the same weekday of the 4 weeks before. */
export function healthAlert(
  orders: readonly Order[],
  today: number,
  locale: Locale,
  fmt = formatters(locale),
): Insight | null {
  const day = today - DAY;
  const countOn = (start: number) => orders.filter((o) => o.at >= start && o.at < start + DAY).length;
  const count = countOn(day);
  const baseline = [1, 2, 3, 4].reduce((sum, weeks) => sum + countOn(day - weeks * 7 * DAY), 0) / 4;
  if (baseline < MIN_BASELINE_ORDERS) return null;
  // (b − c) / b, rounded: 1 − 14/20 would be 0.30000000000000004 and cross the threshold it sits on.
  const drop = Math.round(((baseline - count) / baseline) * 1e9) / 1e9;
  if (!(drop > ALERT_DROP)) return null;
  const say = (key: InsightTextKey, params?: Record<string, string | number>) => text(locale, key, params);
  return {
    id: `alert:orders:${isoDay(day)}`,
    kind: 'alert',
    severity: drop > CRITICAL_DROP ? 'critical' : 'warning',
    title: say('alert.title', { day: fmt.weekdayDate(day) }),
    body: say('alert.body', {
      orders: fmt.number(count),
      baseline: fmt.number(baseline),
      weekday: fmt.weekday(day),
      drop: fmt.percent(drop),
    }),
    reason: say('alert.reason'),
    cta: { label: say('alert.cta'), url: `${OWNER_APP_URL}/menu` },
    metrics: { orders: count, baseline, drop, day: isoDay(day) },
  };
}

const monthDay = (ms: number) => new Date(ms).toISOString().slice(5, 10);
const inWindow = (md: string, [from, to]: readonly [string, string]) =>
  from <= to ? md >= from && md <= to : md >= from || md <= to;

/** The recurring seasons ({@link SEASONS}) open on `now` in `region` (search's "in season" looks for these tags). */
export function activeSeasonIds(now: number, region: string): SeasonId[] {
  const md = monthDay(now);
  return SEASONS.filter(
    (season) => (!season.regions || season.regions.includes(region)) && season.window && inWindow(md, season.window),
  ).map((season) => season.id);
}

export function seasonalInsights(now: number, region: string, locale: Locale, fmt = formatters(locale)): Insight[] {
  const say = (key: InsightTextKey, params?: Record<string, string | number>) => text(locale, key, params);
  const out: Insight[] = [];
  const year = new Date(now).getUTCFullYear();
  for (const ramadan of RAMADAN) {
    const start = Date.parse(`${ramadan.start}T00:00:00Z`);
    const end = Date.parse(`${ramadan.end}T00:00:00Z`) + DAY;
    if (now < start - RAMADAN_LEAD_DAYS * DAY || now >= end) continue;
    const params = { year: ramadan.year, from: fmt.date(start), to: fmt.date(end - DAY) };
    out.push({
      id: `seasonal:ramadan:${ramadan.year}`,
      kind: 'seasonal',
      severity: 'info',
      title: say('seasonal.ramadan.title', params),
      body: say('seasonal.ramadan.body', params),
      reason: say('seasonal.ramadan.reason', params),
      cta: { label: say('seasonal.ramadan.cta'), url: `${OWNER_APP_URL}/menu/new?template=iftar` },
      metrics: { startsAt: ramadan.start, endsAt: ramadan.end },
    });
  }
  const md = monthDay(now);
  for (const season of SEASONS) {
    if (season.regions && !season.regions.includes(region)) continue;
    if (!season.window || !inWindow(md, season.window)) continue;
    const id = season.id as Exclude<SeasonId, 'ramadan'>;
    const regionName = new Intl.DisplayNames([INTL[locale]], { type: 'region' }).of(region) ?? region;
    out.push({
      id: `seasonal:${id}:${year}`,
      kind: 'seasonal',
      severity: 'info',
      title: say(`seasonal.${id}.title`),
      body: say(`seasonal.${id}.body`),
      reason: say(`seasonal.${id}.reason`, { region: regionName }),
      cta: { label: say(`seasonal.${id}.cta`), url: `${OWNER_APP_URL}/menu/new?season=${id}` },
    });
  }
  return out;
}
