import type { CatalogItem } from '@matbakh/contract';

/** Another dish of a cuisine already listed (from another restaurant) costs this share of the strength. */
const SAME_CUISINE_SHARE = 0.25;

export interface Candidate {
  item: CatalogItem;
  score: number;
}

const restaurantOf = (item: CatalogItem) => (item.kind === 'restaurant' ? item.id : item.restaurantId);

/**
 * MMR-style re-ranking: picks greedily the candidate with the best score minus `strength` × how many listed items
 * share its restaurant (¼ for its cuisine). A strong habit (three dishes of one restaurant, each far ahead) keeps
 * its places; near-ties are broken toward variety. `maxPerRestaurant` is a partner's hard cap, if any.
 * `sorted` must be ordered by score, best first.
 */
export function diversify<T extends Candidate>(
  sorted: readonly T[],
  limit: number,
  strength: number,
  maxPerRestaurant?: number,
): T[] {
  const picked: T[] = [];
  const taken = new Uint8Array(sorted.length);
  const perRestaurant = new Map<string, number>();
  const perCuisine = new Map<string, number>();
  const penalty = (item: CatalogItem) => {
    const restaurant = restaurantOf(item);
    const same = restaurant === undefined ? 0 : (perRestaurant.get(restaurant) ?? 0);
    const cuisine = item.cuisine === undefined ? 0 : (perCuisine.get(item.cuisine) ?? 0);
    return strength * (same + SAME_CUISINE_SHARE * (cuisine - same));
  };
  while (picked.length < limit) {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < sorted.length; i++) {
      const candidate = sorted[i]!;
      // Penalties only lower a score: nothing further down can beat the best adjusted value any more.
      if (candidate.score <= bestValue) break;
      if (taken[i]) continue;
      const restaurant = restaurantOf(candidate.item);
      if (
        maxPerRestaurant !== undefined &&
        restaurant !== undefined &&
        (perRestaurant.get(restaurant) ?? 0) >= maxPerRestaurant
      ) {
        continue;
      }
      const value = candidate.score - penalty(candidate.item);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    if (best < 0) break;
    taken[best] = 1;
    const chosen = sorted[best]!;
    picked.push(chosen);
    const restaurant = restaurantOf(chosen.item);
    if (restaurant !== undefined) perRestaurant.set(restaurant, (perRestaurant.get(restaurant) ?? 0) + 1);
    if (chosen.item.cuisine !== undefined)
      perCuisine.set(chosen.item.cuisine, (perCuisine.get(chosen.item.cuisine) ?? 0) + 1);
  }
  return picked;
}
