/**
 * Search (issue 20): `GET /v1/search?q=&limit=&type=` and the compact index the SDK's on-device fallback fetches
 * from `GET /v1/search/index`. The ranking and filters both sides run are in search-engine.ts.
 */
import { boundedString, Invalid, runChecks } from './checks.ts';
import { ALLERGENS, type Allergen, DIETS, type Diet } from './preferences.ts';
import { MAX_SUBJECT_ID_LENGTH } from './privacy-validate.ts';
import type { Money } from './recommendations.ts';
import type { QueryFilterTerm } from './search-filters.ts';
import type { BadRequest, Result } from './validate.ts';

export type SearchType = 'dish' | 'restaurant' | 'cuisine';
export const SEARCH_TYPES: readonly SearchType[] = ['dish', 'restaurant', 'cuisine'];
export const SEARCH_MAX_QUERY_LENGTH = 100;
/** Hits per group. */
export const SEARCH_DEFAULT_LIMIT = 5;
export const SEARCH_MAX_LIMIT = 20;

export interface SearchQuery {
  q: string;
  limit: number;
  /** The groups asked for; all when the request names none. */
  types: SearchType[];
  /** The guest's local hour (0–23; default: the server's UTC hour): the time-of-day signal of the personal blend. */
  hour?: number;
  /** The region the guest is in (as catalogue rows name regions): the region signal of the personal blend. */
  region?: string;
  anonymousId?: string;
  userId?: string;
  userHash?: string;
}

/** `[start, end)` offsets into `name`: the matched part, for the client to render as marked text. */
export type HighlightRange = [number, number];

export interface SearchHit {
  id: string;
  type: SearchType;
  name: string;
  highlights: HighlightRange[];
  score: number;
  restaurantId?: string;
  restaurantName?: string;
  cuisine?: string;
  price?: Money;
  url?: string;
  /** Why it ranks higher for this guest (only with personalization consent). */
  personal?: 'ordered_before' | 'favourite';
}

export interface SearchGroup {
  type: SearchType;
  hits: SearchHit[];
}

export interface SearchResponse {
  query: string;
  /** Non-empty groups, in SEARCH_TYPES order. */
  groups: SearchGroup[];
  /** Hits over all groups. */
  total: number;
  /** Text relevance blended with the guest's history and favourites (their personalization grant). */
  personalized: boolean;
  /**
   * Diet and allergen words of the query understood as filters ("ohne Nüsse", "vegan"; search-filters.ts), applied
   * on top of the guest's stored ones; absent when the query had none.
   */
  filters?: {
    diet: Diet[];
    allergens: Allergen[];
    /** Each of them as written in the query, with the query without it: what a removable chip shows and runs. */
    terms: QueryFilterTerm[];
  };
}

/**
 * `GET /v1/search/index`: the tenant's catalogue as the on-device fallback indexes it, small enough to fetch once
 * (names, tags, cuisine, diet and allergens; no descriptions). Strings shared by many rows are listed once in
 * `strings` and referred to by position. Diet and allergens are bit masks over DIETS and ALLERGENS.
 */
export interface SearchIndexResponse {
  version: 1;
  generatedAt: string;
  strings: string[];
  /** `[id, name, cuisine]` (string positions; cuisine -1 when none). */
  restaurants: [string, number, number][];
  /**
   * `[id, name, restaurant (position in restaurants, -1 when none), diet mask, allergen mask, tags (string
   * positions), cuisine (string position, -1 when none)]`.
   */
  dishes: [string, number, number, number, number, number[], number][];
}

/** A comma-separated list of types ('' or absent: all). */
function typeList(value: string | undefined): SearchType[] {
  if (value === undefined || value.trim() === '') return [...SEARCH_TYPES];
  const out: SearchType[] = [];
  for (const part of value.split(',')) {
    const type = part.trim();
    if (!(SEARCH_TYPES as readonly string[]).includes(type)) {
      throw new Invalid('type', `type must be one or more of ${SEARCH_TYPES.join(', ')}, comma-separated`);
    }
    if (!out.includes(type as SearchType)) out.push(type as SearchType);
  }
  return out;
}

/** `GET /v1/search` query (a plain string map). Unknown keys are ignored; the first problem names its field. */
export function validateSearchQuery(query: Record<string, string | undefined>): Result<SearchQuery, BadRequest> {
  return runChecks((): SearchQuery => {
    const q = query.q?.trim() ?? '';
    if (q === '') throw new Invalid('q', 'q must be a non-empty search text');
    if (q.length > SEARCH_MAX_QUERY_LENGTH) {
      throw new Invalid('q', `q must be at most ${SEARCH_MAX_QUERY_LENGTH} characters`);
    }
    return { q, ...limitAndContext(query, SEARCH_DEFAULT_LIMIT), types: typeList(query.type) };
  });
}

const MAX_REGION_LENGTH = 100;

/** `limit`, `hour`, `region` and the subject's ids: shared by `GET /v1/search` and `GET /v1/search/suggestions`. */
export function limitAndContext(
  query: Record<string, string | undefined>,
  defaultLimit: number,
): Omit<SearchQuery, 'q' | 'types'> {
  let limit = defaultLimit;
  if (query.limit !== undefined && query.limit !== '') {
    limit = Number(query.limit);
    if (!/^\d+$/.test(query.limit) || !Number.isSafeInteger(limit) || limit < 1 || limit > SEARCH_MAX_LIMIT) {
      throw new Invalid('limit', `limit must be a whole number from 1 to ${SEARCH_MAX_LIMIT}`);
    }
  }
  const parsed: Omit<SearchQuery, 'q' | 'types'> = { limit };
  if (query.hour !== undefined && query.hour !== '') {
    const hour = Number(query.hour);
    if (!/^\d+$/.test(query.hour) || hour > 23) throw new Invalid('hour', 'hour must be a whole number from 0 to 23');
    parsed.hour = hour;
  }
  if (query.region) parsed.region = boundedString(query.region, 'region', MAX_REGION_LENGTH);
  if (query.anonymousId) parsed.anonymousId = boundedString(query.anonymousId, 'anonymousId', MAX_SUBJECT_ID_LENGTH);
  if (query.userId) parsed.userId = boundedString(query.userId, 'userId', MAX_SUBJECT_ID_LENGTH);
  if (query.userHash) {
    if (parsed.userId === undefined) throw new Invalid('userHash', 'userHash is only meaningful with a userId');
    parsed.userHash = boundedString(query.userHash, 'userHash', 128);
  }
  return parsed;
}

/** Bit mask of the values of `list` present in `values` (DIETS / ALLERGENS order). */
export function toMask(values: readonly string[], list: readonly string[]): number {
  let mask = 0;
  for (const value of values) {
    const bit = list.indexOf(value);
    if (bit >= 0) mask |= 1 << bit;
  }
  return mask;
}

export function fromMask<T extends string>(mask: number, list: readonly T[]): T[] {
  return list.filter((_, bit) => (mask & (1 << bit)) !== 0);
}

export const dietMask = (diet: readonly Diet[]) => toMask(diet, DIETS);
export const allergenMask = (allergens: readonly Allergen[]) => toMask(allergens, ALLERGENS);
