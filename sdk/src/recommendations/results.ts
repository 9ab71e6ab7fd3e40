import { passesHardFilters, type RecommendationItem } from '@matbakh/contract';
import { atom, type WritableAtom } from 'nanostores';
import type { PluginContext } from '../plugin/types.ts';
import type { createDeviceRanking } from './device.ts';
import { detailOf, type recommendationsHttp } from './http.ts';
import type { CacheEntry, createLocalState } from './local.ts';
import { filtersOf, keyOf, type Prefs, type Query, queryOf } from './query.ts';
import type { RecommendationsRequest, RecommendationsResult } from './types.ts';

interface ResultsOptions {
  ctx: PluginContext;
  http: ReturnType<typeof recommendationsHttp>;
  device: ReturnType<typeof createDeviceRanking>;
  local: ReturnType<typeof createLocalState>;
  freshFor: number;
  staleFor: number;
  prefs(): Prefs;
  profiling(): boolean;
  onDevice(): boolean;
  /** A slot was asked (the plugin starts listening to the preferences then). */
  asked(): void;
}

/**
 * The answers per slot (`$recommendations`): from the cache while fresh (stale ones refreshed in the background),
 * else from the server, else from the device. Every answer goes through the visitor's hard filters and their
 * "not interested" before it is shown.
 * Long because: one closure over the per-slot stores, the cache and the in-flight requests that every answer path
 * (cache, server, device) updates together.
 */
export function createResults(o: ResultsOptions) {
  const { ctx, local } = o;
  const { state } = local;
  const stores = new Map<string, WritableAtom<RecommendationsResult | undefined>>();
  const store$ = (slot: string) => {
    if (!stores.has(slot)) stores.set(slot, atom<RecommendationsResult | undefined>(undefined));
    return stores.get(slot)!;
  };
  const inflight = new Map<string, Promise<RecommendationsResult>>();
  /** The last request and its diet/allergen filters per slot: asked again when the visitor changes those. */
  const asked = new Map<string, { request: RecommendationsRequest; filters: string }>();

  const fits = (prefs: Pick<Prefs, 'diet' | 'allergens'>) => (item: RecommendationItem) =>
    !state.excluded.has(item.id) && passesHardFilters(item, prefs.diet, prefs.allergens);
  const screen = (result: RecommendationsResult, query: Query): RecommendationsResult => ({
    ...result,
    items: result.items.filter(fits(query)),
  });
  const query = (request: RecommendationsRequest) =>
    queryOf(request, o.prefs(), { profiling: o.profiling(), onDevice: o.onDevice(), pageLocale: ctx.locale() });

  /** The server's answer; on failure the device's, or (in the background) what is shown, not published again. */
  const fromServer = async (key: string, q: Query, background: boolean): Promise<[RecommendationsResult, boolean]> => {
    try {
      const result = await o.http.recommendations(q);
      if (result.catalogEmpty) ctx.diagnostics.explain?.('catalog');
      state.cache.delete(key);
      state.cache.set(key, { at: Date.now(), result });
      if (q.onDevice) {
        local.save();
        // The device keeps a catalogue snapshot (with consent) so that it can still rank when offline later.
        void o.device.loadCatalog(q);
      }
      return [result, true];
    } catch (error) {
      const detail = detailOf(error);
      ctx.diagnostics.report('recommendations', error);
      // In the background, what is shown stays: a cached answer beats a fallback.
      const shown = background ? store$(q.slot).get() : undefined;
      return shown ? [shown, false] : [await o.device.rankOnDevice(q, detail), true];
    }
  };

  /** Asks (once per key at a time) and publishes the answer. `background`: a failure keeps what was shown. */
  const refresh = (key: string, q: Query, background: boolean): Promise<RecommendationsResult> => {
    const running = inflight.get(key);
    if (running) return running;
    const run = (async () => {
      const [result, publish] =
        q.onDevice && !q.profiling ? [await o.device.rankOnDevice(q), true] : await fromServer(key, q, background);
      if (!publish) return result;
      const screened = screen(result, q);
      store$(q.slot).set(screened);
      return screened;
    })().finally(() => inflight.delete(key));
    inflight.set(key, run);
    return run;
  };

  /** Throws a `TypeError` naming the field of a bad request. */
  const get = (request: RecommendationsRequest): Promise<RecommendationsResult> => {
    const q = query(request);
    asked.set(q.slot, { request, filters: filtersOf(q) });
    o.asked();
    const key = keyOf(q);
    const cached: CacheEntry | undefined = state.cache.get(key);
    const age = cached ? Date.now() - cached.at : Number.POSITIVE_INFINITY;
    if (!cached || age >= o.staleFor) return refresh(key, q, false);
    const stale = age >= o.freshFor;
    if (stale) void refresh(key, q, true);
    const result = screen({ ...cached.result, source: 'cache', ...(stale && { stale }) }, q);
    if (store$(q.slot).get()?.requestId !== result.requestId) store$(q.slot).set(result);
    return Promise.resolve(result);
  };

  const onPreferences = () => {
    rescreen(o.prefs(), asked, store$, fits, (request) => {
      const q = query(request);
      void refresh(keyOf(q), q, true);
    });
  };

  const clear = () => {
    for (const store of stores.values()) store.set(undefined);
  };
  return { get, store$, onPreferences, clear };
}

/**
 * The visitor changed diet or allergens: what each slot shows loses what no longer fits at once (a new object in
 * `$recommendations`, same request id), then the slot is asked again with the new filters.
 */
function rescreen(
  prefs: Prefs,
  asked: Map<string, { request: RecommendationsRequest; filters: string }>,
  store$: (slot: string) => WritableAtom<RecommendationsResult | undefined>,
  fits: (prefs: Prefs) => (item: RecommendationItem) => boolean,
  askAgain: (request: RecommendationsRequest) => void,
) {
  const filters = filtersOf(prefs);
  for (const [slot, last] of asked) {
    if (last.filters === filters) continue;
    last.filters = filters;
    const $slot = store$(slot);
    const shown = $slot.get();
    if (shown) {
      const items = shown.items.filter(fits(prefs));
      if (items.length !== shown.items.length) $slot.set({ ...shown, items });
    }
    askAgain(last.request);
  }
}
