/**
 * The admin export `GET /v1/admin/churn.csv?groupId=` (RFC 4180): every scored regular of the group, most at risk
 * first, by pseudonym — the same guestRef the owner sees, never a subject key. Text cells a spreadsheet would run as
 * a formula are prefixed with `'`.
 */

import { guestRef } from './response.ts';
import type { StoredGroupChurn } from './store.ts';

export const CHURN_CSV_HEADER = [
  'guest_ref',
  'probability',
  'orders',
  'usual_interval_days',
  'days_since_last_order',
  'average_order',
  'revenue_90d',
  'currency',
  'reasons',
  'computed_at',
] as const;

function cell(value: string | number): string {
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function churnCsv(stored: StoredGroupChurn | undefined, groupId: string, pseudonymKey: string): string {
  const lines = [CHURN_CSV_HEADER.join(',')];
  for (const score of stored?.scores ?? []) {
    const s = score.stats;
    lines.push(
      [
        guestRef(pseudonymKey, groupId, score.guest),
        round(score.probability, 4),
        s.orders,
        round(s.usualIntervalDays, 1),
        Math.floor(s.daysSinceLastOrder),
        round(s.averageOrder, 2),
        round(s.revenueRecent, 2),
        stored!.currency,
        score.reasons.join(' '),
        stored!.computedAt,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
