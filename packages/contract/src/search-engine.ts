/**
 * The one search engine of the server and the SDK's on-device fallback: MiniSearch (see docs/search.md for why)
 * over search-docs.ts documents, with the contract's normalisation, field weights name > tags > description,
 * prefix and typo tolerance, and the diet/allergen hard filter applied before anything is ranked.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import { joinConstraints, passesHardFilters } from './hard-filter.ts';
import type { Allergen, Diet } from './preferences.ts';
import { SEARCH_TYPES, type SearchGroup, type SearchHit, type SearchResponse, type SearchType } from './search.ts';
import type { SearchDoc } from './search-docs.ts';
import { parseQueryFilters } from './search-filters.ts';
import { highlightRanges } from './search-highlight.ts';
import { suggestionHit } from './search-suggest.ts';
import { normaliseSearchText, splitWords, wordForms, wordTails } from './search-text.ts';
import { typosOf } from './search-typos.ts';

/** name > compound parts of the name > tags > description. */
export const SEARCH_FIELD_BOOSTS = { name: 4, parts: 2.5, tags: 2, description: 1 } as const;
type Field = keyof typeof SEARCH_FIELD_BOOSTS;

/**
 * Typos allowed per query word, as edits (Levenshtein: a swap of two letters counts two): like Elasticsearch's
 * AUTO fuzziness (two from 6 letters), but none under 4 letters, where a guest is still typing a prefix.
 */
export const typoBudget = (term: string): number => (term.length >= 6 ? 2 : term.length >= 4 ? 1 : 0);

/** The most typos a query word may have (two from 6 letters, see {@link typoBudget}). */
const MAX_TYPOS = 2;

const queryTerm = (term: string): string | null => normaliseSearchText(term) || null;

export interface SearchIndex {
  engine: MiniSearch<SearchDoc>;
  docs: Map<string, SearchDoc>;
}

/** Indexes the documents (a tenant's catalogue: about 1 ms per 100 dishes). */
export function createSearchIndex(docs: readonly SearchDoc[]): SearchIndex {
  const engine = new MiniSearch<SearchDoc>({
    fields: Object.keys(SEARCH_FIELD_BOOSTS),
    storeFields: [],
    extractField: (doc, field) => String((field === 'parts' ? doc.name : doc[field as keyof SearchDoc]) ?? ''),
    tokenize: splitWords,
    processTerm: (term, field) => (field === 'parts' ? wordTails(term) : wordForms(term)).filter((t) => t !== ''),
    searchOptions: {
      tokenize: splitWords,
      processTerm: queryTerm,
      prefix: true,
      fuzzy: (term) => typoBudget(term),
      maxFuzzy: MAX_TYPOS,
      boost: SEARCH_FIELD_BOOSTS as Record<Field, number>,
    },
  });
  engine.addAll(docs);
  return { engine, docs: new Map(docs.map((doc) => [doc.id, doc])) };
}

/** What an update did to the engine: only `added`, `replaced` and `removed` documents were (re)indexed. */
export interface SearchIndexChanges {
  added: number;
  replaced: number;
  removed: number;
  /** Changed outside the indexed text (price, diet, restaurant link…): kept in `docs`, the engine untouched. */
  restated: number;
}

/** The text the engine indexes of a document: a change elsewhere needs no re-indexing. */
const indexedText = (doc: SearchDoc) => `${doc.name}\u0000${doc.tags}\u0000${doc.description}`;

/**
 * Brings the index to `docs` (the catalogue's documents now) by indexing only what changed: MiniSearch adds the
 * new documents, re-indexes those whose text changed (`replace`) and discards the removed ones; discarded entries
 * are vacuumed in the background by MiniSearch itself. Far cheaper than a new index when an upload changes a few
 * dishes of thousands.
 */
export function updateSearchIndex(index: SearchIndex, docs: readonly SearchDoc[]): SearchIndexChanges {
  const changes: SearchIndexChanges = { added: 0, replaced: 0, removed: 0, restated: 0 };
  const next = new Map(docs.map((doc) => [doc.id, doc]));
  for (const id of index.docs.keys()) {
    if (next.has(id)) continue;
    index.engine.discard(id);
    index.docs.delete(id);
    changes.removed++;
  }
  for (const doc of docs) {
    const before = index.docs.get(doc.id);
    if (before === undefined) {
      index.engine.add(doc);
      changes.added++;
    } else if (indexedText(before) !== indexedText(doc)) {
      index.engine.replace(doc);
      changes.replaced++;
    } else if (JSON.stringify(before) !== JSON.stringify(doc)) {
      changes.restated++;
    }
    index.docs.set(doc.id, doc);
  }
  return changes;
}

export interface SearchRequest {
  q: string;
  /** Hits per group. */
  limit: number;
  types?: readonly SearchType[];
  /** The guest's diet and allergens: dishes that violate them are never returned. */
  diet: readonly Diet[];
  allergens: readonly Allergen[];
  /** A multiplier on a document's text score (the personal blend), and why. */
  personal?: (doc: SearchDoc) => { factor: number; reason?: SearchHit['personal'] } | undefined;
}

/** Only dishes carry diet and allergen tags; restaurants and cuisines are places to look, not food. */
const allowed = (doc: SearchDoc, request: SearchRequest) =>
  doc.type !== 'dish' || passesHardFilters(doc, request.diet, request.allergens);

/** A document that answers the query, with its text score and the indexed terms it matched (for highlights). */
interface Match {
  doc: SearchDoc;
  score: number;
  terms: string[];
}

/**
 * The documents of the asked types that pass the filters and match the text. Filter words alone match every
 * document that fits, read straight from the documents: MiniSearch's wildcard would make a result object per
 * document of the index first (50–90 ms at 10,000 dishes, issue 20's bench).
 */
function matches(index: SearchIndex, q: string, fits: (doc: SearchDoc) => boolean): Match[] {
  if (q === '') {
    const all: Match[] = [];
    for (const doc of index.docs.values()) if (fits(doc)) all.push({ doc, score: 1, terms: [] });
    return all;
  }
  const found: (Match & { typos: number })[] = [];
  // Per type, as separate indexes would be: an exact restaurant name does not hide dishes matched with a typo.
  const fewest = new Map<SearchType, number>();
  for (const result of index.engine.search(q, {
    filter: (result: SearchResult) => {
      const doc = index.docs.get(String(result.id));
      return doc !== undefined && fits(doc);
    },
  })) {
    const doc = index.docs.get(String(result.id))!;
    const typos = typosOf(result.queryTerms, result.terms, MAX_TYPOS);
    fewest.set(doc.type, Math.min(fewest.get(doc.type) ?? typos, typos));
    found.push({ doc, score: result.score, terms: result.terms, typos });
  }
  // Fewest typos only (search-typos.ts): a match with more edits than the best ones is a different word.
  return found
    .filter((match) => match.typos === fewest.get(match.doc.type))
    .map(({ typos: _typos, ...match }) => match);
}

type Ranked = Match & { reason?: SearchHit['personal'] };

/** The `limit` best of a stream, best first; equal scores keep their order (as a stable sort would). */
function keepBest(best: Ranked[], item: Ranked, limit: number): void {
  if (limit <= 0 || (best.length >= limit && best[best.length - 1]!.score >= item.score)) return;
  let at = best.length;
  while (at > 0 && best[at - 1]!.score < item.score) at--;
  best.splice(at, 0, item);
  if (best.length > limit) best.pop();
}

/**
 * Grouped, filtered, ranked hits for one query. Diet and allergen words of the query are filters added to the
 * request's (search-filters.ts); a query of filter words alone lists the dishes that fit them.
 */
export function runSearch(index: SearchIndex, original: SearchRequest): SearchResponse {
  const understood = parseQueryFilters(original.q);
  const filtered = understood.diet.length > 0 || understood.allergens.length > 0;
  const request: SearchRequest = {
    ...original,
    q: understood.text,
    diet: joinConstraints(original.diet, understood.diet),
    allergens: joinConstraints(original.allergens, understood.allergens),
  };
  // Filter words alone ("vegan", "ohne Nüsse"): every dish that fits, ranked by the personal blend if any.
  const onlyFilters = filtered && request.q.trim() === '';
  const asked = request.types ?? SEARCH_TYPES;
  const types = onlyFilters ? asked.filter((type) => type === 'dish') : asked;
  const found = matches(
    index,
    onlyFilters ? '' : request.q,
    (doc) => types.includes(doc.type) && allowed(doc, request),
  );
  const queryTerms = splitWords(request.q)
    .map((word) => normaliseSearchText(word))
    .filter((t) => t !== '');
  // Only the best `limit` of each group are kept while scoring: no sort of every match.
  const best = new Map<SearchType, Ranked[]>(types.map((type) => [type, []]));
  for (const match of found) {
    const personal = request.personal?.(match.doc);
    const ranked: Ranked = { ...match, score: match.score * (personal?.factor ?? 1) };
    if (personal?.reason) ranked.reason = personal.reason;
    keepBest(best.get(match.doc.type)!, ranked, request.limit);
  }
  const groups: SearchGroup[] = [];
  let personalized = false;
  for (const type of SEARCH_TYPES) {
    const hits = (best.get(type) ?? []).map(({ doc, score, terms, reason }) => {
      const hit: SearchHit = { ...suggestionHit(doc, score), highlights: highlightRanges(doc.name, queryTerms, terms) };
      if (reason) {
        hit.personal = reason;
        personalized = true;
      }
      return hit;
    });
    if (hits.length > 0) groups.push({ type, hits });
  }
  return {
    query: original.q,
    groups,
    total: groups.reduce((n, g) => n + g.hits.length, 0),
    personalized: personalized || request.personal !== undefined,
    ...(filtered
      ? { filters: { diet: understood.diet, allergens: understood.allergens, terms: understood.terms } }
      : {}),
  };
}
