/**
 * What search indexes: one document per dish, restaurant and cuisine of a tenant's catalogue, built the same way
 * on the server (from the stored catalogue) and on the device (from the compact index), so both rank alike.
 */
import { ALLERGENS, type Allergen, DIETS, type Diet } from './preferences.ts';
import type { CatalogItem, Money } from './recommendations.ts';
import { fromMask, type SearchIndexResponse, type SearchType, toMask } from './search.ts';

export interface SearchDoc {
  id: string;
  type: SearchType;
  name: string;
  /** Searchable words that are not the name: tags, cuisine and diet in the three locales. */
  tags: string;
  description: string;
  restaurantId?: string;
  restaurantName?: string;
  cuisine?: string;
  diet: Diet[];
  allergens: Allergen[];
  price?: Money;
  url?: string;
}

/** Names of the common cuisines in de / en / ar; a tenant's other cuisines are searched by their own value. */
export const CUISINE_LABELS: Record<string, [string, string, string]> = {
  lebanese: ['Libanesisch', 'Lebanese', 'لبناني'],
  syrian: ['Syrisch', 'Syrian', 'سوري'],
  turkish: ['Türkisch', 'Turkish', 'تركي'],
  italian: ['Italienisch', 'Italian', 'إيطالي'],
  german: ['Deutsch', 'German', 'ألماني'],
  indian: ['Indisch', 'Indian', 'هندي'],
  japanese: ['Japanisch', 'Japanese', 'ياباني'],
  vietnamese: ['Vietnamesisch', 'Vietnamese', 'فيتنامي'],
  mexican: ['Mexikanisch', 'Mexican', 'مكسيكي'],
  greek: ['Griechisch', 'Greek', 'يوناني'],
  chinese: ['Chinesisch', 'Chinese', 'صيني'],
  thai: ['Thailändisch', 'Thai', 'تايلندي'],
  arabic: ['Arabisch', 'Arabic', 'عربي'],
};

/**
 * The diet words guests type ("vegan", "glutenfrei", "حلال"). Not "gluten-free": its tail "free" would be a word of
 * every such dish, one typo away from any 4-letter prefix ("Frü" matched 7,000 of 11,000 documents); the query
 * parser takes "gluten-free" as the filter anyway (search-filters.ts).
 */
const DIET_WORDS: Record<Diet, string> = {
  vegetarian: 'vegetarisch vegetarian نباتي',
  vegan: 'vegan نباتي',
  pescatarian: 'pescetarisch pescatarian',
  halal: 'halal حلال',
  kosher: 'koscher kosher',
  gluten_free: 'glutenfrei',
  lactose_free: 'laktosefrei',
};

/** Course tags in German and Arabic beside the catalogue's English value. */
const TAG_WORDS: Record<string, string> = {
  main: 'Hauptgericht طبق رئيسي',
  side: 'Beilage مقبلات',
  dessert: 'Nachtisch حلويات',
  drink: 'Getränk مشروب',
};

export const cuisineLabel = (cuisine: string): string => CUISINE_LABELS[cuisine]?.[0] ?? cuisine;

function tagText(tags: readonly string[], cuisine: string | undefined, diet: readonly Diet[]): string {
  const words: string[] = [];
  for (const tag of tags) words.push(tag, TAG_WORDS[tag] ?? '', ...(CUISINE_LABELS[tag] ?? []));
  if (cuisine !== undefined && !tags.includes(cuisine)) words.push(cuisine, ...(CUISINE_LABELS[cuisine] ?? []));
  for (const d of diet) words.push(DIET_WORDS[d]);
  return words.filter((w) => w !== '').join(' ');
}

const list = <T extends string>(value: unknown, allowed: readonly T[]): T[] =>
  Array.isArray(value) ? value.filter((v): v is T => (allowed as readonly unknown[]).includes(v)) : [];

/** Dishes, restaurants and the cuisines they name (features are not searched). */
export function searchDocs(items: readonly CatalogItem[]): SearchDoc[] {
  const restaurants = new Map(items.filter((i) => i.kind === 'restaurant').map((r) => [r.id, r]));
  const cuisines = new Set<string>();
  const docs: SearchDoc[] = [];
  for (const item of items) {
    if (item.kind === 'feature') continue;
    const restaurant = item.restaurantId === undefined ? undefined : restaurants.get(item.restaurantId);
    const cuisine = item.cuisine ?? restaurant?.cuisine;
    if (cuisine !== undefined) cuisines.add(cuisine);
    const diet = list(item.diet, DIETS);
    const doc: SearchDoc = {
      id: item.id,
      type: item.kind === 'restaurant' ? 'restaurant' : 'dish',
      name: item.name,
      tags: tagText(Array.isArray(item.tags) ? item.tags : [], cuisine, diet),
      description: item.description ?? '',
      diet,
      allergens: list(item.allergens, ALLERGENS),
    };
    if (cuisine !== undefined) doc.cuisine = cuisine;
    if (restaurant) {
      doc.restaurantId = restaurant.id;
      doc.restaurantName = restaurant.name;
    }
    if (item.price) doc.price = item.price;
    if (item.url) doc.url = item.url;
    docs.push(doc);
  }
  for (const cuisine of cuisines) {
    const labels = CUISINE_LABELS[cuisine];
    docs.push({
      id: `cuisine:${cuisine}`,
      type: 'cuisine',
      name: labels?.[0] ?? cuisine,
      tags: [cuisine, ...(labels?.slice(1) ?? [])].join(' '),
      description: '',
      cuisine,
      diet: [],
      allergens: [],
    });
  }
  return docs;
}

/** The compact form of a catalogue for the device (`GET /v1/search/index`). */
export function encodeSearchIndex(items: readonly CatalogItem[], generatedAt: string): SearchIndexResponse {
  const strings: string[] = [];
  const positions = new Map<string, number>();
  const at = (text: string | undefined): number => {
    if (text === undefined) return -1;
    let position = positions.get(text);
    if (position === undefined) {
      position = strings.push(text) - 1;
      positions.set(text, position);
    }
    return position;
  };
  const restaurantRows = items.filter((i) => i.kind === 'restaurant');
  const restaurantIndex = new Map(restaurantRows.map((r, index) => [r.id, index]));
  const restaurants = restaurantRows.map((r): [string, number, number] => [r.id, at(r.name), at(r.cuisine)]);
  const dishes = items
    .filter((i) => i.kind === 'dish')
    .map((d): SearchIndexResponse['dishes'][number] => [
      d.id,
      at(d.name),
      d.restaurantId === undefined ? -1 : (restaurantIndex.get(d.restaurantId) ?? -1),
      toMask(list(d.diet, DIETS), DIETS),
      toMask(list(d.allergens, ALLERGENS), ALLERGENS),
      (Array.isArray(d.tags) ? d.tags : []).map((tag) => at(tag)),
      at(d.cuisine),
    ]);
  return { version: 1, generatedAt, strings, restaurants, dishes };
}

/** The catalogue rows the compact index stands for (without descriptions, prices and links). */
export function decodeSearchIndex(index: SearchIndexResponse): CatalogItem[] {
  const text = (position: number) => (position >= 0 ? index.strings[position] : undefined);
  const restaurants = index.restaurants.map(([id, name, cuisine]): CatalogItem => {
    const row: CatalogItem = { id, kind: 'restaurant', name: text(name) ?? id, diet: [], allergens: [], tags: [] };
    const c = text(cuisine);
    if (c !== undefined) row.cuisine = c;
    return row;
  });
  const dishes = index.dishes.map(([id, name, restaurant, diet, allergens, tags, cuisine]): CatalogItem => {
    const row: CatalogItem = {
      id,
      kind: 'dish',
      name: text(name) ?? id,
      diet: fromMask(diet, DIETS),
      allergens: fromMask(allergens, ALLERGENS),
      tags: tags.map(text).filter((t): t is string => t !== undefined),
    };
    const c = text(cuisine);
    if (c !== undefined) row.cuisine = c;
    const r = restaurants[restaurant];
    if (r) row.restaurantId = r.id;
    return row;
  });
  return [...restaurants, ...dishes];
}
