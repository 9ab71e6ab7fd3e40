/**
 * Search with autocomplete (issue 20), as a plugin of the core client:
 *
 * ```ts
 * import { searchPlugin } from '@matbakh/sdk/search';
 * const client = createClient({ writeKey, plugins: [privacyPlugin(), preferencesPlugin(), searchPlugin()] });
 * const result = await client.search.query('falafl', { limit: 5, signal });
 * ```
 *
 * Who answers: the server (`GET /v1/search`, with the subject's ids, so its stored diet/allergens and the
 * personal blend apply) when personalization is granted and the browser is online; otherwise the device, over the
 * compact index it fetched once — with the same engine, normalisation and diet/allergen filter. A failed server
 * request falls back to the device too (`error` set). The preferences plugin's diet and allergens are applied on
 * the device and sent to neither (the server has its own stored copy).
 *
 * `client.search.suggestions()` is what an empty, focused box offers (`GET /v1/search/suggestions`: "your usual"
 * only under the personalization consent, "popular now", "in season"), with the guest's recent searches, which
 * stay on this device, only with the preferences consent (`recent()`, `clearRecent()`).
 */
import {
  ALLERGENS,
  DIETS,
  passesHardFilters,
  SEARCH_DEFAULT_LIMIT,
  type SearchHit,
  type SearchResponse,
  type SearchSuggestionsResponse,
} from '@matbakh/contract';
import { definePlugin } from '../plugin/define.ts';
import { ApiError } from '../plugin/http.ts';
import type { PluginContext } from '../plugin/types.ts';
import { uuid } from '../util/uuid.ts';
import { createDeviceSearch, type DeviceSearch } from './device.ts';
import { recentSearches } from './recent.ts';
import type {
  SearchControls,
  SearchQueryOptions,
  SearchResult,
  SearchSuggestions,
  SuggestionsOptions,
} from './types.ts';

export type * from './types.ts';

export interface SearchOptions {
  /** Give up on the server after this long (ms, default 2,500) and answer from the device. */
  timeoutMs?: number;
}

declare module '../plugin/types.ts' {
  interface PluginApis {
    search: SearchControls;
  }
}

const known = <T extends string>(values: unknown, allowed: readonly T[]): T[] =>
  Array.isArray(values) ? values.filter((v): v is T => allowed.includes(v as T)) : [];

function filtersOf(ctx: PluginContext) {
  const value = ctx.plugin('preferences')?.get() as { diet?: unknown; allergens?: unknown } | null | undefined;
  return { diet: known(value?.diet, DIETS), allergens: known(value?.allergens, ALLERGENS) };
}

/**
 * Keeps the hits of each group the page's diet and allergens allow (judged by the compact index's tags). Without
 * the index, `unknown` decides: a search answer keeps the server's (filtered by the stored constraints), while
 * suggestions, which nobody asked for, drop the dishes that cannot be checked.
 */
async function pageFilter<G extends { hits: SearchHit[] }>(
  ctx: PluginContext,
  device: DeviceSearch,
  groups: G[],
  unknown: 'keep' | 'drop',
) {
  const { diet, allergens } = filtersOf(ctx);
  if (diet.length === 0 && allergens.length === 0) return groups;
  const index = await device.ready().catch(() => undefined);
  if (!index && unknown === 'keep') return groups;
  const fits = (id: string) => {
    const doc = index?.docs.get(id);
    if (!doc) return unknown === 'keep';
    return doc.type !== 'dish' || passesHardFilters(doc, diet, allergens);
  };
  return groups.map((g) => ({ ...g, hits: g.hits.filter((h) => fits(h.id)) })).filter((g) => g.hits.length > 0);
}

/** The guest's local hour: the server's clock does not know the page's time zone. */
const localHour = () => String(new Date().getHours());

// Long because: one plugin's setup: a closure over the index, the pending query and the recent searches its API
// methods share; the parts with their own job (device index, filters, query parsing) are already modules.
export const searchPlugin = (options: SearchOptions = {}) =>
  definePlugin({
    name: 'search',
    after: ['preferences', 'privacy'],
    setup(ctx) {
      const timeoutMs = options.timeoutMs ?? 2500;
      const device = createDeviceSearch(ctx.http, timeoutMs * 2);
      const personal = () => ctx.consent.status('personalization') === 'granted';

      const fromDevice = async (q: string, query: SearchQueryOptions, error?: string): Promise<SearchResult> => {
        const response = await device.search({
          q,
          limit: query.limit ?? SEARCH_DEFAULT_LIMIT,
          ...(query.types ? { types: query.types } : {}),
          ...filtersOf(ctx),
        });
        query.signal?.throwIfAborted();
        return { ...response, personalized: false, source: 'device', ...(error ? { error } : {}) };
      };

      const fromServer = async (q: string, query: SearchQueryOptions): Promise<SearchResult> => {
        const { anonymousId, userId, userHash } = ctx.subject();
        const response = await ctx.http.request<SearchResponse>('GET', '/v1/search', {
          query: {
            q,
            limit: query.limit,
            type: query.types?.join(','),
            hour: localHour(),
            anonymousId,
            ...(userId && userHash ? { userId, userHash } : {}),
          },
          timeoutMs,
          skipWhenOffline: true,
          ...(query.signal ? { signal: query.signal } : {}),
        });
        // The server's filter is the stored one; the preferences on this page may be newer: apply both.
        const groups = await pageFilter(ctx, device, response.groups, 'keep');
        return { ...response, groups, total: groups.reduce((n, g) => n + g.hits.length, 0), source: 'server' };
      };

      const recent = recentSearches(ctx.store, ctx.consent, ctx.writeKey);

      const suggestions = async (query: SuggestionsOptions = {}): Promise<SearchSuggestions> => {
        const mine = recent.list();
        // The subject's ids only under the personalization consent ("your usual"); popular and in season are
        // the tenant's, the same for every guest at this hour.
        const ids = personal() ? ctx.subject() : undefined;
        try {
          const response = await ctx.http.request<SearchSuggestionsResponse>('GET', '/v1/search/suggestions', {
            query: {
              limit: query.limit,
              hour: localHour(),
              ...(ids
                ? {
                    anonymousId: ids.anonymousId,
                    ...(ids.userId && ids.userHash ? { userId: ids.userId, userHash: ids.userHash } : {}),
                  }
                : {}),
            },
            timeoutMs,
            skipWhenOffline: true,
            ...(query.signal ? { signal: query.signal } : {}),
          });
          const groups = await pageFilter(ctx, device, response.groups, 'drop');
          return { groups, recent: mine, personalized: response.personalized, source: 'server' };
        } catch (error) {
          if (query.signal?.aborted) throw error;
          const message = error instanceof Error ? error.message : String(error);
          return { groups: [], recent: mine, personalized: false, source: 'device', error: message };
        }
      };

      const api: SearchControls = {
        async query(q, query = {}) {
          const text = String(q ?? '').trim();
          if (text === '') return { query: '', groups: [], total: 0, personalized: false, source: 'device' };
          if (!personal()) return fromDevice(text, query);
          try {
            return await fromServer(text, query);
          } catch (error) {
            if (query.signal?.aborted) throw error;
            // A request the server refused is a bug to see; every other failure is the network's: the device answers.
            if (error instanceof ApiError && error.code === 'rejected') ctx.diagnostics.report('search', error);
            return fromDevice(text, query, error instanceof Error ? error.message : String(error));
          }
        },
        prefetch: () =>
          device.ready().then(
            () => undefined,
            (error: unknown) => ctx.diagnostics.report('search.prefetch', error),
          ),
        track: ctx.guard('search.track', (q: string, results: number) => {
          const text = String(q ?? '').trim();
          if (results > 0) recent.add(text);
          // Ties the picks of this search (`Product Clicked`) to it in the KPI report, and their orders.
          const searchId = uuid();
          ctx.track('Products Searched', {
            search_id: searchId,
            query_length: [...text].length,
            results,
            // The text a guest typed is theirs: sent only when they allowed analytics.
            ...(ctx.consent.status('analytics') === 'granted' ? { query: text } : {}),
          });
          return searchId;
        }) as SearchControls['track'],
        select: ctx.guard('search.select', (hit: SearchHit, pick: Parameters<SearchControls['select']>[1]) => {
          ctx.track('Product Clicked', {
            product_id: hit.id,
            name: hit.name,
            position: pick.position,
            ...(hit.restaurantId === undefined ? {} : { restaurant_id: hit.restaurantId }),
            ...(hit.price ? { price: hit.price.amount, currency: hit.price.currency } : {}),
            ...(pick.searchId === undefined ? {} : { search_id: pick.searchId }),
            ...(pick.suggestion === undefined ? {} : { suggestion: pick.suggestion }),
          });
        }) as SearchControls['select'],
        suggestions,
        recent: () => recent.list(),
        clearRecent: () => recent.clear(),
      };
      return { api, on: { consent: () => recent.consentChanged() } };
    },
  });
