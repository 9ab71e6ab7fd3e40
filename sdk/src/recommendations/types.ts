import type {
  ExplanationStatement,
  FeedbackKind,
  Locale,
  RecommendationAudience,
  RecommendationItem,
  RecommendationsResponse,
} from '@matbakh/contract';
import type { ReadableAtom } from 'nanostores';
import type { Client } from '../types.ts';

export type { ExplanationStatement, FeedbackKind, RecommendationItem, RecommendationsResponse };

/** What `recommendations.get` asks for. */
export interface RecommendationsRequest {
  /** Placement name ('home', 'menu', 'owner-dashboard' …): a non-empty string. */
  slot: string;
  /** 1–50 (default 10). */
  limit?: number;
  context?: {
    /** The visitor's region / delivery area. */
    region?: string;
    /** Local hour 0–23; default the device's current hour. */
    hour?: number;
    /** `guest` (dishes, restaurants; default) or `owner` (features and services). */
    audience?: RecommendationAudience;
    /** Owner audience: the restaurant (group) whose setup is used. */
    groupId?: string;
  };
  /** Locale of the reason texts; default the preferences' locale, else the page's, else the browser's. */
  locale?: Locale;
}

/**
 * Why a result did not come from the server as asked:
 * - `offline`: the browser is offline or the request failed on the network;
 * - `timeout`: no answer within `timeoutMs`;
 * - `server`: 5xx, 408 or 429;
 * - `rejected`: another 4xx (bad write key, origin not allowed …);
 * - `invalid`: the answer was not a recommendations response;
 * - `bad_request`: the call itself was wrong (`message` names the field); nothing was requested.
 */
export interface RecommendationsError {
  code: 'offline' | 'timeout' | 'server' | 'rejected' | 'invalid' | 'bad_request';
  /** HTTP status when there was one. */
  status?: number;
  message: string;
}

/**
 * A response as `recommendations.get` resolves it (it never rejects):
 * - `source: 'server'`: fresh from `GET /v1/recommendations`;
 * - `source: 'cache'`: an earlier answer for the same request (`stale: true` when older than `freshFor`: a
 *   refresh runs in the background and `$recommendations(slot)` gets its answer);
 * - `source: 'device'`: ranked on this device (see `ranker.ts`). With `error` set it is the fallback because the
 *   server could not answer; without, the visitor's device-only mode (`serverProfiling: false`).
 * When the server failed and no catalogue snapshot is available, `items` is empty and `error` says why.
 */
export interface RecommendationsResult extends RecommendationsResponse {
  source: 'server' | 'cache' | 'device';
  stale?: boolean;
  error?: RecommendationsError;
}

/** `client.recommendations`, added by {@link recommendationsPlugin}. */
export interface RecommendationsControls {
  /** Ranked items with reasons; never rejects (see {@link RecommendationsResult}). */
  get(request: RecommendationsRequest): Promise<RecommendationsResult>;
  /** The latest result for a slot: updates when a background refresh (or any `get` for the slot) answers. */
  $recommendations(slot: string): ReadableAtom<RecommendationsResult | undefined>;
  /**
   * "Not interested" / "More like this" / a dismissed action. Applied on this device at once (the item is
   * dropped from cached results, the next `get` asks again); sent to `POST /v1/feedback` only with
   * personalization consent. Never rejects.
   */
  feedback(requestId: string, itemId: string, kind: FeedbackKind): Promise<void>;
  /** "How recommendations work" (`GET /v1/recommendations/explanation`); rejects with an Error when unavailable. */
  explanation(locale?: Locale): Promise<ExplanationStatement>;
  /** `Product List Viewed` for the items seen (default all), with `request_id`, `slot` and positions. */
  trackListViewed(response: RecommendationsResponse, items?: readonly RecommendationItem[]): void;
  /** `Product Clicked` with `request_id`, `slot`, `position`; later `Product Added` / `Order Completed` for the item get the `request_id` too. */
  trackClick(response: RecommendationsResponse, item: RecommendationItem): void;
  /** Whether the server may use the visitor's history now (`profiling=1`). */
  profiling(): boolean;
}

/** A client created with {@link recommendationsPlugin}. */
export type RecommendationsClient = Client & { recommendations: RecommendationsControls };
