/**
 * `GET /v1/insights?groupId=&anonymousId=&userId=&userHash=&groupHash=&locale=`: what an owner (a restaurant,
 * Segment's `group`) should know now, computed by the server from stored events — a recurring report, health
 * alerts and seasonal suggestions. Texts come localized in the requested locale; widgets render them as text only.
 *
 * Access needs two proofs from the partner's backend (which knows who runs which restaurant), both hex
 * HMAC-SHA256 keyed with the tenant secret: `userHash` over `userId`, and `groupHash` over `userId + ':' + groupId`.
 * A `group()` call is no proof (anyone may send one). 403 names the missing or wrong field: `userId`, `userHash`
 * or `groupHash`.
 */
import type { Locale } from './config.ts';

export type InsightKind = 'report' | 'alert' | 'seasonal';
export const INSIGHT_KINDS: readonly InsightKind[] = ['report', 'alert', 'seasonal'];
export type InsightSeverity = 'info' | 'success' | 'warning' | 'critical';
export const INSIGHT_SEVERITIES: readonly InsightSeverity[] = ['info', 'success', 'warning', 'critical'];

/** Numbers behind an insight, for formatting by the client (`Intl`) and for machines. */
export type InsightMetrics = Record<string, number | string>;

export interface Insight {
  /** Stable for the same finding in the same period, e.g. `report:2026-W09`, `alert:orders:2026-03-02`. */
  id: string;
  kind: InsightKind;
  severity: InsightSeverity;
  title: string;
  body: string;
  /** Why this insight appears (which data or calendar rule). */
  reason: string;
  /** Call to action; `url` is http(s) when present. */
  cta?: { label: string; url?: string };
  metrics?: InsightMetrics;
}

/** The report summary's numbers: ISO weeks (Monday 00:00 UTC) of the server's clock. */
export interface InsightReport {
  currency: string;
  thisWeek: { orders: number; revenue: number; from: string; to: string };
  lastWeek: { orders: number; revenue: number; from: string; to: string };
  /** Change of revenue vs last week as a fraction (0.25 = +25 %); null when last week had none. */
  revenueTrend: number | null;
  /** Change of the order count vs last week as a fraction; null when last week had none. */
  ordersTrend: number | null;
}

/**
 * What every owner route (`/v1/insights*`, the win-back) takes: the group, the owner's proofs and the texts' locale
 * — in the query of the GET routes (plus the write key), in the body of the POST.
 */
export interface OwnerProofs {
  groupId: string;
  anonymousId: string;
  userId: string;
  /** hex HMAC-SHA256(tenant secret, userId), from the partner's backend. */
  userHash: string;
  /** hex HMAC-SHA256(tenant secret, `${userId}:${groupId}`), from the partner's backend: this user runs this group. */
  groupHash: string;
  locale?: Locale;
}

/** The query of `GET /v1/insights` (plus the write key); every value is a string in the URL. */
export interface InsightsQuery extends OwnerProofs {
  /** ISO 3166 alpha-2 for the seasonal suggestions (default: the country of the owner's `group` traits, else DE). */
  region?: string;
}

export interface InsightsResponse {
  groupId: string;
  locale: Locale;
  generatedAt: string;
  report: InsightReport;
  /** Most urgent first: critical, warning, success, info. */
  insights: Insight[];
}
