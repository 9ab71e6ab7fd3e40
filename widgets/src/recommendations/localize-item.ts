import { type Address, REASON_CODES, type RecommendationItem, reasonText } from '@matbakh/contract';
import { tagText } from '../recommendation-card/recommendation-card.tags.ts';
import type { Locale } from '../shared/i18n.ts';

type Reason = RecommendationItem['reasons'][number];

/**
 * A reason in the list's locale and form of address, from its code and params: the server's `text` is in the
 * language of the request, which need not be the page's now. Codes we do not know keep their text.
 */
function localReason(reason: Reason, locale: Locale, address: Address): Reason {
  if (typeof reason?.code !== 'string' || !(REASON_CODES as readonly string[]).includes(reason.code)) return reason;
  const params = reason.params && typeof reason.params === 'object' ? reason.params : {};
  return { ...reason, text: reasonText(reason.code, params, locale, address) };
}

const cache = new WeakMap<RecommendationItem, { key: string; value: RecommendationItem }>();

/**
 * The item as a card shows it: reasons in `locale` and `address`, known tag ids (cuisines, courses, diets)
 * named. Here rather than in the card, so a card stays small; the same object for the same item, locale and
 * address, so a re-render of the list hands its cards nothing new.
 */
export function localizeItem(item: RecommendationItem, locale: Locale, address: Address): RecommendationItem {
  const key = `${locale}|${address}`;
  const cached = cache.get(item);
  if (cached?.key === key) return cached.value;
  const value: RecommendationItem = {
    ...item,
    reasons: Array.isArray(item.reasons) ? item.reasons.map((r) => localReason(r, locale, address)) : item.reasons,
    tags: Array.isArray(item.tags) ? item.tags.map((t) => (typeof t === 'string' ? tagText(t, locale) : t)) : item.tags,
  };
  cache.set(item, { key, value });
  return value;
}
