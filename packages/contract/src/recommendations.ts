/**
 * Recommendations with reasons (`GET /v1/recommendations`), feedback (`POST /v1/feedback`), the "How
 * recommendations work" statement (`GET /v1/recommendations/explanation`), the catalogue snapshot for the SDK's
 * on-device fallback ranker (`GET /v1/catalog`) and the tenant's catalogue upload (`POST /v1/admin/catalog`).
 * Their texts: `recommendations.messages.ts`.
 */
import type { Locale } from './config.ts';
import type { Allergen, Diet } from './preferences.ts';

/** What a recommendation points at: a dish or restaurant for guests, a feature/service for owners. */
export type RecommendationKind = 'dish' | 'restaurant' | 'feature';
export const RECOMMENDATION_KINDS: readonly RecommendationKind[] = ['dish', 'restaurant', 'feature'];

/** Who the list is for: guests get dishes and restaurants, owners get features and services. */
export type RecommendationAudience = 'guest' | 'owner';
export const RECOMMENDATION_AUDIENCES: readonly RecommendationAudience[] = ['guest', 'owner'];

/** Machine-readable why. Every item carries at least one, with the parameters its text names. */
export type ReasonCode =
  /** params: `item` (title of what the visitor ordered) */
  | 'because_you_ordered'
  /** params: `region` */
  | 'popular_near_you'
  /** params: `growth` (percent more orders in the last 7 days than the 28 before, per day) */
  | 'trending'
  /** params: `diets` (comma-separated diet ids the visitor chose and the item carries) */
  | 'fits_your_diet'
  /** params: `hour` (0–23, the visitor's usual order hour) */
  | 'usually_at_this_time'
  /** params: none required; `cuisine` when known */
  | 'new_for_you'
  /** params: `item` (title of what the visitor asked for more of) */
  | 'more_like_this'
  /** params: `season` ('spring' | 'summer' | 'autumn' | 'winter') */
  | 'seasonal'
  /** params: `detail` (the rule, a key of `OWNER_SETUP_TEXTS`, e.g. 'locations_without_analytics') plus its values (`locations` …) */
  | 'owner_setup'
  /** params: none required; `count` (orders in the window) when known */
  | 'popular';

export const REASON_CODES: readonly ReasonCode[] = [
  'because_you_ordered',
  'popular_near_you',
  'trending',
  'fits_your_diet',
  'usually_at_this_time',
  'new_for_you',
  'more_like_this',
  'seasonal',
  'owner_setup',
  'popular',
];

export type ReasonParams = Record<string, string | number>;

export interface Reason {
  code: ReasonCode;
  params: ReasonParams;
  /** Display text in the response's locale (`reasonText(code, params, locale)`): plain text, never HTML. */
  text: string;
}

export interface Money {
  amount: number;
  /** ISO 4217, e.g. 'EUR'. */
  currency: string;
}

export interface RecommendationImage {
  url: string;
  /** Explicit size so cards reserve their space (no layout shift). */
  width: number;
  height: number;
  alt: string;
}

export interface RecommendationItem {
  /** Catalogue id: `d-…` dishes, `r-…` restaurants, `feature:…` owner features (any string the tenant chose). */
  id: string;
  kind: RecommendationKind;
  title: string;
  subtitle?: string;
  restaurantId?: string;
  restaurantName?: string;
  price?: Money;
  image?: RecommendationImage;
  /** Where the card links. Clients must only follow http(s) URLs. */
  url?: string;
  tags: string[];
  diet: Diet[];
  allergens: Allergen[];
  region?: string;
  /** At least one. */
  reasons: Reason[];
  /** Ranking score, higher first; comparable only within one response. */
  score: number;
}

/** Why a response is not personalized (or is, from what). */
export interface RecommendationBasis {
  /** Whether the subject's own history (orders, views, feedback) was used. */
  history: boolean;
  /** Set when `history` is false: no personalization consent, no history yet, or no subject given. */
  reason?: 'no_consent' | 'cold_start' | 'not_identified';
}

export interface RecommendationsResponse {
  /** Random id: send it back with feedback and with `Product List Viewed` / `Product Clicked` for attribution. */
  requestId: string;
  slot: string;
  audience: RecommendationAudience;
  personalized: boolean;
  basis: RecommendationBasis;
  locale: Locale;
  items: RecommendationItem[];
  generatedAt: string;
  /**
   * Set when the tenant has no catalogue at all (`items` is empty for that reason, not for the filters): the SDK
   * tells the developer in debug mode how to load one.
   */
  catalogEmpty?: true;
}

/**
 * `GET /v1/recommendations` query. All strings on the wire; this is the parsed form.
 * - `writeKey` (or the `X-Write-Key` header, as elsewhere)
 * - `slot`: free placement name ('home', 'menu', 'owner-dashboard' …), default 'default'
 * - `limit`: 1–50, default 10
 * - `locale`: de | en | ar, default de
 * - `audience`: guest | owner, default guest
 * - `profiling`: '1' only when the visitor granted `personalization` consent; otherwise no personal history is used
 * - `diet`, `allergens`: comma-separated ids (hard filters, never violated)
 * - `region`: the visitor's region/delivery area; `hour`: 0–23 local hour (context), default the server's hour
 * - `anonymousId`, `userId`, `userHash`: the subject (userId needs userHash, else 403)
 * - `groupId`: owner audience only, the restaurant (group) whose setup is used
 */
export interface RecommendationsQuery {
  slot: string;
  limit: number;
  locale: Locale;
  audience: RecommendationAudience;
  profiling: boolean;
  diet: Diet[];
  allergens: Allergen[];
  region?: string;
  hour?: number;
  anonymousId?: string;
  userId?: string;
  userHash?: string;
  groupId?: string;
  /**
   * Owner audience: HMAC-SHA256(tenant secret, userId + ':' + groupId) from the partner's backend. Proves that the
   * user acts for that restaurant (otherwise only restaurants proven by earlier `group` calls count).
   */
  groupHash?: string;
}

export const RECOMMENDATIONS_DEFAULT_LIMIT = 10;
export const RECOMMENDATIONS_MAX_LIMIT = 50;

export type FeedbackKind = 'not_interested' | 'more_like_this' | 'dismissed_action';
export const FEEDBACK_KINDS: readonly FeedbackKind[] = ['not_interested', 'more_like_this', 'dismissed_action'];

/** `POST /v1/feedback` → 201 `FeedbackResponse`. Affects the subject's next ranking. */
export interface FeedbackRequest {
  writeKey?: string;
  anonymousId: string;
  userId?: string;
  userHash?: string;
  /** The `requestId` of the response the item came from (attribution). */
  requestId: string;
  itemId: string;
  kind: FeedbackKind;
}

export interface FeedbackResponse {
  id: number;
  receivedAt: string;
}

/** `GET /v1/recommendations/explanation?locale=`: "How recommendations work" (DSA Art. 27 spirit). */
export interface ExplanationStatement {
  locale: Locale;
  title: string;
  intro: string;
  /** The main ranking parameters, in plain language, in order of weight. */
  parameters: { name: string; description: string }[];
  /** How the visitor can change what they see. */
  controls: string[];
  /** The option that uses no profiling. */
  nonProfiled: string;
}

/** Owner feature prerequisites: a feature is only recommended when the owner's setup meets them. */
export interface FeatureRequirements {
  minLocations?: number;
  /** Services that must already be active (e.g. 'online_ordering' before 'delivery_zones'). */
  services?: string[];
  /** Restaurant types it fits; empty/absent: all. */
  restaurantTypes?: string[];
}

/**
 * One catalogue row (the admin upload schema and the `GET /v1/catalog` snapshot).
 * - `restaurant`: `name`, `cuisine`, `region` required.
 * - `dish`: `name`, `restaurantId` (an uploaded or stored restaurant) required; inherits region/cuisine when absent.
 * - `feature`: `id` must start with `feature:`; `name` required.
 */
export interface CatalogItem {
  id: string;
  kind: RecommendationKind;
  name: string;
  description?: string;
  cuisine?: string;
  diet: Diet[];
  allergens: Allergen[];
  price?: Money;
  region?: string;
  restaurantId?: string;
  image?: RecommendationImage;
  url?: string;
  tags: string[];
  /** Months (1–12) the item is in season; empty/absent: all year. */
  seasonMonths?: number[];
  requirements?: FeatureRequirements;
  createdAt?: string;
  /** Snapshot only: orders in the last 35 days (the on-device ranker's popularity signal). */
  popularity?: number;
  /** Snapshot only: orders in the last 7 days per day ÷ the 28 before per day (1 = flat). */
  trend?: number;
}

/** `GET /v1/catalog?region=&limit=`: the popular part of the catalogue, for on-device ranking. */
export interface CatalogSnapshot {
  items: CatalogItem[];
  generatedAt: string;
}

/** `POST /v1/admin/catalog` (Authorization: Bearer <tenant secret>): `{ items: CatalogItem[] }`. */
export interface CatalogUploadRequest {
  items: CatalogItem[];
}

export interface CatalogUploadResponse {
  upserted: number;
  /** Rows deleted by the body's `remove` (present when it listed any). */
  removed?: number;
}

/** 400 answer of the upload when any row is bad; nothing is written then. */
export interface CatalogRowError {
  index: number;
  field: string;
  message: string;
}
export interface CatalogUploadErrors {
  errors: CatalogRowError[];
}
