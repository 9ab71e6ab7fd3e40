/**
 * Each tenant's search index in this process, kept in step with its stored catalogue. The catalogue's stamp (row
 * count + last update, checked with one indexed query by loadCatalog) says when it changed — by an upload on any
 * instance or the CLI. The aggregation worker brings the index up to date after a change (`refreshSearchIndexes`),
 * so no request pays for it; a request that still finds it behind (an instance without a worker, a request before
 * the next pass) updates it itself. Either way only the changed documents are re-indexed; a process's first index
 * of a tenant is a full build.
 */
import {
  createSearchIndex,
  encodeSearchIndex,
  type SearchIndex,
  type SearchIndexChanges,
  type SearchIndexResponse,
  searchDocs,
  updateSearchIndex,
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

/** How the index of a tenant was brought to its catalogue: built anew, updated, or already current. */
export type SearchRefresh =
  | { kind: 'current' }
  | { kind: 'built'; documents: number }
  | ({ kind: 'updated' } & SearchIndexChanges);

const cache = new WeakMap<Db, Map<string, TenantSearch>>();

function perDb(db: Db): Map<string, TenantSearch> {
  let tenants = cache.get(db);
  if (!tenants) {
    tenants = new Map();
    cache.set(db, tenants);
  }
  return tenants;
}

/**
 * The tenant's index for the catalogue as stored now. Everything after the catalogue read is synchronous, so
 * concurrent requests never build or update twice: the first one through brings the entry to the stamp, the next
 * finds it current.
 */
async function refresh(db: Db, tenantId: string): Promise<{ search: TenantSearch; refresh: SearchRefresh }> {
  const catalog = await loadCatalog(db, tenantId);
  const tenants = perDb(db);
  const cached = tenants.get(tenantId);
  if (cached?.stamp === catalog.stamp) return { search: cached, refresh: { kind: 'current' } };
  const docs = searchDocs(catalog.items);
  if (cached) {
    const changes = updateSearchIndex(cached.index, docs);
    // A new entry (the compact form is the catalogue's), the same engine, updated in place.
    const search: TenantSearch = { stamp: catalog.stamp, catalog, index: cached.index };
    tenants.set(tenantId, search);
    return { search, refresh: { kind: 'updated', ...changes } };
  }
  const search: TenantSearch = { stamp: catalog.stamp, catalog, index: createSearchIndex(docs) };
  tenants.set(tenantId, search);
  return { search, refresh: { kind: 'built', documents: docs.length } };
}

export async function tenantSearch(db: Db, tenantId: string): Promise<TenantSearch> {
  return (await refresh(db, tenantId)).search;
}

/** Brings one tenant's index to its stored catalogue now and says what that took (tests, the worker). */
export async function refreshTenantSearch(db: Db, tenantId: string): Promise<SearchRefresh> {
  return (await refresh(db, tenantId)).refresh;
}

/**
 * A worker pass step: every tenant with a catalogue gets its index built or updated here, off the request path.
 * Counts the documents (re)indexed, for the pass's log line.
 */
export async function refreshSearchIndexes(db: Db): Promise<{ searchIndexed: number }> {
  const tenants = await db.all<{ id: string }>(
    'SELECT id FROM tenants t WHERE EXISTS (SELECT 1 FROM catalog_items c WHERE c.tenant_id = t.id) ORDER BY id',
  );
  let searchIndexed = 0;
  for (const { id } of tenants) {
    const done = await refreshTenantSearch(db, id);
    if (done.kind === 'built') searchIndexed += done.documents;
    if (done.kind === 'updated') searchIndexed += done.added + done.replaced + done.removed;
  }
  return { searchIndexed };
}

/** The compact index of the tenant's current catalogue (made once per catalogue version). */
export async function compactIndex(db: Db, tenantId: string, now: number): Promise<SearchIndexResponse> {
  const search = await tenantSearch(db, tenantId);
  search.compact ??= encodeSearchIndex(search.catalog.items, new Date(now).toISOString());
  return search.compact;
}
