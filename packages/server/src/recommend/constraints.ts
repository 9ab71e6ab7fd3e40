/**
 * Stored diet and allergens are hard constraints: whatever a request asks, the subject's saved preferences are
 * joined into the filter (a request can add constraints, never remove stored ones).
 */
import { ALLERGENS, type Allergen, DIETS, type Diet, joinConstraints } from '@matbakh/contract';
import type { Db } from '../db.ts';
import { readPreferences, subjectKey } from '../preferences-store.ts';
import type { VerifiedSubject } from '../subject.ts';

export interface Constraints {
  diet: Diet[];
  allergens: Allergen[];
}

/** Values of a stored list that the filter knows; a document that no longer validates still counts for these. */
function known<T extends string>(value: unknown, allowed: readonly T[]): T[] {
  return Array.isArray(value) ? value.filter((v): v is T => (allowed as readonly unknown[]).includes(v)) : [];
}

/**
 * The subject's stored constraints: a verified user's document and this device's anonymous one (both are the
 * subject's, as export and erase see them), joined.
 */
export async function storedConstraints(db: Db, tenantId: string, subject: VerifiedSubject): Promise<Constraints> {
  const keys = [subjectKey(subject)];
  if (subject.userId !== undefined) keys.push(subjectKey({ anonymousId: subject.anonymousId }));
  const docs = await Promise.all(keys.map((key) => readPreferences(db, tenantId, key)));
  let diet: Diet[] = [];
  let allergens: Allergen[] = [];
  for (const doc of docs) {
    if (!doc) continue;
    diet = joinConstraints(diet, known(doc.preferences.diet, DIETS));
    allergens = joinConstraints(allergens, known(doc.preferences.allergens, ALLERGENS));
  }
  return { diet, allergens };
}

/** The request's constraints joined with the stored ones. */
export function withStored<Q extends Constraints>(query: Q, stored: Constraints): Q {
  return {
    ...query,
    diet: joinConstraints(stored.diet, query.diet),
    allergens: joinConstraints(stored.allergens, query.allergens),
  };
}
