/**
 * `GET /v1/insights?groupId=&anonymousId=&userId=&userHash=&locale=`: what an owner (a restaurant, Segment's
 * `group`) should know now, computed by the server from stored events — a recurring report, health alerts
 * and seasonal suggestions. Texts come localized in the requested locale; widgets render them as text only.
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

export interface InsightsResponse {
  groupId: string;
  locale: Locale;
  generatedAt: string;
  report: InsightReport;
  /** Most urgent first: critical, warning, success, info. */
  insights: Insight[];
}
