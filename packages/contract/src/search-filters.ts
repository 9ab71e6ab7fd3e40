/**
 * Diet words in a search are filters, not text (issue 20): "ohne Nüsse", "without nuts", "بدون مكسرات", "nussfrei",
 * "nut-free", "vegan", "glutenfrei", "حلال". Understood in de / en / ar on the normalised words, so "ohne Nusse",
 * "OHNE NÜSSE" and "بدون المكسرات" mean the same. What is understood is taken out of the text and added to the
 * guest's stored constraints (it can narrow them, never widen them); the rest is searched as text.
 *
 * Meaning: "without X" / "X-free" excludes dishes declaring allergen X; a diet word keeps only dishes tagged with
 * that diet. "glutenfrei" and "laktosefrei" name diets (dishes tagged gluten-free / lactose-free), while "ohne
 * Gluten" excludes dishes declaring gluten; lactose has no allergen of its own, so "ohne Laktose" is the diet too.
 */
import { ALLERGENS, type Allergen, DIETS, type Diet } from './preferences.ts';
import { normaliseSearchText, splitWords } from './search-text.ts';

type Meaning = { allergen: Allergen } | { diet: Diet };

/** What a word after "ohne / without / بدون" (or before "-frei / -free") means. Multi-word entries are phrases. */
const ALLERGEN_WORDS: Record<Allergen, readonly string[]> = {
  gluten: ['Gluten', 'غلوتين', 'جلوتين', 'غلوتين'],
  crustaceans: ['Krebstiere', 'Garnelen', 'Shrimps', 'Shrimp', 'crustaceans', 'prawns', 'قشريات', 'روبيان', 'جمبري'],
  eggs: ['Ei', 'Eier', 'egg', 'eggs', 'بيض'],
  fish: ['Fisch', 'fish', 'سمك'],
  peanuts: ['Erdnuss', 'Erdnüsse', 'Erdnüssen', 'peanut', 'peanuts', 'فول سوداني', 'فستق سوداني'],
  soybeans: ['Soja', 'soy', 'soya', 'صويا'],
  milk: ['Milch', 'Milchprodukte', 'milk', 'dairy', 'حليب', 'ألبان', 'لبن'],
  nuts: ['Nuss', 'Nüsse', 'Nüssen', 'Schalenfrüchte', 'nut', 'nuts', 'tree nuts', 'مكسرات', 'جوز'],
  celery: ['Sellerie', 'celery', 'كرفس'],
  mustard: ['Senf', 'mustard', 'خردل'],
  sesame: ['Sesam', 'sesame', 'سمسم'],
  sulphites: ['Sulfite', 'Sulfit', 'sulphites', 'sulfites', 'كبريتات'],
  lupin: ['Lupinen', 'Lupine', 'lupin', 'ترمس'],
  molluscs: ['Weichtiere', 'Muscheln', 'molluscs', 'mollusks', 'رخويات'],
};
/** Diets named by what they leave out ("glutenfrei", "lactose-free", "ohne Laktose"). */
const FREE_OF_DIET: Record<string, Diet> = { gluten: 'gluten_free', laktose: 'lactose_free', lactose: 'lactose_free' };
const LACTOSE_WORDS = ['Laktose', 'lactose', 'لاكتوز'];
/** Diet words that stand alone ("vegan", "halal", "glutenfrei" is handled as a free-of word). */
const DIET_WORDS: Record<Diet, readonly string[]> = {
  vegetarian: ['vegetarisch', 'vegetarische', 'vegetarisches', 'vegetarischer', 'vegetarian', 'veggie', 'نباتي'],
  vegan: ['vegan', 'vegane', 'veganes', 'veganer', 'veganen', 'نباتي صرف'],
  pescatarian: ['pescetarisch', 'pescatarian', 'pescetarian'],
  halal: ['halal', 'حلال'],
  kosher: ['koscher', 'kosher', 'كوشر'],
  gluten_free: [],
  lactose_free: [],
};
/** Words (and phrases) that say "without". */
const NEGATIONS = [
  'ohne',
  'kein',
  'keine',
  'keinen',
  'without',
  'no',
  'بدون',
  'بلا',
  'دون',
  'من غير',
  'خالي من',
  'خال من',
  'خالية من',
];
const CONNECTORS = new Set(['und', 'oder', 'and', 'or', 'و', 'او']);
const FREE = new Set(['frei', 'free']);
const FREE_SUFFIX = /(?:frei|free)(?:e|er|es|en|em)?$/;

/** Every spelling of a word the way queries are normalised (both umlaut folds: "Nüsse" = "nuesse" = "nusse"). */
const spellings = (text: string): string[][] => {
  const words = splitWords(text);
  const forms = (fold: 'ae' | 'a') => words.map((w) => normaliseSearchText(w, fold));
  const ae = forms('ae');
  const a = forms('a');
  return ae.join(' ') === a.join(' ') ? [ae] : [ae, a];
};

function lexicon(): Map<string, Meaning> {
  const map = new Map<string, Meaning>();
  const add = (text: string, meaning: Meaning) => {
    for (const words of spellings(text)) map.set(words.join(' '), meaning);
  };
  for (const allergen of ALLERGENS) for (const word of ALLERGEN_WORDS[allergen]) add(word, { allergen });
  for (const word of LACTOSE_WORDS) add(word, { diet: 'lactose_free' });
  return map;
}
const WITHOUT = lexicon();
const DIET = new Map<string, Diet>(
  DIETS.flatMap((diet) => DIET_WORDS[diet].flatMap((word) => spellings(word).map((w) => [w.join(' '), diet] as const))),
);
const NEGATION = new Map(NEGATIONS.flatMap((word) => spellings(word).map((w) => [w.join(' '), true] as const)));

export interface QueryFilters {
  /** The query without the words understood as filters ('' when nothing else was typed). */
  text: string;
  diet: Diet[];
  allergens: Allergen[];
  /** Each understood filter with the words that said it, for a removable chip (in query order). */
  terms: QueryFilterTerm[];
}

/** One filter of a query as the guest wrote it ("ohne Nüsse"), and the query without it (to search again). */
export type QueryFilterTerm = ({ diet: Diet } | { allergen: Allergen }) & { words: string; without: string };

/** The query cut into runs: text, a filter word, or a "without" and the filters it governs. */
type Segment =
  | { text: string }
  | { meaning: Meaning; words: string }
  | { negation: string; connector: string; items: { meaning: Meaning; words: string }[] };

const sameMeaning = (a: Meaning, b: Meaning) =>
  'diet' in a ? 'diet' in b && a.diet === b.diet : 'allergen' in b && a.allergen === b.allergen;

/** The segments as text, leaving out one meaning's words (a "without" left with nothing goes too). */
function joinSegments(segments: readonly Segment[], drop?: Meaning): string {
  const out: string[] = [];
  for (const segment of segments) {
    if ('text' in segment) out.push(segment.text);
    else if ('meaning' in segment) {
      if (!drop || !sameMeaning(segment.meaning, drop)) out.push(segment.words);
    } else {
      const items = segment.items.filter((item) => !drop || !sameMeaning(item.meaning, drop));
      if (items.length > 0) out.push(segment.negation, items.map((item) => item.words).join(segment.connector));
    }
  }
  return out.join(' ');
}

function termsOf(segments: readonly Segment[]): QueryFilterTerm[] {
  const terms: QueryFilterTerm[] = [];
  const add = (meaning: Meaning, words: string) => {
    if (terms.some((term) => sameMeaning('diet' in term ? { diet: term.diet } : { allergen: term.allergen }, meaning)))
      return;
    terms.push({ ...meaning, words, without: joinSegments(segments, meaning) });
  };
  for (const segment of segments) {
    if ('meaning' in segment) add(segment.meaning, segment.words);
    else if ('items' in segment)
      for (const item of segment.items) add(item.meaning, `${segment.negation} ${item.words}`);
  }
  return terms;
}

/** The longest phrase of `table` starting at word `at` (up to 3 words), and how many words it took. */
function phraseAt<T>(words: readonly string[], at: number, table: Map<string, T>): [T, number] | undefined {
  for (let length = Math.min(3, words.length - at); length >= 1; length--) {
    const found = table.get(words.slice(at, at + length).join(' '));
    if (found !== undefined) return [found, length];
  }
  return undefined;
}

/** What "X-free" means for the stem X: a diet (gluten, lactose) or the allergen X. */
function freeOf(stem: string): Meaning | undefined {
  const diet = FREE_OF_DIET[stem];
  if (diet) return { diet };
  return WITHOUT.get(stem);
}

/**
 * The query's diet and allergen words as filters, and the rest as the text to search.
 * Long because: one pass over the words that matches one-, two- and three-word phrases ("ohne Nüsse") and keeps the
 * guest's own words for the chips; its steps share the word positions.
 */
export function parseQueryFilters(q: string): QueryFilters {
  const raw = splitWords(q);
  const words = raw.map((w) => normaliseSearchText(w));
  const diet = new Set<Diet>();
  const allergens = new Set<Allergen>();
  const segments: Segment[] = [];
  const kept: string[] = [];
  const keep = (...text: string[]) => {
    kept.push(...text);
    segments.push(...text.map((t) => ({ text: t })));
  };
  const take = (meaning: Meaning, from: number, to: number) => {
    if ('diet' in meaning) diet.add(meaning.diet);
    else allergens.add(meaning.allergen);
    segments.push({ meaning, words: raw.slice(from, to).join(' ') });
  };
  for (let i = 0; i < words.length; ) {
    const word = words[i]!;
    const negated = phraseAt(words, i, NEGATION);
    if (negated) {
      let at = i + negated[1];
      const group: Extract<Segment, { items: unknown }> = {
        negation: raw.slice(i, at).join(' '),
        connector: ' ',
        items: [],
      };
      const item = (meaning: Meaning, from: number, to: number) => {
        if ('diet' in meaning) diet.add(meaning.diet);
        else allergens.add(meaning.allergen);
        group.items.push({ meaning, words: raw.slice(from, to).join(' ') });
      };
      // "ohne Nüsse und Sesam", "بدون مكسرات وسمسم": a list after one "without".
      for (;;) {
        const found = phraseAt(words, at, WITHOUT);
        const joined = words[at]?.startsWith('و') ? WITHOUT.get(words[at]!.slice(1)) : undefined;
        if (found) {
          item(found[0], at, at + found[1]);
          at += found[1];
        } else if (joined && at > i + negated[1]) {
          // "وسمسم" is "and sesame": the item is the word without its "و", which becomes the list's joiner.
          if ('diet' in joined) diet.add(joined.diet);
          else allergens.add(joined.allergen);
          group.items.push({ meaning: joined, words: raw[at]!.slice(1) });
          group.connector = ' و';
          at += 1;
        } else break;
        if (CONNECTORS.has(words[at] ?? '') && (phraseAt(words, at + 1, WITHOUT) || words[at + 1] === undefined)) {
          group.connector = ` ${raw[at]} `;
          at++;
        }
      }
      // A "without" with nothing understood after it is not a filter: the words stay text.
      if (at === i + negated[1]) keep(...raw.slice(i, at));
      else segments.push(group);
      i = at;
      continue;
    }
    const stem = FREE_SUFFIX.test(word) ? freeOf(word.replace(FREE_SUFFIX, '')) : undefined;
    if (stem) {
      take(stem, i, i + 1);
      i += 1;
      continue;
    }
    const before = phraseAt(words, i, WITHOUT);
    const free = before ? FREE.has(words[i + before[1]] ?? '') : false;
    const dietBefore = FREE_OF_DIET[word] && FREE.has(words[i + 1] ?? '') ? freeOf(word) : undefined;
    if (dietBefore) {
      take(dietBefore, i, i + 2);
      i += 2;
      continue;
    }
    if (before && free) {
      take(before[0], i, i + before[1] + 1);
      i += before[1] + 1;
      continue;
    }
    const named = phraseAt(words, i, DIET);
    if (named) {
      take({ diet: named[0] }, i, i + named[1]);
      i += named[1];
      continue;
    }
    keep(raw[i]!);
    i += 1;
  }
  return { text: kept.join(' '), diet: [...diet], allergens: [...allergens], terms: termsOf(segments) };
}
