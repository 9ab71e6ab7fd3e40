import {
  ALLERGENS,
  type Allergen,
  DIETS,
  type Diet,
  isLocale,
  type Locale,
  RECOMMENDATIONS_DEFAULT_LIMIT,
  RECOMMENDATIONS_MAX_LIMIT,
} from '@matbakh/contract';
import type { PreferencesControls } from '../preferences/types.ts';
import type { RecommendationsRequest } from './types.ts';

/** A request, checked and completed: what is asked, for whom, and what the visitor allows. */
export interface Query {
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

/** The visitor's hard filters and language choice, from the preferences plugin when it is there. */
export interface Prefs {
  diet: Diet[];
  allergens: Allergen[];
  locale?: Locale;
}

const known = <T extends string>(values: unknown, allowed: readonly T[]): T[] =>
  Array.isArray(values) ? values.filter((v): v is T => allowed.includes(v as T)) : [];

export function prefsOf(preferences: PreferencesControls | undefined): Prefs {
  if (!preferences) return { diet: [], allergens: [] };
  const value = preferences.get() as Partial<Record<'diet' | 'allergens' | 'locale', unknown>> | null;
  return {
    diet: known(value?.diet, DIETS),
    allergens: known(value?.allergens, ALLERGENS),
    locale: isLocale(value?.locale) ? value.locale : undefined,
  };
}

/** Diet and allergens as one comparable value: a slot is asked again when they change. */
export const filtersOf = (prefs: Pick<Prefs, 'diet' | 'allergens'>) => JSON.stringify([prefs.diet, prefs.allergens]);

/** The cache key of a query. */
export const keyOf = (q: Query) =>
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

const nonEmpty = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** Checks the request (a `TypeError` naming the field) and completes it with the visitor's filters and consent. */
export function queryOf(
  request: RecommendationsRequest,
  prefs: Prefs,
  allowed: { profiling: boolean; onDevice: boolean; pageLocale: Locale },
): Query {
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
  return {
    slot: request.slot,
    limit,
    locale: isLocale(request.locale) ? request.locale : (prefs.locale ?? allowed.pageLocale),
    audience: ctx.audience ?? 'guest',
    region: nonEmpty(ctx.region),
    hour,
    groupId: nonEmpty(ctx.groupId),
    diet: prefs.diet,
    allergens: prefs.allergens,
    profiling: allowed.profiling,
    onDevice: allowed.onDevice,
  };
}
