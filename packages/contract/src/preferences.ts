import type { ChannelId, Locale } from './vocabulary.ts';

/**
 * The visitor's saved preferences (`GET/PUT/PATCH /v1/preferences`, the SDK's `client.preferences`).
 * Versioned: `schema` is the version of this shape; older documents are migrated forward, and keys a newer
 * schema added are kept as they are (never dropped) by clients that do not know them.
 */
export const PREFERENCES_SCHEMA = 1;

export type ThemePreference = 'light' | 'dark' | 'system';
export const THEME_PREFERENCES: readonly ThemePreference[] = ['light', 'dark', 'system'];

/** Diets a guest can follow; recommendations never show a dish that does not fit one chosen here. */
export const DIETS = ['vegetarian', 'vegan', 'pescatarian', 'halal', 'kosher', 'gluten_free', 'lactose_free'] as const;
export type Diet = (typeof DIETS)[number];

/** The 14 allergens EU Regulation 1169/2011 (Annex II) requires restaurants to declare. */
export const ALLERGENS = [
  'gluten',
  'crustaceans',
  'eggs',
  'fish',
  'peanuts',
  'soybeans',
  'milk',
  'nuts',
  'celery',
  'mustard',
  'sesame',
  'sulphites',
  'lupin',
  'molluscs',
] as const;
export type Allergen = (typeof ALLERGENS)[number];

export const NOTIFICATION_TOPICS = [
  'order_status',
  'recommendations',
  'reports',
  'health_alerts',
  'promotions',
  'seasonal',
] as const;
export type NotificationTopic = (typeof NOTIFICATION_TOPICS)[number];

/** One dashboard's arrangement. Order is the truth; columns are derived from the width at render time. */
export interface DashboardLayout {
  /** Widget ids, first to last. Unknown ids are ignored when rendering, never removed from here. */
  order: string[];
  /** Widget ids the visitor hid. */
  hidden: string[];
}

export interface NotificationPreferences {
  /** Which topics may reach the visitor on which channel. A channel also needs its own consent. */
  channels: Record<ChannelId, Record<NotificationTopic, boolean>>;
  /** Local time "HH:MM"; nothing but order status is sent in between. `null`: no quiet hours. */
  quietHours: { start: string; end: string } | null;
  /** At most this many notifications a day, order status excepted (0–50). */
  maxPerDay: number;
}

export interface Preferences {
  schema: number;
  theme: ThemePreference;
  /** `null` until the visitor chooses: then the locale is detected from `navigator.languages`. */
  locale: Locale | null;
  /** Per dashboard id. */
  layout: Record<string, DashboardLayout>;
  notifications: NotificationPreferences;
  diet: Diet[];
  allergens: Allergen[];
  favorites: { restaurants: string[]; dishes: string[] };
}

/** A document as stored and exchanged: the known fields plus whatever a newer schema added. */
export type PreferencesDocument = Preferences & { [newerKey: string]: unknown };

/** Bounds a document must keep; larger values are refused with the field named. */
export const PREFERENCE_LIMITS = {
  /** Widget, dashboard, restaurant and dish ids. */
  idLength: 64,
  /** Per favourites list (restaurants, dishes). */
  favorites: 200,
  /** Per layout list (order, hidden). */
  widgetsPerLayout: 50,
  dashboards: 20,
  maxPerDay: 50,
} as const;

/**
 * `GET /v1/preferences` and every successful write; also the body of a 412 (the current state, to merge with).
 * `version` 0 means nothing is stored yet (the defaults are answered). The `ETag` header is `"<version>"`.
 */
export interface PreferencesResponse {
  preferences: PreferencesDocument;
  version: number;
}

/**
 * `PATCH /v1/preferences` body: a JSON merge patch (RFC 7396) of a document. Objects merge key by key, arrays
 * and scalars replace, `null` removes a key, which for a known field means "back to its default".
 */
export type PreferencesPatch = { [key: string]: unknown };
