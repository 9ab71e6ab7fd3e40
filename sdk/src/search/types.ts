import type { SearchHit, SearchResponse, SearchType, SuggestionGroup, SuggestionKind } from '@matbakh/contract';

export interface SearchQueryOptions {
  /** Hits per group (default 5, at most 20). */
  limit?: number;
  types?: SearchType[];
  /** Cancels the request (a newer keystroke): the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * An answer: the server's, or the device's (`source: 'device'`) when the guest has not granted personalization,
 * is offline, or the server failed (`error` says why).
 */
export interface SearchResult extends SearchResponse {
  source: 'server' | 'device';
  error?: string;
}

export interface SuggestionsOptions {
  /** Dishes per group (default 4). */
  limit?: number;
  signal?: AbortSignal;
}

/**
 * What an empty, focused search box offers: the server's groups ("your usual" only under the personalization
 * consent; "popular now" and "in season" for everyone), filtered by the page's diet and allergens, and the guest's
 * recent searches from this device (only with the preferences consent). Offline or after a failure: recent only.
 */
export interface SearchSuggestions {
  groups: SuggestionGroup[];
  recent: string[];
  personalized: boolean;
  source: 'server' | 'device';
  error?: string;
}

export interface SearchControls {
  query(q: string, options?: SearchQueryOptions): Promise<SearchResult>;
  /** Fetches the compact index now (e.g. when the search box gets focus), so the device can answer offline. */
  prefetch(): Promise<void>;
  /**
   * `Products Searched` with the query's length and result count; the text itself only with analytics consent.
   * Call once per search the guest finished (a pick, Enter, or leaving a search that found nothing), not per
   * keystroke. Returns the search's id (`search_id`), for `select`.
   */
  track(q: string, results: number): string | undefined;
  /**
   * `Product Clicked` for a picked result, with its position and the `searchId` that `track` returned: the KPI
   * report counts it as a search pick (not a recommendation click) and attributes the visitor's orders of it.
   * A suggestion picked before typing has no search: it is sent with its group (`suggestion`) and counts as a
   * recommendation click (what the tenant suggested, not what the guest searched).
   */
  select(hit: SearchHit, pick: { position: number; searchId?: string; suggestion?: SuggestionKind }): void;
  suggestions(options?: SuggestionsOptions): Promise<SearchSuggestions>;
  /** The guest's recent searches on this device (most recent first; none without the preferences consent). */
  recent(): string[];
  /** Forgets the recent searches on this device. */
  clearRecent(): void;
}
