/**
 * The on-device fallback: the compact catalogue (`GET /v1/search/index`, fetched once per client, kept in memory)
 * indexed by the same engine and normalisation as the server (@matbakh/contract), with the guest's diet and
 * allergens from the preferences as the same hard filter.
 */
import {
  createSearchIndex,
  decodeSearchIndex,
  runSearch,
  type SearchIndex,
  type SearchIndexResponse,
  type SearchRequest,
  searchDocs,
} from '@matbakh/contract';
import type { Http } from '../plugin/http.ts';

export interface DeviceSearch {
  /** The index, fetched and built on first use (one request for concurrent callers; retried after a failure). */
  ready(): Promise<SearchIndex>;
  search(request: SearchRequest): Promise<ReturnType<typeof runSearch>>;
}

export function createDeviceSearch(http: Http, timeoutMs: number): DeviceSearch {
  let pending: Promise<SearchIndex> | undefined;
  const ready = () => {
    pending ??= http
      .request<SearchIndexResponse>('GET', '/v1/search/index', { timeoutMs, skipWhenOffline: true })
      .then((index) => createSearchIndex(searchDocs(decodeSearchIndex(index))))
      .catch((error: unknown) => {
        pending = undefined;
        throw error;
      });
    return pending;
  };
  return { ready, search: async (request) => runSearch(await ready(), request) };
}
