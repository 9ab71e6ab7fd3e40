import type {
  CatalogItem,
  Diet,
  Locale,
  Reason,
  ReasonCode,
  ReasonParams,
  RecommendationItem,
} from '@matbakh/contract';
import { reasonText, safeUrl } from '@matbakh/contract';
/** Reasons gathered while scoring: code, parameters, weight (the strongest are shown). */
export type Collected = [ReasonCode, ReasonParams, number][];

/**
 * At most three reasons, strongest first; when the visitor follows a diet, the last one always says the item
 * fits it (the hard filter made sure it does). Only the ranked few get reasons: texts are built after the cut.
 */
export function toRecommendation(
  item: CatalogItem,
  score: number,
  reasons: Collected,
  byId: Map<string, CatalogItem>,
  locale: Locale,
  diet: readonly Diet[],
): RecommendationItem {
  reasons.sort((a, b) => b[2] - a[2]);
  const picked: [ReasonCode, ReasonParams][] = reasons.slice(0, diet.length ? 2 : 3).map(([c, p]) => [c, p]);
  if (diet.length) picked.push(['fits_your_diet', { diets: diet.join(',') }]);
  const list: Reason[] = picked.map(([code, params]) => ({ code, params, text: reasonText(code, params, locale) }));
  if (!list.length) list.push({ code: 'popular', params: {}, text: reasonText('popular', {}, locale) });
  const restaurant = item.restaurantId ? byId.get(item.restaurantId) : undefined;
  const out: RecommendationItem = {
    id: item.id,
    kind: item.kind,
    title: item.name,
    tags: item.tags ?? [],
    diet: item.diet ?? [],
    allergens: item.allergens ?? [],
    reasons: list,
    score: Math.round(score * 1000) / 1000,
  };
  if (item.description) out.subtitle = item.description;
  if (item.restaurantId) out.restaurantId = item.restaurantId;
  if (restaurant) out.restaurantName = restaurant.name;
  if (item.price) out.price = item.price;
  // A snapshot is data from elsewhere: only http(s) links reach the page (the contract's one URL rule).
  if (item.image && safeUrl(item.image.url)) out.image = item.image;
  const url = safeUrl(item.url);
  if (url) out.url = url;
  if (item.region) out.region = item.region;
  return out;
}
