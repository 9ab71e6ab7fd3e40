/**
 * Where a query matched a name, as `[start, end)` offsets into the name as written: the client marks those parts
 * (built as text, never HTML). Works on the same normalised forms the index holds, so "haehnchen", "hahnchen"
 * and "schawarma" mark the right letters of "Hähnchenschawarma".
 */
import type { HighlightRange } from './search.ts';
import {
  compoundTails,
  normaliseSearchText,
  normaliseWithOffsets,
  searchTokens,
  type UmlautFold,
} from './search-text.ts';

interface Candidate {
  /** A whole normalised word or one of its compound tails. */
  text: string;
  /** Where `text` starts in the normalised word. */
  at: number;
}

function bestMatch(
  candidates: readonly Candidate[],
  queryTerms: readonly string[],
  matchedTerms: ReadonlySet<string>,
): { at: number; length: number } | undefined {
  let best: { at: number; length: number } | undefined;
  const offer = (at: number, length: number) => {
    if (!best || length > best.length) best = { at, length };
  };
  // What was typed, as a prefix ("piz" marks "Piz" of "Pizza")…
  for (const candidate of candidates) {
    for (const term of queryTerms) if (term !== '' && candidate.text.startsWith(term)) offer(candidate.at, term.length);
  }
  if (best) return best;
  // …else a typo match: the engine names the indexed term, so the whole word or tail it matched is marked.
  for (const candidate of candidates) if (matchedTerms.has(candidate.text)) offer(candidate.at, candidate.text.length);
  return best;
}

/**
 * The ranges of `name` matched by `queryTerms` (normalised query words, prefix matches) or equal to one of
 * `matchedTerms` (the index terms the engine reports, which covers typo matches), sorted and merged.
 */
export function highlightRanges(
  name: string,
  queryTerms: readonly string[],
  matchedTerms: readonly string[] = [],
): HighlightRange[] {
  const matched = new Set(matchedTerms);
  const ranges: HighlightRange[] = [];
  for (const token of searchTokens(name)) {
    let found: HighlightRange | undefined;
    for (const fold of ['ae', 'a'] as UmlautFold[]) {
      const normal = normaliseWithOffsets(token.text, fold);
      const word = normaliseSearchText(token.text, fold);
      const skipped = normal.text.length - word.length; // the Arabic article, when taken off
      const candidates = [{ text: word, at: 0 }, ...compoundTails(word).map(({ tail, at }) => ({ text: tail, at }))];
      const match = bestMatch(candidates, queryTerms, matched);
      if (!match) continue;
      const first = skipped + match.at;
      const last = first + match.length - 1;
      const range: HighlightRange = [token.start + normal.from[first]!, token.start + normal.to[last]!];
      if (!found || range[1] - range[0] > found[1] - found[0]) found = range;
    }
    if (found) ranges.push(found);
  }
  return mergeRanges(ranges);
}

function mergeRanges(ranges: HighlightRange[]): HighlightRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: HighlightRange[] = [];
  for (const range of sorted) {
    const last = out.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else out.push([range[0], range[1]]);
  }
  return out;
}
