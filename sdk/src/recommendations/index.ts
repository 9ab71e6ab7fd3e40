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
 * Diet and allergens come from the preferences plugin (`ctx.plugin('preferences')`) when it is there; they are sent as
 * hard filters and applied again to every answer (server, cache or device): a dish that does not fit is never shown.
 * When they change, every slot asked on this page drops what no longer fits at once (`$recommendations`) and is
 * asked again in the background with the new filters.
 *
 * One module per job: query.ts (checking a request), http.ts (the API), results.ts (cache and answers per slot),
 * device.ts and ranker.ts (on-device ranking), local.ts (what the device keeps), tracking.ts (commerce events).
 */
import { type ExplanationStatement, FEEDBACK_KINDS, type FeedbackKind, isLocale, type Locale } from '@matbakh/contract';
import { definePlugin } from '../plugin/define.ts';
import type { PluginContext } from '../plugin/types.ts';
import { createDeviceRanking } from './device.ts';
import { recommendationsHttp } from './http.ts';
import { createLocalState } from './local.ts';
import { type Prefs, prefsOf } from './query.ts';
import { createResults } from './results.ts';
import { createTracking } from './tracking.ts';
import type { RecommendationsControls, RecommendationsRequest, RecommendationsResult } from './types.ts';

export { passesHardFilters } from '@matbakh/contract';
// The ranker itself is `@matbakh/sdk/recommendations/ranker`: a static re-export here would pull it into every
// page that shows recommendations, while the plugin fetches it only when the device ranks (device.ts).
export type { LocalOrder, RankInput } from './ranker.ts';
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

declare module '../plugin/types.ts' {
  interface PluginApis {
    recommendations: RecommendationsControls;
  }
}

export const recommendationsPlugin = (options: RecommendationsOptions = {}) =>
  definePlugin({
    name: 'recommendations',
    // Diet and allergens come from the preferences when that plugin is there.
    after: ['preferences'],
    setup(ctx) {
      const { diagnostics, consent } = ctx;
      const timeoutMs = options.timeoutMs ?? 4000;
      /** The privacy center's per-feature switch, when the privacy plugin is there. */
      const onDevice = () =>
        consent.status('personalization') === 'granted' && ctx.consentView()?.features?.recommendations !== false;
      const profiling = () => onDevice() && options.serverProfiling !== false;
      const subject = () => {
        const { anonymousId, userId, userHash } = ctx.subject();
        return { anonymousId, ...(userId && userHash && { userId, userHash }) };
      };
      const http = recommendationsHttp(ctx.http, ctx.writeKey, timeoutMs, subject);
      const local = createLocalState(ctx.store, ctx.writeKey, onDevice);
      local.load();
      const device = createDeviceRanking({
        http,
        local,
        diagnostics,
        catalogLimit: options.catalogLimit ?? 500,
        catalogMaxAge: options.catalogMaxAge ?? 6 * 3_600_000,
      });
      let unwatch: (() => void) | undefined;
      const results = createResults({
        ctx,
        http,
        device,
        local,
        freshFor: options.freshFor ?? 60_000,
        staleFor: options.staleFor ?? 86_400_000,
        prefs: () => readPrefs(ctx),
        profiling,
        onDevice,
        // Listens to the preferences once a slot was asked (the plugin may be added after this one).
        asked() {
          const $preferences = ctx.plugin('preferences')?.$preferences;
          if (unwatch || !$preferences) return;
          unwatch = $preferences.listen(ctx.guard('recommendations', results.onPreferences));
        },
      });
      const tracking = createTracking(ctx, (ids, at) => {
        if (onDevice()) local.addOrder({ ids, hour: new Date(at).getHours() });
      });
      const feedback = feedbackOf(local, () => profiling(), http.feedback);

      let allowedBefore = onDevice();
      const onConsent = () => {
        const allowed = onDevice();
        if (allowedBefore && !allowed) {
          local.forget();
          results.clear();
        } else if (!allowedBefore && allowed) local.load();
        allowedBefore = allowed;
      };
      const api: RecommendationsControls = {
        get: (request) => answer(ctx, () => results.get(request), request),
        $recommendations: (slot) => results.store$(String(slot)),
        feedback: (requestId, itemId, kind) =>
          Promise.resolve()
            .then(() => feedback(String(requestId ?? ''), itemId, kind))
            .catch((error) => diagnostics.report('recommendations.feedback', error)),
        explanation: explanations(ctx, http.explanation),
        trackListViewed: ctx.guard('recommendations.trackListViewed', tracking.trackListViewed),
        trackClick: ctx.guard('recommendations.trackClick', tracking.trackClick),
        profiling,
      };
      return { api, middleware: tracking.observe, on: { consent: onConsent, destroy: () => unwatch?.() } };
    },
  });

/** The visitor's filters; a failing preferences plugin counts as none (and is reported). */
function readPrefs(ctx: PluginContext): Prefs {
  try {
    return prefsOf(ctx.plugin('preferences'));
  } catch (error) {
    ctx.diagnostics.report('recommendations preferences', error);
    return { diet: [], allergens: [] };
  }
}

/** `get` never rejects: a bad request or an internal failure answers an empty result with `error`. */
function answer(
  ctx: PluginContext,
  run: () => Promise<RecommendationsResult>,
  request: RecommendationsRequest,
): Promise<RecommendationsResult> {
  const empty = (code: 'bad_request' | 'invalid', error: unknown): RecommendationsResult => {
    ctx.diagnostics.report('recommendations.get', error);
    return {
      requestId: '',
      slot: typeof request?.slot === 'string' ? request.slot : String(request?.slot ?? ''),
      audience: 'guest',
      personalized: false,
      basis: code === 'bad_request' ? { history: false, reason: 'no_consent' } : { history: false },
      locale: ctx.locale(),
      items: [],
      generatedAt: new Date().toISOString(),
      source: 'device',
      error: { code, message: String((error as Error)?.message) },
    };
  };
  return Promise.resolve()
    .then(() => {
      try {
        return run();
      } catch (error) {
        return empty('bad_request', error);
      }
    })
    .catch((error) => empty('invalid', error));
}

/** "Not interested" / "More like this": applied on the device at once, sent only with profiling consent. */
function feedbackOf(
  local: ReturnType<typeof createLocalState>,
  profiling: () => boolean,
  send: (requestId: string, itemId: string, kind: FeedbackKind) => Promise<unknown>,
) {
  const { state } = local;
  return async (requestId: string, itemId: string, kind: FeedbackKind): Promise<void> => {
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
    await send(requestId, itemId, kind);
  };
}

/** "How recommendations work", once per locale (again after a failure). */
function explanations(ctx: PluginContext, load: (locale: Locale) => Promise<ExplanationStatement>) {
  const cache = new Map<Locale, Promise<ExplanationStatement>>();
  return (locale?: Locale): Promise<ExplanationStatement> =>
    Promise.resolve().then(() => {
      const wanted = isLocale(locale) ? locale : ctx.locale();
      let pending = cache.get(wanted);
      if (!pending) {
        pending = load(wanted);
        cache.set(wanted, pending);
        pending.catch(() => cache.delete(wanted));
      }
      return pending;
    });
}
