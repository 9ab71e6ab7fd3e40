/**
 * Suggestions before the guest types (issue 20): `GET /v1/search/suggestions?limit=&hour=&region=` answers what a
 * focused, empty search box offers — the guest's usual dishes (only under their personalization grant), what the
 * tenant's guests order at this time of day (in the guest's region first), and what is in season. Recent searches
 * are the device's own (kept only with the preferences consent) and never reach the server.
 */
import type { Season } from './calendar.ts';
import { runChecks } from './checks.ts';
import { limitAndContext, type SearchHit, type SearchQuery } from './search.ts';
import type { Daypart } from './search-context.ts';
import type { SearchDoc } from './search-docs.ts';
import type { BadRequest, Result } from './validate.ts';

export type SuggestionKind = 'usual' | 'popular' | 'season';
export const SUGGESTION_KINDS: readonly SuggestionKind[] = ['usual', 'popular', 'season'];
/** Suggestions per group. */
export const SUGGESTIONS_DEFAULT_LIMIT = 4;

export interface SuggestionGroup {
  kind: SuggestionKind;
  /** Dishes (no highlights: nothing was typed). */
  hits: SearchHit[];
}

export interface SearchSuggestionsResponse {
  /** Non-empty groups in SUGGESTION_KINDS order; a dish appears in one group only. */
  groups: SuggestionGroup[];
  /** The "usual" group was read (the subject's recorded personalization grant). */
  personalized: boolean;
  daypart: Daypart;
  season: Season;
}

export type SuggestionsQuery = Omit<SearchQuery, 'q' | 'types'>;

/** `GET /v1/search/suggestions` query: `limit` (per group), `hour`, `region` and the subject's ids. */
export function validateSuggestionsQuery(
  query: Record<string, string | undefined>,
): Result<SuggestionsQuery, BadRequest> {
  return runChecks(() => limitAndContext(query, SUGGESTIONS_DEFAULT_LIMIT));
}

/** A search document as a suggestion: a hit with nothing marked. */
export function suggestionHit(doc: SearchDoc, score: number): SearchHit {
  const hit: SearchHit = {
    id: doc.id,
    type: doc.type,
    name: doc.name,
    highlights: [],
    score: Math.round(score * 1000) / 1000,
  };
  if (doc.restaurantId !== undefined) hit.restaurantId = doc.restaurantId;
  if (doc.restaurantName !== undefined) hit.restaurantName = doc.restaurantName;
  if (doc.cuisine !== undefined) hit.cuisine = doc.cuisine;
  if (doc.price) hit.price = doc.price;
  if (doc.url !== undefined) hit.url = doc.url;
  return hit;
}
