/**
 * The KPI report (`GET /v1/admin/kpis`, admin key) and the live event debugger (`GET /v1/admin/events/live`):
 * response shapes shared by the server and the partner console. Definitions of every number: docs/admin-api.md.
 */
import type { ConsentCategoryId } from './config.ts';
import type { KpiMessaging } from './messaging.ts';

export type KpiInterval = 'day' | 'week';

/**
 * Events the KPI report counts beyond those the SDK already sends (`Product List Viewed`, `Product Clicked`,
 * `Order Completed`, `Action Shown|Accepted`, `Experiment Viewed`): feature adoption and tours, sent by the widgets
 * or the partner page with `track(name, { dashboard_id | tour_id | … })`.
 */
export const KPI_EVENTS = {
  dashboardViewed: 'Dashboard Viewed',
  widgetsReordered: 'Widgets Reordered',
  preferencesUpdated: 'Preferences Updated',
  tourStarted: 'Tour Started',
  tourCompleted: 'Tour Completed',
} as const;

/** One of the {@link KPI_EVENTS} names. */
export type KpiEventName = (typeof KPI_EVENTS)[keyof typeof KPI_EVENTS];

/** An order counts as recommendation-attributed when an ordered product was clicked in a recommendation this many days before. */
export const ATTRIBUTION_WINDOW_DAYS = 7;
/** A visitor is retained when seen again within this many days after the day it was first seen. */
export const RETENTION_WINDOW_DAYS = 28;

/** A rate: numerator / denominator, `null` when the denominator is 0. */
export type Rate = number | null;

export interface KpiAdoption {
  /** Distinct visitors with any stored event in the period. */
  activeVisitors: number;
  dashboardViews: number;
  dashboardViewers: number;
  widgetReorders: number;
  widgetReorderers: number;
  preferenceUpdates: number;
  preferenceUpdaters: number;
  /** dashboardViewers / activeVisitors. */
  dashboardAdoption: Rate;
}

export interface KpiOptIn {
  granted: number;
  /** granted / decisions. */
  rate: Rate;
}

export interface KpiConsent {
  /** Consent-ledger decisions recorded in the period. */
  decisions: number;
  optIn: Record<ConsentCategoryId, KpiOptIn>;
}

export interface KpiRecommendations {
  /** `Product List Viewed` events (recommendation lists shown). */
  lists: number;
  /** Products shown in those lists. */
  impressions: number;
  /** `Product Clicked` events. */
  clicks: number;
  /** clicks / impressions. */
  clickThroughRate: Rate;
  /** `Order Completed` events, and their revenue (`revenue`, else `total`, else Σ price × quantity). */
  orders: number;
  revenue: number;
  /** Orders with at least one product clicked in a recommendation by the same visitor within the window before. */
  attributedOrders: number;
  /** Σ price × quantity of the attributed products of those orders. */
  attributedRevenue: number;
  /** attributedOrders / clicks. */
  clickToOrderRate: Rate;
}

/**
 * Search (issue 20): `Products Searched` events, the picks of their results (`Product Clicked` with the search's
 * `search_id`), and orders of a picked product by the same visitor within the attribution window.
 */
export interface KpiSearch {
  searches: number;
  /** Searches that found nothing. */
  zeroResults: number;
  /** zeroResults / searches. */
  zeroResultRate: Rate;
  /** Results picked (`Product Clicked` with a `search_id`; not counted as recommendation clicks). */
  clicks: number;
  /** clicks / searches. */
  clickThroughRate: Rate;
  /** Orders with at least one product the same visitor picked from a search within the window before. */
  attributedOrders: number;
  /** Σ price × quantity of those products of those orders. */
  attributedRevenue: number;
  /** attributedOrders / clicks. */
  clickToOrderRate: Rate;
}

/**
 * A search text that found nothing, as guests typed it (trimmed, lower case), with how often: known only from
 * searches whose visitor allowed analytics to carry the text; kept {@link SEARCH_QUERY_RETENTION_DAYS} days.
 */
export interface KpiZeroResultQuery {
  query: string;
  searches: number;
  /** The last day (UTC) it was searched in the range. */
  lastDay: string;
}

/** Zero-result search texts are kept this long, then only their counts remain. */
export const SEARCH_QUERY_RETENTION_DAYS = 90;
/** The most frequent zero-result texts the report lists. */
export const ZERO_RESULT_QUERIES_MAX = 20;

export interface KpiActions {
  shown: number;
  accepted: number;
  /** Acceptances followed by an order of the same visitor within the window (counted on the order's day). */
  converted: number;
  /** accepted / shown. */
  acceptanceRate: Rate;
  /** converted / accepted. */
  conversionRate: Rate;
}

export interface KpiTours {
  started: number;
  completed: number;
  /** completed / started. */
  completionRate: Rate;
}

export interface KpiRetentionGroup {
  /** Visitors first seen in the period. */
  visitors: number;
  /** Of those, seen again within RETENTION_WINDOW_DAYS days after their first day. */
  retained: number;
  /** retained / visitors. */
  rate: Rate;
}

export interface KpiRetention {
  /** Whether the window has ended for every visitor of the period (otherwise `retained` may still grow). */
  windowComplete: boolean;
  personalized: KpiRetentionGroup;
  nonPersonalized: KpiRetentionGroup;
}

export interface KpiVariant {
  variant: string;
  /** Subjects whose first exposure (`Experiment Viewed`) to the experiment falls in the period, in this variant. */
  exposed: number;
  /** Of those, subjects with a recommendation click at or after their first exposure. */
  converted: number;
  rate: Rate;
  isControl: boolean;
  /** Relative lift of the rate against the control (0.1 = +10 %), with its 95 % confidence interval (Katz log method). */
  lift: number | null;
  liftLow: number | null;
  liftHigh: number | null;
  /** Two-sided p-value of the pooled two-proportion z-test against the control. */
  pValue: number | null;
}

export interface KpiExperiment {
  experiment: string;
  control: string;
  variants: KpiVariant[];
}

export interface KpiPeriod {
  /** First and last day of the period (UTC, YYYY-MM-DD); a week runs Monday to Sunday. */
  start: string;
  end: string;
  adoption: KpiAdoption;
  consent: KpiConsent;
  recommendations: KpiRecommendations;
  search: KpiSearch;
  actions: KpiActions;
  tours: KpiTours;
  retention: KpiRetention;
  experiments: KpiExperiment[];
}

export interface KpiReport {
  tenant: { id: string; name: string };
  from: string;
  to: string;
  interval: KpiInterval;
  /** When the worker last brought this tenant's KPI tables up to date (null: not yet). */
  computedAt: string | null;
  attributionWindowDays: number;
  retentionWindowDays: number;
  periods: KpiPeriod[];
  /** The experiments over the whole range (exposures are counted once per subject, so periods add up). */
  experiments: KpiExperiment[];
  /** The range's search texts that found nothing, most searched first (at most ZERO_RESULT_QUERIES_MAX). */
  zeroResultQueries: KpiZeroResultQuery[];
  /** Messages sent in the whole range: funnel and revenue per send per channel, and per campaign with its lift over the holdout (absent from servers before issue 19). */
  messaging?: KpiMessaging;
}

/** Why a message was refused, as the live event debugger shows it. */
export type LiveRefusal =
  | { reason: 'validation'; field: string; message: string }
  | { reason: 'origin'; origin: string }
  | { reason: 'key'; message: string }
  | { reason: 'consent'; category: ConsentCategoryId }
  | { reason: 'rate_limited'; retryAfterSeconds: number };

export interface LiveEvent {
  /** Increasing per database; the SSE `id` and the `after` cursor. */
  id: number;
  receivedAt: string;
  status: 'accepted' | 'refused';
  /** The route it came in on (`/v1/batch`, `/v1/t`, …). */
  path: string;
  type?: string;
  event?: string;
  name?: string;
  messageId?: string;
  anonymousId?: string;
  userId?: string;
  /** The message's JSON size in bytes. */
  bytes?: number;
  /** Property (or trait) names, always; `properties` carries values only for stored (accepted) track/page messages. */
  keys?: string[];
  properties?: Record<string, unknown>;
  refusal?: LiveRefusal;
}

export interface LiveEventsPage {
  events: LiveEvent[];
  /** The cursor to send as `after` next time (the last id seen, or the one sent when nothing new). */
  last: number;
}
