import type { SearchHit, SearchResponse, SuggestionGroup, SuggestionKind } from '@matbakh/contract';

/** What `<mb-search>` shows: the SDK's `SearchResult` (sdk/src/search), structurally. */
export interface SearchResultView extends SearchResponse {
  source: 'server' | 'device';
  error?: string;
}

/** What an empty, focused box offers: the SDK's `SearchSuggestions` (sdk/src/search), structurally. */
export interface SuggestionsView {
  groups: SuggestionGroup[];
  recent: string[];
  personalized: boolean;
  source: 'server' | 'device';
  error?: string;
}

/** The narrow client `<mb-search>` needs: the search plugin's `client.search` (or a partner's / test's look-alike). */
export interface SearchClientLike {
  search: {
    query(q: string, options?: { limit?: number; signal?: AbortSignal }): Promise<SearchResultView>;
    /** Returns the search's id, if the client has one, for `select`. */
    track?(q: string, results: number): unknown;
    select?(hit: SearchHit, pick: { position: number; searchId?: string; suggestion?: SuggestionKind }): void;
    prefetch?(): Promise<void>;
    suggestions?(options?: { limit?: number; signal?: AbortSignal }): Promise<SuggestionsView>;
    clearRecent?(): void;
  };
}

/** One option of the listbox: a dish, restaurant or cuisine (typed or suggested), or a recent search to run again. */
export type SearchOption =
  | { kind: 'hit'; hit: SearchHit; suggestion?: SuggestionKind }
  | { kind: 'recent'; text: string };

/** A labelled group of the listbox: `label` is the message key of its heading. */
export interface OptionGroup {
  label: SearchHit['type'] | SuggestionKind | 'recent';
  options: SearchOption[];
}

export function resultGroups(result: SearchResponse | null): OptionGroup[] {
  return (result?.groups ?? []).map((group) => ({
    label: group.type,
    options: group.hits.map((hit): SearchOption => ({ kind: 'hit', hit })),
  }));
}

/** The server's suggestion groups in their order, then the recent searches. */
export function suggestionGroups(view: SuggestionsView | null): OptionGroup[] {
  if (!view) return [];
  const groups = view.groups.map(
    (group): OptionGroup => ({
      label: group.kind,
      options: group.hits.map((hit): SearchOption => ({ kind: 'hit', hit, suggestion: group.kind })),
    }),
  );
  if (view.recent.length > 0) {
    groups.push({ label: 'recent', options: view.recent.map((text): SearchOption => ({ kind: 'recent', text })) });
  }
  return groups;
}

export function isSearchClient(value: unknown): value is SearchClientLike {
  const search = (value as { search?: Record<string, unknown> } | undefined)?.search;
  return typeof search?.query === 'function';
}

/** A name cut at its highlight ranges: text runs, the matched ones marked. Rendered as text, never as HTML. */
export function segments(name: string, ranges: SearchHit['highlights']): { text: string; marked: boolean }[] {
  const out: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const from = Math.max(at, Math.min(start, name.length));
    const to = Math.min(Math.max(end, from), name.length);
    if (from > at) out.push({ text: name.slice(at, from), marked: false });
    if (to > from) out.push({ text: name.slice(from, to), marked: true });
    at = Math.max(at, to);
  }
  if (at < name.length) out.push({ text: name.slice(at), marked: false });
  return out;
}
