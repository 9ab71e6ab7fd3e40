/**
 * How many typos a match took, for "fewest typos only" (Algolia's `typoTolerance: 'min'`): when some documents
 * match a query word as typed (or as its prefix), those that only match it with more edits are noise — "falafl"
 * finds the Falafel-Teller with one edit, and every dish tagged "halal" with two.
 */

/** Levenshtein distance of `a` and `b`, or `cap + 1` as soon as it must exceed `cap` (the engine's maxFuzzy). */
export function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const cell = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      row.push(cell);
      best = Math.min(best, cell);
    }
    if (best > cap) return cap + 1;
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * The typos of one match: for each query word it matched, the fewest edits to any indexed word it matched (a word
 * the query word starts is none: the guest is still typing it). Query words a document did not match count
 * nothing: documents matching fewer words are ranked by score, not removed.
 */
export function typosOf(queryTerms: readonly string[], matchedTerms: readonly string[], cap: number): number {
  let typos = 0;
  for (const query of queryTerms) {
    let fewest = cap + 1;
    for (const term of matchedTerms) {
      fewest = Math.min(fewest, term.startsWith(query) ? 0 : editDistance(query, term, cap));
      if (fewest === 0) break;
    }
    if (fewest <= cap) typos += fewest;
  }
  return typos;
}
