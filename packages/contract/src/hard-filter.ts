import type { Allergen, Diet } from './preferences.ts';

/**
 * The one diet/allergen rule, used by the server's ranker, the SDK's on-device ranker and the mocks: an item
 * carrying any allergen the visitor avoids, or lacking any diet tag the visitor follows, is never shown. Items
 * without tag lists (an old or foreign catalogue row) count as carrying none: they fit no diet.
 */
export function passesHardFilters(
  item: { diet?: readonly string[] | undefined; allergens?: readonly string[] | undefined },
  diet: readonly Diet[],
  allergens: readonly Allergen[],
): boolean {
  const itemAllergens = Array.isArray(item.allergens) ? item.allergens : [];
  const itemDiet = Array.isArray(item.diet) ? item.diet : [];
  for (const allergen of allergens) if (itemAllergens.includes(allergen)) return false;
  for (const wanted of diet) if (!itemDiet.includes(wanted)) return false;
  return true;
}

/** The union of two constraint lists, each value once: a request can add constraints, never remove stored ones. */
export function joinConstraints<T extends string>(stored: readonly T[], requested: readonly T[]): T[] {
  return [...new Set([...stored, ...requested])];
}
