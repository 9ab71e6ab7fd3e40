/**
 * `GET /v1/search/suggestions`: what a focused, empty search box offers. "Your usual" (the subject's most ordered
 * dishes, more so those they order at this time of day) only under their personalization grant; "popular now"
 * (what the tenant's guests order around this hour, in the guest's region when it has any); "in season" (dishes
 * whose season months include this month, or tagged for a season open now in the region: SEASONS of the owner
 * insights, or the meteorological season). The stored diet and allergens filter every group; a dish shows once.
 */
import {
  DAYPARTS,
  daypartOf,
  daypartsOfTags,
  normaliseSearchText,
  passesHardFilters,
  type SearchContext,
  type SearchDoc,
  type SearchSuggestionsResponse,
  type SuggestionGroup,
  type SuggestionKind,
  seasonOfMonth,
  suggestionHit,
} from '@matbakh/contract';
import type { Db } from '../db.ts';
import { activeSeasonIds } from '../insights.ts';
import { aggregatesFor, subjectKeys } from '../recommend/aggregates.ts';
import type { Profile } from '../recommend/features.ts';
import { asOfTime, type Popularity, popularityOf } from '../recommend/popularity.ts';
import { mergeProfile, subjectStats } from '../recommend/recommender.ts';
import type { VerifiedSubject } from '../subject.ts';
import type { TenantSearch } from './index-cache.ts';

export interface SuggestionsInput {
  db: Db;
  tenantId: string;
  search: TenantSearch;
  /** Set only under the subject's personalization grant: their history is read for "your usual". */
  personalSubject?: VerifiedSubject | undefined;
  context: SearchContext;
  limit: number;
  diet: SearchDoc['diet'];
  allergens: SearchDoc['allergens'];
  now: number;
  /** The region seasons are looked up for when the request names none. */
  defaultRegion: string;
}

type Scored = { doc: SearchDoc; score: number };

/** Orders of the item around `hour` (±1 h), from the tenant's order-hour histogram. */
function ordersAround(popularity: Popularity, id: string, hour: number): number {
  const hours = popularity.hours.get(id);
  if (!hours) return 0;
  return (hours[(hour + 23) % 24] ?? 0) + (hours[hour] ?? 0) + (hours[(hour + 1) % 24] ?? 0);
}

function usual(profile: Profile | undefined, docs: Map<string, SearchDoc>, hour: number): Scored[] {
  if (!profile) return [];
  const part = daypartOf(hour);
  const out: Scored[] = [];
  for (const [id, count] of profile.itemCounts) {
    const doc = docs.get(id);
    if (doc?.type !== 'dish' || count < 1) continue;
    // Habit: orders of this dish in this part of the day (weekday and weekend slots) count twice.
    const slots = profile.itemSlots?.get(id);
    const index = DAYPARTS.indexOf(part);
    const now = slots ? (slots[index] ?? 0) + (slots[index + 4] ?? 0) : 0;
    out.push({ doc, score: count + 2 * now });
  }
  return out;
}

function popular(input: SuggestionsInput, popularity: Popularity, dishes: SearchDoc[]): Scored[] {
  const { context, search } = input;
  const scored = dishes
    .map((doc) => {
      const around = ordersAround(popularity, doc.id, context.hour);
      const recent = popularity.total35.get(doc.id) ?? 0;
      const tags = search.catalog.byId.get(doc.id)?.tags ?? [];
      const parts = daypartsOfTags(tags);
      const timely = parts.length === 0 ? 1 : parts.includes(daypartOf(context.hour)) ? 1.5 : 0.5;
      return { doc, score: (around + 0.1 * recent) * timely };
    })
    .filter((s) => s.score > 0);
  if (context.region === undefined) return scored;
  // "Near you": the region's own dishes when it has any with orders; the whole tenant otherwise.
  const local = scored.filter((s) => search.catalog.byId.get(s.doc.id)?.region === context.region);
  return local.length > 0 ? local : scored;
}

function inSeason(input: SuggestionsInput, popularity: Popularity, dishes: SearchDoc[]): Scored[] {
  const date = new Date(input.now);
  const month = date.getUTCMonth() + 1;
  const words = new Set(
    [...activeSeasonIds(input.now, input.context.region ?? input.defaultRegion), seasonOfMonth(month)].map((w) =>
      normaliseSearchText(w),
    ),
  );
  const out: Scored[] = [];
  for (const doc of dishes) {
    const item = input.search.catalog.byId.get(doc.id);
    const months = item?.seasonMonths ?? [];
    const tagged = (item?.tags ?? []).some((tag) => words.has(normaliseSearchText(tag)));
    if (!months.includes(month) && !tagged) continue;
    out.push({ doc, score: 1 + Math.log1p(popularity.itemTotal.get(doc.id) ?? 0) });
  }
  return out;
}

export async function searchSuggestions(input: SuggestionsInput): Promise<SearchSuggestionsResponse> {
  const { db, tenantId, personalSubject, search, limit } = input;
  const agg = await aggregatesFor(db, tenantId, input.now, personalSubject ? subjectKeys(personalSubject) : []);
  const popularity = popularityOf(agg, asOfTime(agg, input.now));
  const profile = personalSubject ? mergeProfile(subjectStats(agg, personalSubject)) : undefined;
  const fits = (doc: SearchDoc) => doc.type === 'dish' && passesHardFilters(doc, input.diet, input.allergens);
  const dishes = [...search.index.docs.values()].filter(fits);
  const candidates: Record<SuggestionKind, Scored[]> = {
    usual: usual(profile, search.index.docs, input.context.hour).filter((s) => fits(s.doc)),
    popular: popular(input, popularity, dishes),
    season: inSeason(input, popularity, dishes),
  };
  const shown = new Set<string>();
  const groups: SuggestionGroup[] = [];
  for (const kind of ['usual', 'popular', 'season'] as const) {
    const picked = candidates[kind]
      .filter((s) => !shown.has(s.doc.id))
      .sort((a, b) => b.score - a.score || a.doc.name.localeCompare(b.doc.name))
      .slice(0, limit);
    for (const s of picked) shown.add(s.doc.id);
    if (picked.length > 0) groups.push({ kind, hits: picked.map((s) => suggestionHit(s.doc, s.score)) });
  }
  return {
    groups,
    personalized: personalSubject !== undefined,
    daypart: daypartOf(input.context.hour),
    season: seasonOfMonth(new Date(input.now).getUTCMonth() + 1),
  };
}
