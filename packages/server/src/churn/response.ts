/**
 * The owner's view of the stored scores (`GET /v1/insights/churn`): pseudonyms instead of guests, rounded numbers,
 * reasons in the owner's language. Nothing here identifies a guest outside the tenant and group.
 */
import { createHmac } from 'node:crypto';
import type { ChurnResponse, ChurnRisk, Locale } from '@matbakh/contract';
import { AT_RISK } from './model.ts';
import type { StoredGroupChurn } from './store.ts';
import { churnText, reasonTexts } from './texts.ts';

/** The owner's list holds at most this many guests. */
export const MAX_AT_RISK = 50;

/**
 * `G-` and 8 hex digits of HMAC-SHA256(tenant pseudonym key, groupId + subject key): stable for the owner across
 * days, different per restaurant (two owners cannot match their lists), and never the id, name or e-mail.
 */
export function guestRef(pseudonymKey: string, groupId: string, guest: string): string {
  const mac = createHmac('sha256', pseudonymKey).update(`churn\u0000${groupId}\u0000${guest}`, 'utf8').digest('hex');
  return `G-${mac.slice(0, 8).toUpperCase()}`;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function churnResponse(
  stored: StoredGroupChurn | undefined,
  groupId: string,
  locale: Locale,
  pseudonymKey: string,
  now: number,
): ChurnResponse {
  const currency = stored?.currency ?? 'EUR';
  const atRisk = (stored?.scores ?? []).filter((s) => s.probability >= AT_RISK);
  const list: ChurnRisk[] = atRisk.slice(0, MAX_AT_RISK).map((score) => ({
    guestRef: guestRef(pseudonymKey, groupId, score.guest),
    probability: round(score.probability, 3),
    orders: score.stats.orders,
    usualIntervalDays: round(score.stats.usualIntervalDays, 1),
    daysSinceLastOrder: Math.floor(score.stats.daysSinceLastOrder),
    averageOrder: round(score.stats.averageOrder, 2),
    reasons: reasonTexts(score.reasons, score.stats, locale, currency),
  }));
  // Cents, then back: a sum of prices must not print as 1234.5600000001.
  const cents = atRisk.reduce((sum, s) => sum + Math.round(s.stats.revenueRecent * 100), 0);
  return {
    groupId,
    locale,
    generatedAt: stored?.computedAt ?? new Date(now).toISOString(),
    currency,
    method: churnText(locale, stored === undefined || stored.modelled ? 'method' : 'method.thin'),
    regulars: stored?.regulars ?? 0,
    atRisk: list,
    revenueAtRisk: cents / 100,
    action: {
      kind: 'campaign',
      label: churnText(locale, 'action.label'),
      description: churnText(locale, 'action.description'),
    },
  };
}
