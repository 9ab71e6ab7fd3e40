/**
 * The search quality set (issue 20): a 1,000-dish catalogue (the demo generator, 100 restaurants) plus two held-out
 * menus the engine was not developed on (a restaurant writing its menu in Arabic, a German snack bar with compound
 * names), and ≥ 200 queries with graded relevance: generated ones (exact, prefix, one and two typos, seeded) over
 * the demo names, and hand-written held-out ones (umlaut spellings, compounds, Arabic spelling variants, cuisine and
 * diet words). Relevance is judged by dish name (grade 2: what was meant, 1: also fine), or by restaurant/cuisine id.
 */
import type { CatalogItem, SearchType } from '@matbakh/contract';
import { syntheticCatalog } from '../../../packages/server/src/demo/synthetic.ts';
import { prng } from '../../../packages/server/src/recommend/prng.ts';

export interface QualityQuery {
  q: string;
  kind: string;
  type: SearchType;
  /** Dish names (type dish) or ids (restaurant, cuisine) → grade. */
  relevant: Record<string, number>;
}

const dish = (
  id: string,
  restaurantId: string,
  name: string,
  diet: CatalogItem['diet'],
  allergens: CatalogItem['allergens'],
  cuisine: string,
): CatalogItem => ({
  id,
  kind: 'dish',
  name,
  restaurantId,
  cuisine,
  diet,
  allergens,
  tags: [cuisine, 'main'],
});

/** A restaurant that writes its menu in Arabic (spelled as such menus are: with hamza, taa marbuta, no vowels). */
const ARABIC: [string, CatalogItem['diet'], CatalogItem['allergens']][] = [
  ['فلافل', ['vegan', 'vegetarian', 'halal'], ['sesame']],
  ['شاورما دجاج', ['halal'], ['sesame', 'gluten']],
  ['حمص بطحينة', ['vegan', 'vegetarian', 'halal'], ['sesame']],
  ['تبولة', ['vegan', 'vegetarian', 'halal'], ['gluten']],
  ['فتوش', ['vegan', 'vegetarian', 'halal'], ['gluten']],
  ['كبة مقلية', ['halal'], ['gluten', 'nuts']],
  ['شوربة عدس', ['vegan', 'vegetarian', 'halal'], ['celery']],
  ['مناقيش زعتر', ['vegan', 'vegetarian', 'halal'], ['gluten', 'sesame']],
  ['كنافة نابلسية', ['vegetarian', 'halal'], ['gluten', 'milk', 'nuts']],
  ['قهوة عربية', ['vegan', 'vegetarian', 'halal'], []],
  ['مقلوبة', ['halal'], []],
  ['أرز بالشعيرية', ['vegan', 'vegetarian', 'halal'], ['gluten']],
  ['إيدام بامية', ['halal'], []],
  ['بابا غنوج', ['vegan', 'vegetarian', 'halal'], ['sesame']],
  ['مُحَمَّرة', ['vegan', 'vegetarian', 'halal'], ['nuts', 'gluten']],
  ['شاي بالنعناع', ['vegan', 'vegetarian', 'halal'], []],
];

/** A German snack bar: compounds whose parts guests type on their own. */
const COMPOUNDS: [string, CatalogItem['diet'], CatalogItem['allergens']][] = [
  ['Hähnchenschawarma', ['halal'], ['sesame']],
  ['Lammkebab', ['halal'], []],
  ['Gemüsecurry', ['vegan', 'vegetarian'], []],
  ['Käsekuchen', ['vegetarian'], ['milk', 'eggs', 'gluten']],
  ['Schokoladenkuchen', ['vegetarian'], ['milk', 'eggs', 'gluten']],
  ['Erdbeereis', ['vegetarian'], ['milk']],
  ['Rindfleischsuppe', [], ['celery']],
  ['Spinattasche', ['vegetarian'], ['gluten', 'milk']],
  ['Grillgemüseteller', ['vegan', 'vegetarian'], []],
  ['Frikadellenbrötchen', [], ['gluten', 'eggs']],
];

export function qualityCatalog(now = Date.parse('2026-12-01T12:00:00Z')): CatalogItem[] {
  const base = syntheticCatalog(now, 10).items.filter((item) => item.kind !== 'feature');
  const extra: CatalogItem[] = [
    { id: 'r-ar', kind: 'restaurant', name: 'باب شرقي', cuisine: 'syrian', diet: [], allergens: [], tags: ['syrian'] },
    {
      id: 'r-de',
      kind: 'restaurant',
      name: 'Imbiss Nord',
      cuisine: 'german',
      diet: [],
      allergens: [],
      tags: ['german'],
    },
    ...ARABIC.map(([name, diet, allergens], i) => dish(`d-ar-${i}`, 'r-ar', name, diet, allergens, 'syrian')),
    ...COMPOUNDS.map(([name, diet, allergens], i) => dish(`d-de-${i}`, 'r-de', name, diet, allergens, 'german')),
  ];
  return [...base, ...extra];
}

/** Hand-written, held out: the cases the issue names. */
const HELD_OUT: [string, string, SearchType, Record<string, number>][] = [
  // German umlauts and ß, written three ways
  ['Hähnchen', 'umlaut', 'dish', { 'Shawarma Hähnchen': 2, Hähnchenschawarma: 2 }],
  ['haehnchen', 'umlaut', 'dish', { 'Shawarma Hähnchen': 2, Hähnchenschawarma: 2 }],
  ['hahnchen', 'umlaut', 'dish', { 'Shawarma Hähnchen': 2, Hähnchenschawarma: 2 }],
  ['kaesespaetzle', 'umlaut', 'dish', { Käsespätzle: 2 }],
  ['kasespatzle', 'umlaut', 'dish', { Käsespätzle: 2 }],
  ['gruener tee', 'umlaut', 'dish', { 'Grüner Tee': 2 }],
  ['rote gruetze', 'umlaut', 'dish', { 'Rote Grütze': 2 }],
  ['fruehlingsrollen', 'umlaut', 'dish', { Frühlingsrollen: 2 }],
  ['gemuesecurry', 'umlaut', 'dish', { Gemüsecurry: 2 }],
  ['kunefe', 'umlaut', 'dish', { Künefe: 2 }],
  ['sutlac', 'umlaut', 'dish', { Sütlaç: 2 }],
  ['corbasi', 'accent', 'dish', { 'Mercimek Çorbası': 2 }],
  ['imam bayildi', 'accent', 'dish', { 'Imam Bayıldı': 2 }],
  ['frappe', 'accent', 'dish', { Frappé: 2 }],
  ['getraenk', 'umlaut', 'dish', {}],
  // compounds: the part a guest types
  ['schawarma', 'compound', 'dish', { Hähnchenschawarma: 2, 'Shawarma Hähnchen': 2 }],
  ['kebab', 'compound', 'dish', { Lammkebab: 2, 'Kebab Halabi': 2 }],
  ['curry', 'compound', 'dish', { Gemüsecurry: 2, 'Curry mit Tofu': 2, Currywurst: 1 }],
  ['kuchen', 'compound', 'dish', { Käsekuchen: 2, Schokoladenkuchen: 2, Flammkuchen: 2 }],
  ['suppe', 'compound', 'dish', { Linsensuppe: 2, Misosuppe: 2, Rindfleischsuppe: 2 }],
  ['salat', 'compound', 'dish', { Kartoffelsalat: 2, Bauernsalat: 2, Glasnudelsalat: 2, 'Çoban Salatası': 1 }],
  ['eis', 'compound', 'dish', { Erdbeereis: 2, 'Matcha-Eis': 2, 'Vietnamesischer Eiskaffee': 1 }],
  ['tasche', 'compound', 'dish', { Spinattasche: 2 }],
  ['brötchen', 'compound', 'dish', { Frikadellenbrötchen: 2 }],
  ['rollen', 'compound', 'dish', { Frühlingsrollen: 2, Sommerrollen: 2 }],
  ['schorle', 'compound', 'dish', { Apfelschorle: 2 }],
  ['strudel', 'compound', 'dish', { Apfelstrudel: 2 }],
  ['nudelsalat', 'compound', 'dish', { Glasnudelsalat: 2 }],
  ['grillgemuese', 'compound', 'dish', { Grillgemüseteller: 2 }],
  ['schokokuchen', 'compound', 'dish', { Schokoladenkuchen: 2 }],
  // Arabic spelling variants: hamza, taa marbuta, alef maksura, diacritics, the article
  ['فلافل', 'arabic', 'dish', { فلافل: 2 }],
  ['الفلافل', 'arabic', 'dish', { فلافل: 2 }],
  ['فَلافِل', 'arabic', 'dish', { فلافل: 2 }],
  ['شاورمة', 'arabic', 'dish', { 'شاورما دجاج': 2 }],
  ['تبوله', 'arabic', 'dish', { تبولة: 2 }],
  ['ارز', 'arabic', 'dish', { 'أرز بالشعيرية': 2 }],
  ['ادام', 'arabic', 'dish', { 'إيدام بامية': 2 }],
  ['كنافه', 'arabic', 'dish', { 'كنافة نابلسية': 2 }],
  ['كُنافة', 'arabic', 'dish', { 'كنافة نابلسية': 2 }],
  ['قهوه', 'arabic', 'dish', { 'قهوة عربية': 2 }],
  ['محمرة', 'arabic', 'dish', { مُحَمَّرة: 2 }],
  ['شوربه', 'arabic', 'dish', { 'شوربة عدس': 2 }],
  ['حمّص', 'arabic', 'dish', { 'حمص بطحينة': 2 }],
  ['نعناع', 'arabic', 'dish', { 'شاي بالنعناع': 2 }],
  ['مقلوبه', 'arabic', 'dish', { مقلوبة: 2 }],
  ['زعتر', 'arabic', 'dish', { 'مناقيش زعتر': 2 }],
  ['منقيش', 'arabic', 'dish', { 'مناقيش زعتر': 2 }],
  // cuisine and diet words
  ['italienisch', 'cuisine', 'cuisine', { 'cuisine:italian': 2 }],
  ['türkisch', 'cuisine', 'cuisine', { 'cuisine:turkish': 2 }],
  ['indian', 'cuisine', 'cuisine', { 'cuisine:indian': 2 }],
  ['mexikan', 'cuisine', 'cuisine', { 'cuisine:mexican': 2 }],
  ['japansich', 'cuisine', 'cuisine', { 'cuisine:japanese': 2 }],
  ['لبناني', 'cuisine', 'cuisine', { 'cuisine:lebanese': 2 }],
  ['vegan', 'diet', 'dish', {}],
  ['glutenfrei', 'diet', 'dish', {}],
  ['halal', 'diet', 'dish', {}],
  ['ohne Nüsse', 'diet', 'dish', {}],
  ['without nuts', 'diet', 'dish', {}],
  ['بدون مكسرات', 'diet', 'dish', {}],
  ['nussfrei', 'diet', 'dish', {}],
  ['vegane Suppe', 'diet', 'dish', {}],
  // restaurants
  ['byblos', 'restaurant', 'restaurant', { 'r-001': 2 }],
  ['pizzeria', 'restaurant', 'restaurant', {}],
  ['wirtshaus', 'restaurant', 'restaurant', {}],
];

/** Typos a guest makes: a letter dropped, two swapped, one doubled, one replaced by its keyboard neighbour. */
function typo(word: string, random: () => number, kind: number): string {
  const at = 1 + Math.floor(random() * (word.length - 2));
  switch (kind % 4) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
    case 2:
      return word.slice(0, at) + word[at] + word.slice(at);
    default: {
      const near: Record<string, string> = {
        a: 's',
        e: 'r',
        i: 'o',
        o: 'p',
        u: 'z',
        n: 'm',
        r: 't',
        s: 'd',
        l: 'k',
        t: 'r',
      };
      return word.slice(0, at) + (near[word[at]!] ?? 'e') + word.slice(at + 1);
    }
  }
}

const longestWord = (name: string) =>
  name
    .split(/[^\p{L}]+/u)
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)[0]!;

export function qualityQueries(catalog: readonly CatalogItem[], seed = 20): QualityQuery[] {
  const random = prng(seed);
  const names = [
    ...new Set(
      catalog.filter((i) => i.kind === 'dish' && /^[\p{Script=Latin}\s\W\d]+$/u.test(i.name)).map((i) => i.name),
    ),
  ].sort();
  const queries: QualityQuery[] = [];
  const byName = (name: string) => ({ [name]: 2 });
  names.forEach((name, i) => {
    const word = longestWord(name);
    if (i % 3 === 0) queries.push({ q: name, kind: 'exact', type: 'dish', relevant: byName(name) });
    if (i % 3 === 1) {
      const prefix = name.slice(0, 2 + (i % 3));
      const relevant: Record<string, number> = {};
      for (const other of names) if (other.toLowerCase().startsWith(prefix.toLowerCase())) relevant[other] = 1;
      relevant[name] = 2;
      queries.push({ q: prefix, kind: 'prefix', type: 'dish', relevant });
    }
    if (word.length >= 5)
      queries.push({ q: typo(word, random, i), kind: 'typo1', type: 'dish', relevant: byName(name) });
    if (word.length >= 8 && i % 2 === 0) {
      queries.push({
        q: typo(typo(word, random, i), random, i + 1),
        kind: 'typo2',
        type: 'dish',
        relevant: byName(name),
      });
    }
  });
  for (const [q, kind, type, relevant] of HELD_OUT) {
    queries.push({ q, kind, type, relevant: Object.keys(relevant).length > 0 ? relevant : derived(catalog, q, type) });
  }
  return queries;
}

/** Relevance of diet words and generic restaurant words follows from the catalogue's own tags and names. */
function derived(catalog: readonly CatalogItem[], q: string, type: SearchType): Record<string, number> {
  const out: Record<string, number> = {};
  const diet = { vegan: 'vegan', glutenfrei: 'gluten_free', halal: 'halal' }[q];
  const noNuts = ['ohne Nüsse', 'without nuts', 'بدون مكسرات', 'nussfrei'].includes(q);
  for (const item of catalog) {
    // "Without nuts" means any dish that declares no nuts (it is a filter: every such dish is a right answer).
    if (type === 'dish' && item.kind === 'dish' && noNuts && !item.allergens.includes('nuts')) out[item.name] = 1;
    if (q === 'vegane Suppe' && item.kind === 'dish' && item.diet.includes('vegan') && /suppe/i.test(item.name))
      out[item.name] = 2;
    if (type === 'dish' && item.kind === 'dish' && diet && item.diet.includes(diet as never)) out[item.name] = 1;
    if (type === 'dish' && item.kind === 'dish' && q === 'getraenk' && item.tags.includes('drink')) out[item.name] = 1;
    if (type === 'restaurant' && item.kind === 'restaurant' && item.name.toLowerCase().includes(q)) out[item.id] = 1;
  }
  return out;
}
