/**
 * Validation of preference documents, shared by the reference server, the msw mocks and the SDK (which checks
 * every write before applying it). The first problem found is reported with its field path, e.g.
 * `notifications.channels.email.promotions`; nothing is changed by a refused value.
 *
 * Rules: known fields have their type, enum and size (`PREFERENCE_LIMITS`); a missing known field (at any depth)
 * takes its default, so a partial document is completed rather than refused; duplicates in lists are dropped;
 * keys the schema does not know are refused inside known objects but kept untouched at the top level (a newer
 * schema's fields survive an older client or server). Documents of an older schema are migrated first.
 */

import { Invalid, runChecks } from './checks.ts';
import { CHANNELS, LOCALES } from './config.ts';
import {
  ALLERGENS,
  DIETS,
  NOTIFICATION_TOPICS,
  PREFERENCE_LIMITS,
  type PreferencesDocument,
  type PreferencesPatch,
  THEME_PREFERENCES,
} from './preferences.ts';
import { defaultPreferences } from './preferences-defaults.ts';
import { applyMergePatch } from './preferences-merge.ts';
import { migratePreferences } from './preferences-migrate.ts';
import { type BadRequest, isPlainObject, type Result } from './validate.ts';

const fail = (field: string, message: string): never => {
  throw new Invalid(field, `${field} ${message}`);
};

const oneOf = (value: unknown, field: string, allowed: readonly unknown[]) =>
  allowed.includes(value) ? value : fail(field, `must be one of ${allowed.join(', ')}`);

/** A known object: missing keys take the default's, unknown keys are refused. */
function known(value: unknown, field: string, defaults: Record<string, unknown>): Record<string, unknown> {
  if (!isPlainObject(value)) fail(field, 'must be an object');
  const keys = Object.keys(defaults);
  for (const key of Object.keys(value as object)) {
    if (!keys.includes(key)) fail(`${field}.${key.slice(0, 50)}`, `is not a known field; expected ${keys.join(', ')}`);
  }
  return { ...defaults, ...(value as object) };
}

const id = (value: unknown, field: string) =>
  typeof value === 'string' && value.length > 0 && value.length <= PREFERENCE_LIMITS.idLength
    ? value
    : fail(field, `must be a non-empty string of at most ${PREFERENCE_LIMITS.idLength} characters`);

/** A list without duplicates, at most `max` long, each item checked. */
function list<T>(value: unknown, field: string, max: number, item: (value: unknown, field: string) => T): T[] {
  if (!Array.isArray(value)) fail(field, 'must be an array');
  const out = [...new Set((value as unknown[]).map((v, i) => item(v, `${field}.${i}`)))];
  return out.length > max ? fail(field, `must have at most ${max} entries`) : out;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function check(raw: unknown): PreferencesDocument {
  if (!isPlainObject(raw)) fail('preferences', 'must be a JSON object');
  const migrated = migratePreferences(raw) as Record<string, unknown>;
  const base = defaultPreferences();
  const doc: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(migrated)) {
    if (key === '__proto__') fail(key, 'is not allowed');
    if (value !== undefined) doc[key] = value;
  }
  const { schema } = doc;
  if (typeof schema !== 'number' || !Number.isInteger(schema) || schema < 1)
    fail('schema', 'must be a whole number ≥ 1');
  oneOf(doc.theme, 'theme', THEME_PREFERENCES);
  if (doc.locale !== null) oneOf(doc.locale, 'locale', LOCALES);

  if (!isPlainObject(doc.layout)) fail('layout', 'must be an object of dashboard id → layout');
  const layout: Record<string, unknown> = {};
  const dashboards = Object.entries(doc.layout as object);
  if (dashboards.length > PREFERENCE_LIMITS.dashboards)
    fail('layout', `must have at most ${PREFERENCE_LIMITS.dashboards} dashboards`);
  for (const [dashboard, value] of dashboards) {
    const field = `layout.${dashboard.slice(0, 70)}`;
    id(dashboard, field);
    const entry = known(value, field, { order: [], hidden: [] });
    layout[dashboard] = {
      order: list(entry.order, `${field}.order`, PREFERENCE_LIMITS.widgetsPerLayout, id),
      hidden: list(entry.hidden, `${field}.hidden`, PREFERENCE_LIMITS.widgetsPerLayout, id),
    };
  }
  doc.layout = layout;

  const notifications = known(
    doc.notifications,
    'notifications',
    base.notifications as unknown as Record<string, unknown>,
  );
  const channels = known(notifications.channels, 'notifications.channels', base.notifications.channels);
  for (const channel of CHANNELS) {
    const field = `notifications.channels.${channel}`;
    const topics = known(channels[channel], field, base.notifications.channels[channel]);
    for (const topic of NOTIFICATION_TOPICS) {
      if (typeof topics[topic] !== 'boolean') fail(`${field}.${topic}`, 'must be true or false');
    }
    channels[channel] = topics;
  }
  const quiet = notifications.quietHours;
  if (quiet !== null) {
    const hours = known(quiet, 'notifications.quietHours', { start: '', end: '' });
    for (const edge of ['start', 'end']) {
      if (typeof hours[edge] !== 'string' || !TIME.test(hours[edge] as string)) {
        fail(`notifications.quietHours.${edge}`, 'must be a local time "HH:MM"');
      }
    }
    notifications.quietHours = hours;
  }
  const max = notifications.maxPerDay;
  if (!Number.isInteger(max) || (max as number) < 0 || (max as number) > PREFERENCE_LIMITS.maxPerDay) {
    fail('notifications.maxPerDay', `must be a whole number from 0 to ${PREFERENCE_LIMITS.maxPerDay}`);
  }
  doc.notifications = { ...notifications, channels };

  doc.diet = list(doc.diet, 'diet', DIETS.length, (v, f) => oneOf(v, f, DIETS));
  doc.allergens = list(doc.allergens, 'allergens', ALLERGENS.length, (v, f) => oneOf(v, f, ALLERGENS));
  const favorites = known(doc.favorites, 'favorites', base.favorites);
  doc.favorites = {
    restaurants: list(favorites.restaurants, 'favorites.restaurants', PREFERENCE_LIMITS.favorites, id),
    dishes: list(favorites.dishes, 'favorites.dishes', PREFERENCE_LIMITS.favorites, id),
  };
  return doc as PreferencesDocument;
}

/**
 * A whole document (`PUT /v1/preferences`, a stored copy, an SDK write): migrated, completed with defaults,
 * checked. The value is a new, normalized document; top-level keys of a newer schema are kept as they are.
 */
export function validatePreferences(value: unknown): Result<PreferencesDocument, BadRequest> {
  return runChecks(() => check(value));
}

/**
 * A JSON merge patch (`PATCH /v1/preferences`): checked by applying it to the defaults, so the same field paths
 * are named as for a whole document. The value is the patch itself; apply it with `applyMergePatch` to the
 * current document and validate the result (a `null` there resets a field to its default).
 */
export function validatePreferencesPatch(value: unknown): Result<PreferencesPatch, BadRequest> {
  return runChecks(() => {
    if (!isPlainObject(value)) fail('patch', 'must be a JSON object (a merge patch, RFC 7396)');
    check(applyMergePatch(defaultPreferences(), value));
    return value as PreferencesPatch;
  });
}
