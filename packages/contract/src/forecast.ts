/**
 * Predictive insights for owners (issue 21): what the coming days will need and which regulars are drifting away.
 *
 * `GET /v1/insights/forecast?groupId=&horizon=7|28&locale=&…` and `GET /v1/insights/churn?groupId=&locale=&…` take
 * the same proofs as `GET /v1/insights` (userId + userHash, groupHash over `userId:groupId`); 403 names the field.
 * The worker computes and stores both once a day; a request reads what is stored (never the events table).
 * Texts come localized; widgets render every string as text.
 */
import type { Locale } from './config.ts';
import type { OwnerProofs } from './insights.ts';

/** Calendar day `YYYY-MM-DD` in the restaurant's time zone (group trait `timezone`; else Europe/Berlin). */
export type IsoDate = string;

/** One forecast day: the expected value and its 80 % and 95 % prediction intervals (lo ≤ mean ≤ hi, lo ≥ 0). */
export interface ForecastPoint {
  date: IsoDate;
  mean: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
  /** The public holiday of the restaurant's region on this day, by name in the requested locale. */
  holiday?: string;
}

export type ForecastMetric = 'orders' | 'revenue' | 'dish';

export interface ForecastSeries {
  metric: ForecastMetric;
  /** For `dish`: the product id and its catalogue name (localized when the catalogue has one). */
  dishId?: string;
  dishName?: string;
  /** Observed daily values before the forecast starts (the last 28 days, oldest first), for the chart. */
  history: { date: IsoDate; value: number }[];
  points: ForecastPoint[];
}

/** "Saturday: about 48 orders expected, 35 % above usual — stock falafel mix." */
export interface PrepareAlert {
  /** Stable per finding, e.g. `prepare:orders:2026-12-12`. */
  id: string;
  date: IsoDate;
  metric: ForecastMetric;
  dishId?: string;
  expected: number;
  /** The usual value for that weekday (mean of the last 4 same weekdays). */
  usual: number;
  /** expected / usual − 1 (0.35 = 35 % above usual). */
  change: number;
  title: string;
  body: string;
}

/** The trend of the forecast window vs the same number of days just observed, described in words. */
export interface ForecastTrend {
  direction: 'up' | 'down' | 'flat';
  /** Fraction (0.12 = +12 %). */
  change: number;
  description: string;
}

/** Expected orders of a restaurant with too little history of its own, from similar restaurants. */
export interface NewRestaurantOutlook {
  /** Week 1…8 after the first order: expected orders with an 80 % interval. */
  weeks: { week: number; mean: number; lo80: number; hi80: number }[];
  /** How many restaurants it was compared with, and on which traits (`type`, `size`, `region`, `cuisine`). */
  similar: number;
  matchedOn: string[];
  description: string;
}

export interface ForecastResponse {
  groupId: string;
  locale: Locale;
  /** When the worker computed the stored forecast (ISO 8601). */
  generatedAt: string;
  horizon: 7 | 28;
  currency: string;
  /** ISO 3166-2 region whose holidays count, e.g. `DE-BE`; `DE` when only the country is known. */
  region: string;
  /** The method, for the owner who asks (e.g. "Holt-Winters, multiplicative weekly seasonality"). */
  method: string;
  orders: ForecastSeries;
  revenue: ForecastSeries;
  /** Per-dish demand for the top dishes (at most 5), most ordered first. */
  dishes: ForecastSeries[];
  alerts: PrepareAlert[];
  trend: ForecastTrend;
  /** Present while the restaurant has less history than a forecast needs (then `points` may be empty). */
  outlook?: NewRestaurantOutlook;
}

export type ChurnReasonCode = 'overdue' | 'slowing_down' | 'fewer_orders' | 'lower_spend' | 'short_history';

export interface ChurnReason {
  code: ChurnReasonCode;
  /** Localized sentence, e.g. "Usually orders every 9 days; last order 23 days ago". */
  text: string;
}

/**
 * A regular at risk, as the owner may see one: a pseudonym scoped to this tenant and group (never the user id,
 * e-mail or name), the numbers behind the score, and why.
 */
export interface ChurnRisk {
  /** Opaque, stable per guest and group (HMAC of the subject key), e.g. `G-7F3A`. */
  guestRef: string;
  /** Probability (0…1) that the guest does not order again within their usual interval. */
  probability: number;
  orders: number;
  usualIntervalDays: number;
  daysSinceLastOrder: number;
  /** Average order value in `currency`. */
  averageOrder: number;
  reasons: ChurnReason[];
}

export interface WinBackAction {
  /** `campaign`: `POST /v1/insights/win-back` starts a win-back campaign for the at-risk regulars. */
  kind: 'campaign';
  label: string;
  description: string;
}

export interface ChurnResponse {
  groupId: string;
  locale: Locale;
  generatedAt: string;
  currency: string;
  method: string;
  /** Guests with at least two orders whose consent allows profiling and who did not object. */
  regulars: number;
  /** At-risk regulars (probability ≥ 0.5), most at risk first, at most 50. */
  atRisk: ChurnRisk[];
  /** Revenue the at-risk regulars brought in the last 90 days. */
  revenueAtRisk: number;
  action: WinBackAction;
}

/** `POST /v1/insights/win-back` body: the same proofs as the query of the GET routes, plus the group. */
export type WinBackRequest = OwnerProofs;

export interface WinBackResponse {
  campaignId: string;
  /** Recipients queued now; every send still passes consent, preferences, quiet hours and caps. */
  queued: number;
  /** True when this week's win-back for the group already ran (the call is idempotent per group and ISO week). */
  alreadyRunning: boolean;
}
