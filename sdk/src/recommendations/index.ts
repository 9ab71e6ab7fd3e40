/**
 * Recommendations with reasons, as a plugin of the core client:
 *
 * ```ts
 * import { createClient } from '@matbakh/sdk';
 * import { recommendationsPlugin, type RecommendationsClient } from '@matbakh/sdk/recommendations';
 * const client = createClient({ writeKey, plugins: [privacyPlugin(), recommendationsPlugin()] }) as RecommendationsClient;
 * const result = await client.recommendations.get({ slot: 'home', limit: 6, context: { region: 'Berlin' } });
 * client.recommendations.$recommendations('home').listen(render); // fresh data after a background refresh
 * ```
 *
 * Privacy by default — who may do what:
 * - **server profiling** (`profiling=1`, the subject's ids sent, feedback sent): `personalization` consent is
 *   granted, the privacy center's `recommendations` feature is on (when the privacy plugin is there), and the
 *   option `serverProfiling` is not `false`. Otherwise the request carries no identifier and `profiling=0`.
 * - **on-device personalization** (orders remembered from `Order Completed`, used by the on-device ranker, results
 *   and the catalogue kept in storage): `personalization` granted and the `recommendations` feature on. Without it
 *   nothing is recorded and nothing is written to storage (memory only, for this page).
 * - **the on-device ranker** (`ranker.ts`) answers when the server cannot (offline, timeout, 5xx, a bad answer: the
 *   result has `error` set), and instead of the server when on-device personalization is allowed but
 *   `serverProfiling: false` (a host's "keep my history on this device" mode: the result has no `error`).
 * Withdrawing personalization forgets the device's history, cache and catalogue at once. The catalogue snapshot
 * (`GET /v1/catalog`, not personal) is fetched when the device needs it, and in the background after a server
 * answer while on-device personalization is allowed, so that the device can still rank when it goes offline.
 *
 * Diet and allergens come from `client.preferences.get()` when the preferences plugin is there; they are sent as
 * hard filters and applied again to every answer (server, cache or device): a dish that does not fit is never shown.
 * When they change, every slot asked on this page drops what no longer fits at once (`$recommendations`) and is
 * asked again in the background with the new filters.
 */
import {
  ALLERGENS,
  type Allergen,
  type CatalogSnapshot,
  DIETS,
  type Diet,
  type ExplanationStatement,
  FEEDBACK_KINDS,
  type FeedbackKind,
  type JsonObject,
  LOCALES,
  type Locale,
  type Message,
  RECOMMENDATIONS_DEFAULT_LIMIT,
  RECOMMENDATIONS_MAX_LIMIT,
  type RecommendationItem,
  type RecommendationsResponse,
} from '@matbakh/contract';
import { atom, type WritableAtom } from 'nanostores';
import type { Plugin } from '../plugin.ts';
import type { ConsentView } from '../privacy/types.ts';
import { guard } from '../util/diagnostics.ts';
import { uuid } from '../util/uuid.ts';
import { detailOf, RequestFailed, requestJson } from './http.ts';
import { type CacheEntry, createLocalState } from './local.ts';
import { passesHardFilters, rank } from './ranker.ts';
import type {
  RecommendationsClient,
  RecommendationsControls,
  RecommendationsError,
  RecommendationsRequest,
  RecommendationsResult,
} from './types.ts';

export { type LocalOrder, passesHardFilters, type RankInput, rank } from './ranker.ts';
export type * from './types.ts';

export interface RecommendationsOptions {
  /** A cached answer younger than this (ms) is served without asking again (default 60,000). */
  freshFor?: number;
  /** An older one is still served at once while a refresh runs, up to this age (ms, default 24 h). */
  staleFor?: number;
  /** Give up on the server after this long (ms, default 4,000) and rank on the device. */
  timeoutMs?: number;
  /** Catalogue snapshot: how many items (default 500) and how long it is reused (ms, default 6 h). */
  catalogLimit?: number;
  catalogMaxAge?: number;
  /** `false`: never profile on the server; with personalization allowed, rank on the device instead. */
  serverProfiling?: boolean;
}

/** The part of `client.preferences` we read (the preferences plugin); anything else is ignored. */
interface PreferencesLike {
  get(): unknown;
  /** When there: diet and allergen changes re-screen and refresh what is shown (the preferences plugin's store). */
  $preferences?: { listen(listener: () => void): () => void };
}
interface Prefs {
  diet: Diet[];
  allergens: Allergen[];
  locale?: Locale;
}

interface Query {
  slot: string;
  limit: number;
  locale: Locale;
  audience: 'guest' | 'owner';
  region?: string;
  hour: number;
  groupId?: string;
  diet: Diet[];
  allergens: Allergen[];
  profiling: boolean;
  onDevice: boolean;
}

const known = <T extends string>(values: unknown, allowed: readonly T[]): T[] =>
  Array.isArray(values) ? values.filter((v): v is T => allowed.includes(v as T)) : [];

/** The first supported language of the page, then the browser; German otherwise. */
function pageLocale(): Locale {
  const tags = [globalThis.document?.documentElement.lang ?? '', ...(globalThis.navigator?.languages ?? [])];
  for (const tag of tags) {
    const language = tag.split(/[-_]/)[0]?.toLowerCase() as Locale;
    if (LOCALES.includes(language)) return language;
  }
  return 'de';
}

export function recommendationsPlugin(options: RecommendationsOptions = {}): Plugin {
  return (context) => {
    const client = context.client as RecommendationsClient;
    if (client.recommendations) return;
    const { api, writeKey, diagnostics, consent } = context;
    const freshFor = options.freshFor ?? 60_000;
    const staleFor = options.staleFor ?? 86_400_000;
    const timeoutMs = options.timeoutMs ?? 4000;
    const catalogMaxAge = options.catalogMaxAge ?? 6 * 3_600_000;

    /** The privacy center's per-feature switch, when the privacy plugin is there. */
    const featureOn = () => {
      const view = (client.consent as { $view?: { get(): ConsentView } }).$view?.get();
      return view?.features?.recommendations !== false;
    };
    const onDevice = () => consent.status('personalization') === 'granted' && featureOn();
    const profiling = () => onDevice() && options.serverProfiling !== false;

    const local = createLocalState(context.store, writeKey, onDevice);
    local.load();
    const { state } = local;
    const stores = new Map<string, WritableAtom<RecommendationsResult | undefined>>();
    const store$ = (slot: string) => {
      let store = stores.get(slot);
      if (!store) {
        store = atom<RecommendationsResult | undefined>(undefined);
        stores.set(slot, store);
      }
      return store;
    };
    const inflight = new Map<string, Promise<RecommendationsResult>>();
    /** The last request and its diet/allergen filters per slot: asked again when the visitor changes those. */
    const asked = new Map<string, { request: RecommendationsRequest; filters: string }>();
    const filtersOf = (prefs: Pick<Prefs, 'diet' | 'allergens'>) => JSON.stringify([prefs.diet, prefs.allergens]);
    /** Clicked items → where they were recommended: later `Product Added` / `Order Completed` carry the request id. */
    const clicked = new Map<string, { request_id: string; slot: string; position: number }>();

    let allowedBefore = onDevice();
    const unlisten = consent.onChange(
      guard(diagnostics, 'recommendations consent', () => {
        const allowed = onDevice();
        if (allowedBefore && !allowed) {
          local.forget();
          for (const store of stores.values()) store.set(undefined);
        } else if (!allowedBefore && allowed) local.load();
        allowedBefore = allowed;
      }),
    );

    const readPreferences = async (): Promise<Prefs> => {
      const preferences = (client as { preferences?: PreferencesLike }).preferences;
      if (typeof preferences?.get !== 'function') return { diet: [], allergens: [] };
      try {
        const value = (await preferences.get()) as Partial<Record<'diet' | 'allergens' | 'locale', unknown>> | null;
        return {
          diet: known(value?.diet, DIETS),
          allergens: known(value?.allergens, ALLERGENS),
          locale: LOCALES.includes(value?.locale as Locale) ? (value?.locale as Locale) : undefined,
        };
      } catch (error) {
        diagnostics.report('recommendations preferences', error);
        return { diet: [], allergens: [] };
      }
    };

    const queryOf = async (request: RecommendationsRequest): Promise<Query> => {
      if (typeof request?.slot !== 'string' || !request.slot.trim()) {
        throw new TypeError('recommendations.get: slot must be a non-empty string');
      }
      const limit = request.limit ?? RECOMMENDATIONS_DEFAULT_LIMIT;
      if (!Number.isInteger(limit) || limit < 1 || limit > RECOMMENDATIONS_MAX_LIMIT) {
        throw new TypeError(`recommendations.get: limit must be an integer from 1 to ${RECOMMENDATIONS_MAX_LIMIT}`);
      }
      const ctx = request.context ?? {};
      const hour = ctx.hour ?? new Date().getHours();
      if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
        throw new TypeError('recommendations.get: context.hour must be an integer from 0 to 23');
      }
      if (ctx.audience !== undefined && ctx.audience !== 'guest' && ctx.audience !== 'owner') {
        throw new TypeError('recommendations.get: context.audience must be "guest" or "owner"');
      }
      const prefs = await readPreferences();
      return {
        slot: request.slot,
        limit,
        locale: LOCALES.includes(request.locale as Locale) ? request.locale! : (prefs.locale ?? pageLocale()),
        audience: ctx.audience ?? 'guest',
        region: typeof ctx.region === 'string' && ctx.region ? ctx.region : undefined,
        hour,
        groupId: typeof ctx.groupId === 'string' && ctx.groupId ? ctx.groupId : undefined,
        diet: prefs.diet,
        allergens: prefs.allergens,
        profiling: profiling(),
        onDevice: onDevice(),
      };
    };

    /** Every answer, whatever its source, goes through the visitor's hard filters and their "not interested". */
    const screen = (result: RecommendationsResult, query: Query): RecommendationsResult => ({
      ...result,
      items: result.items.filter(
        (item) => !state.excluded.has(item.id) && passesHardFilters(item, query.diet, query.allergens),
      ),
    });

    const endpoint = (path: string, params: Record<string, string | number | undefined>) => {
      const search = new URLSearchParams({ writeKey });
      for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
      return `${api}${path}?${search}`;
    };
    const subject = () => {
      const { anonymousId, userId, userHash } = context.subject();
      return { anonymousId, ...(userId && userHash && { userId, userHash }) };
    };

    const fromServer = async (query: Query): Promise<RecommendationsResult> => {
      const url = endpoint('/v1/recommendations', {
        slot: query.slot,
        limit: query.limit,
        locale: query.locale,
        audience: query.audience,
        profiling: query.profiling ? 1 : 0,
        diet: query.diet.join(','),
        allergens: query.allergens.join(','),
        region: query.region,
        hour: query.hour,
        groupId: query.groupId,
        // The subject only when its history may be used: otherwise the request is not linkable to the visitor.
        ...(query.profiling && subject()),
      });
      const response = await requestJson<RecommendationsResponse>(url, timeoutMs);
      if (typeof response?.requestId !== 'string' || !Array.isArray(response.items)) {
        throw new RequestFailed({
          code: 'invalid',
          message: 'GET /v1/recommendations: not a recommendations response',
        });
      }
      const items = response.items.filter(
        (item): item is RecommendationItem =>
          typeof item?.id === 'string' && typeof item.title === 'string' && Array.isArray(item.reasons),
      );
      return { ...response, items, source: 'server' };
    };

    let catalogLoading: { region: string; promise: Promise<CatalogSnapshot | undefined> } | undefined;
    const loadCatalog = (query: Query): Promise<CatalogSnapshot | undefined> => {
      const region = query.region ?? '';
      const cached = state.catalog;
      if (cached && cached.region === region && Date.now() - cached.at < catalogMaxAge) {
        return Promise.resolve(cached.snapshot);
      }
      if (catalogLoading?.region !== region) {
        const promise = fetchCatalog(query, region).finally(() => {
          if (catalogLoading?.promise === promise) catalogLoading = undefined;
        });
        catalogLoading = { region, promise };
      }
      return catalogLoading.promise;
    };
    const fetchCatalog = async (query: Query, region: string): Promise<CatalogSnapshot | undefined> => {
      const cached = state.catalog;
      try {
        const url = endpoint('/v1/catalog', { region: query.region, limit: options.catalogLimit ?? 500 });
        const snapshot = await requestJson<CatalogSnapshot>(url, timeoutMs);
        if (!Array.isArray(snapshot?.items)) return cached?.snapshot;
        state.catalog = { at: Date.now(), region, snapshot };
        local.save();
        return snapshot;
      } catch (error) {
        diagnostics.report('recommendations catalog', error);
        // An older or other-region snapshot beats nothing when the server cannot be reached.
        return cached?.snapshot;
      }
    };

    const fromDevice = async (query: Query, error?: RecommendationsError): Promise<RecommendationsResult> => {
      const snapshot = await loadCatalog(query);
      const history = query.onDevice ? state.orders : [];
      const now = new Date();
      const items = snapshot
        ? rank({
            catalog: snapshot.items,
            history,
            liked: query.onDevice ? state.liked : [],
            excluded: state.excluded,
            diet: query.diet,
            allergens: query.allergens,
            audience: query.audience,
            region: query.region,
            hour: query.hour,
            month: now.getMonth() + 1,
            limit: query.limit,
            locale: query.locale,
          })
        : [];
      const personalized = history.length > 0;
      const result: RecommendationsResult = {
        requestId: `device-${uuid()}`,
        slot: query.slot,
        audience: query.audience,
        personalized,
        basis: personalized
          ? { history: true }
          : { history: false, reason: query.onDevice ? 'cold_start' : 'no_consent' },
        locale: query.locale,
        items,
        generatedAt: now.toISOString(),
        source: 'device',
      };
      if (error) result.error = error;
      else if (!snapshot) result.error = { code: 'offline', message: 'no catalogue snapshot for on-device ranking' };
      return result;
    };

    const keyOf = (q: Query) =>
      JSON.stringify([
        q.slot,
        q.limit,
        q.locale,
        q.audience,
        q.region,
        q.hour,
        q.groupId,
        q.diet,
        q.allergens,
        q.profiling,
        q.onDevice,
      ]);

    /** Asks (once per key at a time) and publishes the answer. `background`: a failure keeps what was shown. */
    const refresh = (key: string, query: Query, background: boolean): Promise<RecommendationsResult> => {
      const running = inflight.get(key);
      if (running) return running;
      const run = (async () => {
        let result: RecommendationsResult;
        if (query.onDevice && !query.profiling) {
          result = await fromDevice(query);
        } else {
          try {
            result = await fromServer(query);
            state.cache.delete(key);
            state.cache.set(key, { at: Date.now(), result });
            if (query.onDevice) {
              local.save();
              // The device keeps a catalogue snapshot (with consent) so that it can still rank when offline later.
              void loadCatalog(query);
            }
          } catch (error) {
            const detail = detailOf(error);
            diagnostics.report('recommendations', detail.message);
            // In the background, what is shown stays: a cached answer beats a fallback.
            const shown = background ? store$(query.slot).get() : undefined;
            if (shown) return shown;
            result = await fromDevice(query, detail);
          }
        }
        const screened = screen(result, query);
        store$(query.slot).set(screened);
        return screened;
      })().finally(() => inflight.delete(key));
      inflight.set(key, run);
      return run;
    };

    const get = async (request: RecommendationsRequest): Promise<RecommendationsResult> => {
      let query: Query;
      try {
        query = await queryOf(request);
        asked.set(query.slot, { request, filters: filtersOf(query) });
        watchPreferences();
      } catch (error) {
        diagnostics.report('recommendations.get', error);
        const slot = typeof request?.slot === 'string' ? request.slot : '';
        return {
          requestId: '',
          slot,
          audience: 'guest',
          personalized: false,
          basis: { history: false, reason: 'no_consent' },
          locale: pageLocale(),
          items: [],
          generatedAt: new Date().toISOString(),
          source: 'device',
          error: { code: 'bad_request', message: (error as Error).message },
        };
      }
      const key = keyOf(query);
      const cached: CacheEntry | undefined = state.cache.get(key);
      const age = cached ? Date.now() - cached.at : Number.POSITIVE_INFINITY;
      if (cached && age < staleFor) {
        const stale = age >= freshFor;
        if (stale) void refresh(key, query, true);
        const result = screen({ ...cached.result, source: 'cache', ...(stale && { stale }) }, query);
        if (store$(query.slot).get()?.requestId !== result.requestId) store$(query.slot).set(result);
        return result;
      }
      return refresh(key, query, false);
    };

    /**
     * The visitor changed diet or allergens: what each slot shows loses what no longer fits at once (a new
     * object in `$recommendations`, same request id), then the slot is asked again with the new filters.
     */
    const onPreferences = async () => {
      const prefs = await readPreferences();
      const filters = filtersOf(prefs);
      for (const [slot, last] of asked) {
        if (last.filters === filters) continue;
        last.filters = filters;
        const $slot = store$(slot);
        const shown = $slot.get();
        if (shown) {
          const items = shown.items.filter(
            (item) => !state.excluded.has(item.id) && passesHardFilters(item, prefs.diet, prefs.allergens),
          );
          if (items.length !== shown.items.length) $slot.set({ ...shown, items });
        }
        const query = await queryOf(last.request);
        void refresh(keyOf(query), query, true);
      }
    };
    let unwatch: (() => void) | undefined;
    /** Listens to the preferences plugin's store once a slot was asked (it may be added after this plugin). */
    const watchPreferences = () => {
      const $preferences = (client as { preferences?: PreferencesLike }).preferences?.$preferences;
      if (unwatch || typeof $preferences?.listen !== 'function') return;
      unwatch = $preferences.listen(() => void onPreferences().catch((e) => diagnostics.report('recommendations', e)));
    };

    const feedback = async (requestId: string, itemId: string, kind: FeedbackKind): Promise<void> => {
      if (typeof itemId !== 'string' || !itemId) throw new TypeError('recommendations.feedback: itemId is required');
      if (!FEEDBACK_KINDS.includes(kind)) {
        throw new TypeError(`recommendations.feedback: kind must be one of ${FEEDBACK_KINDS.join(', ')}`);
      }
      if (kind === 'not_interested') state.excluded.add(itemId);
      if (kind === 'more_like_this' && !state.liked.includes(itemId)) state.liked.push(itemId);
      // The next ranking must reflect it: cached answers lose the item and count as stale.
      for (const entry of state.cache.values()) {
        entry.at = 0;
        if (kind === 'not_interested') entry.result.items = entry.result.items.filter((item) => item.id !== itemId);
      }
      local.save();
      if (!profiling() || requestId.startsWith('device-')) return;
      await requestJson(endpoint('/v1/feedback', {}), timeoutMs, {
        writeKey,
        ...subject(),
        requestId,
        itemId,
        kind,
      });
    };

    const explanations = new Map<Locale, Promise<ExplanationStatement>>();
    const explanation = (locale?: Locale): Promise<ExplanationStatement> => {
      const wanted = LOCALES.includes(locale as Locale) ? (locale as Locale) : pageLocale();
      let pending = explanations.get(wanted);
      if (!pending) {
        pending = requestJson<ExplanationStatement>(
          endpoint('/v1/recommendations/explanation', { locale: wanted }),
          timeoutMs,
        );
        explanations.set(wanted, pending);
        pending.catch(() => explanations.delete(wanted));
      }
      return pending;
    };

    const productOf = (response: RecommendationsResponse, item: RecommendationItem): JsonObject => {
      const product: JsonObject = {
        product_id: item.id,
        position: response.items.findIndex((i) => i.id === item.id) + 1,
        name: item.title,
        category: item.kind,
      };
      if (item.price) {
        product.price = item.price.amount;
        product.currency = item.price.currency;
      }
      if (item.url) product.url = item.url;
      return product;
    };

    const trackListViewed = (response: RecommendationsResponse, items?: readonly RecommendationItem[]) => {
      const seen = items ?? response.items;
      if (!seen.length) return;
      client.track('Product List Viewed', {
        list_id: response.slot,
        request_id: response.requestId,
        slot: response.slot,
        products: seen.map((item) => productOf(response, item)),
      });
    };

    const trackClick = (response: RecommendationsResponse, item: RecommendationItem) => {
      const product = productOf(response, item);
      client.track('Product Clicked', { ...product, request_id: response.requestId, slot: response.slot });
      clicked.delete(item.id);
      clicked.set(item.id, {
        request_id: response.requestId,
        slot: response.slot,
        position: product.position as number,
      });
      if (clicked.size > 50) clicked.delete(clicked.keys().next().value as string);
    };

    /** Sees every message before the consent gate: remembers orders (with consent), attributes recommended products. */
    const observe = (message: Message): Message => {
      if (message.type !== 'track') return message;
      const { event, properties } = message;
      if (event !== 'Order Completed' && event !== 'Product Added') return message;
      const products = Array.isArray(properties.products) ? (properties.products as JsonObject[]) : [];
      if (event === 'Order Completed' && onDevice()) {
        const ids = products.map((p) => p?.product_id).filter((id): id is string => typeof id === 'string');
        if (ids.length) local.addOrder({ ids, hour: new Date(message.timestamp).getHours() });
      }
      if (!clicked.size) return message;
      const attribute = (product: JsonObject) => {
        const from = typeof product?.product_id === 'string' ? clicked.get(product.product_id) : undefined;
        return from ? { ...product, ...from } : product;
      };
      return {
        ...message,
        properties:
          event === 'Product Added' ? attribute(properties) : { ...properties, products: products.map(attribute) },
      };
    };
    client.use(observe);

    const safe = <A extends unknown[], R>(where: string, fn: (...args: A) => R) => guard(diagnostics, where, fn);
    const never = <T>(where: string, fn: () => Promise<T>, fallback: T): Promise<T> =>
      Promise.resolve()
        .then(fn)
        .catch((error) => {
          diagnostics.report(where, error);
          return fallback;
        });

    const controls: RecommendationsControls = {
      get: (request) =>
        Promise.resolve()
          .then(() => get(request))
          .catch((error) => {
            diagnostics.report('recommendations.get', error);
            return {
              requestId: '',
              slot: String(request?.slot ?? ''),
              audience: 'guest',
              personalized: false,
              basis: { history: false },
              locale: pageLocale(),
              items: [],
              generatedAt: new Date().toISOString(),
              source: 'device',
              error: { code: 'invalid', message: String((error as Error)?.message) },
            } satisfies RecommendationsResult;
          }),
      $recommendations: (slot) => store$(String(slot)),
      feedback: (requestId, itemId, kind) =>
        never('recommendations.feedback', () => feedback(String(requestId ?? ''), itemId, kind), undefined),
      explanation: (locale) => Promise.resolve().then(() => explanation(locale)),
      trackListViewed: safe(
        'recommendations.trackListViewed',
        trackListViewed,
      ) as RecommendationsControls['trackListViewed'],
      trackClick: safe('recommendations.trackClick', trackClick) as RecommendationsControls['trackClick'],
      profiling,
    };
    client.recommendations = controls;

    const destroy = client.destroy;
    client.destroy = () => {
      unlisten();
      unwatch?.();
      destroy();
    };
  };
}
