/**
 * Each tenant's search index, built from its stored catalogue and kept until the catalogue changes: the catalogue's
 * stamp (row count + last update, checked with one indexed query by loadCatalog) decides, so a catalogue upload by
 * any instance or the CLI is picked up on the next search. One build per change, shared by concurrent requests.
 */
import {
  createSearchIndex,
  encodeSearchIndex,
  type SearchIndex,
  type SearchIndexResponse,
  searchDocs,
} from '@matbakh/contract';
import type { Db } from '../db.ts';
import { type Catalog, loadCatalog } from '../recommend/catalog.ts';

export interface TenantSearch {
  stamp: string;
  catalog: Catalog;
  index: SearchIndex;
  /** The compact form for `GET /v1/search/index`, made on first request. */
  compact?: SearchIndexResponse;
}

const cache = new WeakMap<Db, Map<string, Promise<TenantSearch>>>();

function build(catalog: Catalog): TenantSearch {
  return { stamp: catalog.stamp, catalog, index: createSearchIndex(searchDocs(catalog.items)) };
}

export async function tenantSearch(db: Db, tenantId: string): Promise<TenantSearch> {
  const catalog = await loadCatalog(db, tenantId);
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  const cached = perDb.get(tenantId);
  if (cached) {
    const current = await cached;
    if (current.stamp === catalog.stamp) return current;
  }
  const next = Promise.resolve(build(catalog));
  perDb.set(tenantId, next);
  return next;
}

/** The compact index of the tenant's current catalogue (made once per catalogue version). */
export async function compactIndex(db: Db, tenantId: string, now: number): Promise<SearchIndexResponse> {
  const search = await tenantSearch(db, tenantId);
  search.compact ??= encodeSearchIndex(search.catalog.items, new Date(now).toISOString());
  return search.compact;
}
