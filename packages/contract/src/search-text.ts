/**
 * The one text normalisation of search (issue 20), used by the server's index and the SDK's on-device index alike,
 * so a query finds the same dishes in both: case and accent folding, German umlauts and ß (ä = ae, ß = ss),
 * Arabic letter forms (alef with hamza or madda = bare alef, taa marbuta = haa, alef maksura = yaa), diacritics and
 * tatweel dropped, and the Arabic article "ال" taken off. Every normalised character remembers where it came from,
 * so matches can be reported as offsets into the original text.
 */

/** How German umlauts are written: `ae` is the canonical form (queries, "Haehnchen"); `a` catches "Hahnchen". */
export type UmlautFold = 'ae' | 'a';

const UMLAUTS: Record<UmlautFold, Record<string, string>> = {
  ae: { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' },
  a: { ä: 'a', ö: 'o', ü: 'u', ß: 'ss' },
};

const ARABIC_LETTERS: Record<string, string> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ة: 'ه',
  ى: 'ي',
  ؤ: 'و',
  ئ: 'ي',
  ی: 'ي',
  ک: 'ك',
  // Letters NFKD does not take apart.
  ı: 'i',
  ø: 'o',
  ł: 'l',
  đ: 'd',
};

/** Arabic harakat, tanwin, shadda, sukun, superscript alef, Quranic marks and tatweel: never part of a spelling. */
const ARABIC_MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/;
const COMBINING = /\p{M}/u;
/** Token boundaries: anything but letters, digits and marks (marks stay: they belong to the letter before). */
const SEPARATOR = /[^\p{L}\p{N}\p{M}]+/u;
const ARABIC_ARTICLE = /^(?:وال|بال|فال|كال|ال)/;

export interface NormalisedText {
  text: string;
  /** For each character of `text`: the start of the original character it came from. */
  from: number[];
  /** For each character of `text`: the end of the original character it came from. */
  to: number[];
}

function foldChar(char: string, umlauts: Record<string, string>): string {
  let out = '';
  for (const lower of char.toLowerCase()) {
    const direct = umlauts[lower] ?? ARABIC_LETTERS[lower];
    if (direct !== undefined) {
      out += direct;
      continue;
    }
    if (ARABIC_MARKS.test(lower)) continue;
    for (const part of lower.normalize('NFKD')) {
      if (COMBINING.test(part)) continue;
      out += ARABIC_LETTERS[part] ?? part;
    }
  }
  return out;
}

/** The searchable form of `text`, with where each character came from. */
export function normaliseWithOffsets(text: string, fold: UmlautFold = 'ae'): NormalisedText {
  const umlauts = UMLAUTS[fold];
  const source = text.normalize('NFC');
  const result: NormalisedText = { text: '', from: [], to: [] };
  let index = 0;
  for (const char of source) {
    const folded = foldChar(char, umlauts);
    for (let i = 0; i < folded.length; i++) {
      result.from.push(index);
      result.to.push(index + char.length);
    }
    result.text += folded;
    index += char.length;
  }
  // NFC can shorten the text (a + combining diaeresis = ä); offsets then refer to the NFC form, which is what
  // catalogue rows hold in practice. Where it differs, widen the last range to the original end.
  if (source.length !== text.length && result.to.length > 0) result.to[result.to.length - 1] = text.length;
  return result;
}

/** The searchable form of one word or phrase (queries use this). */
export function normaliseSearchText(text: string, fold: UmlautFold = 'ae'): string {
  return stripArticle(normaliseWithOffsets(text, fold).text);
}

/** The Arabic article is part of the word in writing but not in meaning: "الفلافل" is "فلافل". */
function stripArticle(token: string): string {
  const stripped = token.replace(ARABIC_ARTICLE, '');
  return stripped !== token && stripped.length >= 3 ? stripped : token;
}

/** The words of a text as written (before normalisation), with their offsets. */
export interface SearchToken {
  text: string;
  start: number;
  end: number;
}

export function searchTokens(text: string): SearchToken[] {
  const tokens: SearchToken[] = [];
  const pattern = new RegExp(SEPARATOR.source, 'gu');
  let start = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > start) tokens.push({ text: text.slice(start, match.index), start, end: match.index });
    start = match.index + match[0].length;
  }
  if (start < text.length) tokens.push({ text: text.slice(start), start, end: text.length });
  return tokens;
}

/** The words of a text, split for the index and for queries (MiniSearch's `tokenize`). */
export const splitWords = (text: string): string[] => searchTokens(text).map((token) => token.text);

/**
 * Compound words: German puts the head last ("Hähnchenschawarma", "Linsensuppe"), so every tail of a long word
 * that could be a word of its own (≥ 4 letters, after a head of ≥ 3) is indexed too. Without a dictionary this
 * also indexes tails that are no words; they cost index size, and rank below whole words (a lower field boost).
 */
export const COMPOUND_MIN_LENGTH = 7;
const COMPOUND_MIN_HEAD = 3;
const COMPOUND_MIN_TAIL = 4;

export function compoundTails(normalised: string): { tail: string; at: number }[] {
  if (normalised.length < COMPOUND_MIN_LENGTH || !/^[a-z]+$/.test(normalised)) return [];
  const tails: { tail: string; at: number }[] = [];
  for (let at = COMPOUND_MIN_HEAD; at <= normalised.length - COMPOUND_MIN_TAIL; at++) {
    tails.push({ tail: normalised.slice(at), at });
  }
  return tails;
}

/** The index terms of one word: its canonical form, and its `a`-folded form where umlauts make them differ. */
export function wordForms(word: string): string[] {
  const canonical = normaliseSearchText(word, 'ae');
  const plain = normaliseSearchText(word, 'a');
  return canonical === plain ? [canonical] : [canonical, plain];
}

/** The tails of a word's forms (the compound parts field). */
export function wordTails(word: string): string[] {
  return [...new Set(wordForms(word).flatMap((form) => compoundTails(form).map((t) => t.tail)))];
}
