import type { SearchHit, SearchResponse } from '@matbakh/contract';

/** What `<mb-search>` shows: the SDK's `SearchResult` (sdk/src/search), structurally. */
export interface SearchResultView extends SearchResponse {
  source: 'server' | 'device';
  error?: string;
}

/** The narrow client `<mb-search>` needs: the search plugin's `client.search` (or a partner's / test's look-alike). */
export interface SearchClientLike {
  search: {
    query(q: string, options?: { limit?: number; signal?: AbortSignal }): Promise<SearchResultView>;
    track?(q: string, results: number): void;
    prefetch?(): Promise<void>;
  };
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
