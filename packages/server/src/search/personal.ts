/**
 * The personal part of search ranking, read only under the subject's recorded personalization grant: dishes the
 * guest ordered before and their favourites (dishes and restaurants) rank higher among equally good text matches.
 * A multiplier, so text relevance still decides between a good and a poor match.
 */
import type { SearchDoc, SearchRequest } from '@matbakh/contract';
import type { Db } from '../db.ts';
import { readPreferences, subjectKey } from '../preferences-store.ts';
import { aggregatesFor, subjectKeys } from '../recommend/aggregates.ts';
import { mergeProfile, subjectStats } from '../recommend/recommender.ts';
import type { VerifiedSubject } from '../subject.ts';

const FAVOURITE = 1.8;
const FAVOURITE_RESTAURANT = 1.4;
/** Per earlier order of the item, up to five. */
const PER_ORDER = 0.15;
const ORDERED_FROM = 1.15;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

export async function personalBlend(
  db: Db,
  tenantId: string,
  subject: VerifiedSubject,
  now: number,
): Promise<NonNullable<SearchRequest['personal']>> {
  const keys = [subjectKey(subject)];
  if (subject.userId !== undefined) keys.push(subjectKey({ anonymousId: subject.anonymousId }));
  const [agg, ...docs] = await Promise.all([
    aggregatesFor(db, tenantId, now, subjectKeys(subject)),
    ...keys.map((key) => readPreferences(db, tenantId, key)),
  ]);
  const favouriteDishes = new Set<string>();
  const favouriteRestaurants = new Set<string>();
  for (const doc of docs) {
    const favorites = doc?.preferences.favorites as { dishes?: unknown; restaurants?: unknown } | undefined;
    for (const id of strings(favorites?.dishes)) favouriteDishes.add(id);
    for (const id of strings(favorites?.restaurants)) favouriteRestaurants.add(id);
  }
  const counts = mergeProfile(subjectStats(agg, subject))?.itemCounts ?? new Map<string, number>();
  const orderedFrom = new Set<string>();
  return (doc: SearchDoc) => {
    if (favouriteDishes.has(doc.id)) return { factor: FAVOURITE, reason: 'favourite' };
    if (doc.type === 'restaurant' && favouriteRestaurants.has(doc.id))
      return { factor: FAVOURITE, reason: 'favourite' };
    const ordered = counts.get(doc.id) ?? 0;
    if (ordered > 0) {
      if (doc.restaurantId !== undefined) orderedFrom.add(doc.restaurantId);
      return { factor: 1 + PER_ORDER * Math.min(5, ordered) + 0.3, reason: 'ordered_before' };
    }
    if (doc.restaurantId !== undefined && favouriteRestaurants.has(doc.restaurantId)) {
      return { factor: FAVOURITE_RESTAURANT };
    }
    return doc.restaurantId !== undefined && orderedFrom.has(doc.restaurantId) ? { factor: ORDERED_FROM } : undefined;
  };
}
