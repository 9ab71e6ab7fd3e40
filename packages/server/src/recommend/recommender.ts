import { randomBytes } from 'node:crypto';
import type {
  CatalogItem,
  CatalogSnapshot,
  RecommendationBasis,
  RecommendationsQuery,
  RecommendationsResponse,
} from '@matbakh/contract';
import type { Db } from '../db.ts';
import type { VerifiedSubject } from '../subject.ts';
import { type Aggregates, aggregatesFor, type SubjectStats, subjectKeys } from './aggregates.ts';
import { loadCatalog } from './catalog.ts';
import { feedbackState } from './feedback.ts';
import { rankFeatures } from './owner.ts';
import { asOfTime, type FeedbackState, type Profile, popularityOf, rank } from './rank.ts';
import { homeRegionOf } from './subject-context.ts';
import { weightsFor } from './weights-store.ts';

export interface RecommendRequest {
  tenantId: string;
  query: RecommendationsQuery;
  /** Verified already; absent when the request names no subject. */
  subject?: VerifiedSubject | undefined;
  /** Owner audience: a groupId the request proved with its groupHash (the route checked it). */
  provenGroup?: string | undefined;
  now: number;
  retentionDays?: number;
}

/** The subject's stats under its user id and its userless anonymous id (the rows `subjectPredicate` gives it). */
export function subjectStats(agg: Aggregates, subject: VerifiedSubject): SubjectStats[] {
  return subjectKeys(subject)
    .map((key) => agg.subjects.get(key))
    .filter((stats) => stats !== undefined);
}

export function mergeProfile(stats: readonly SubjectStats[]): Profile | undefined {
  if (stats.length === 0) return undefined;
  if (stats.length === 1) return stats[0];
  const itemSlots = new Map<string, Uint16Array>();
  const itemLastAt = new Map<string, number>();
  const profile: Profile = {
    orders: 0,
    itemCounts: new Map(),
    hours: new Array<number>(24).fill(0),
    interest: new Map(),
    lastOrder: [],
    itemLastAt,
    itemSlots,
  };
  let lastAt = -1;
  const hours = profile.hours as number[];
  for (const s of stats) {
    profile.orders += s.orders;
    for (const [id, n] of s.itemCounts) profile.itemCounts.set(id, (profile.itemCounts.get(id) ?? 0) + n);
    for (const [id, slots] of s.itemSlots) {
      const merged = itemSlots.get(id) ?? new Uint16Array(slots.length);
      for (let i = 0; i < slots.length; i++) merged[i]! += slots[i]!;
      itemSlots.set(id, merged);
    }
    for (const [id, at] of s.itemLastAt) if (at > (itemLastAt.get(id) ?? -1)) itemLastAt.set(id, at);
    for (const [id, n] of s.interest) profile.interest.set(id, (profile.interest.get(id) ?? 0) + n);
    for (let h = 0; h < 24; h++) hours[h]! += s.hours[h]!;
    if (s.lastOrderAt > lastAt) {
      lastAt = s.lastOrderAt;
      profile.lastOrder = s.lastOrder;
    }
  }
  return profile;
}

const NO_FEEDBACK: FeedbackState = { hidden: new Set(), liked: [] };

export function newRequestId(): string {
  return `rec_${randomBytes(12).toString('base64url')}`;
}

/**
 * One `GET /v1/recommendations` answer. Personal history (orders, views, "more like this") is read only with
 * `profiling`; without it the list comes from popularity and context alone. "Not interested" always hides the
 * item for the subject who said so: an explicit instruction, not profiling.
 * Long because: the recommendation pipeline in order (hard filters, candidates, scoring, diversity, reasons, hidden
 * items), each step a call; the order is the contract.
 */
export async function recommend(db: Db, request: RecommendRequest): Promise<RecommendationsResponse> {
  const { tenantId, query, subject, now } = request;
  const [catalog, agg, feedback, weights, homeRegion] = await Promise.all([
    loadCatalog(db, tenantId),
    aggregatesFor(db, tenantId, now, subject ? subjectKeys(subject) : []),
    subject ? feedbackState(db, tenantId, subject, now, request.retentionDays) : NO_FEEDBACK,
    // The tenant's learned weights (refit.ts on the worker), else the defaults.
    weightsFor(db, tenantId, now),
    // Where the guest lives, from their preferences or identify traits: personal, so only with profiling.
    query.profiling && subject && query.audience !== 'owner' ? homeRegionOf(db, tenantId, subject) : undefined,
  ]);
  // Windows count back from the tenant's latest event, so imported or quiet history still counts.
  const popularity = popularityOf(agg, asOfTime(agg, now));
  const stats = query.profiling && subject ? subjectStats(agg, subject) : [];
  const profile = mergeProfile(stats);
  const hour = query.hour ?? new Date(now).getUTCHours();

  let basis: RecommendationBasis;
  let items: RecommendationsResponse['items'];
  if (query.audience === 'owner') {
    const own = subject ? (stats.length > 0 ? stats : subjectStats(agg, subject)) : [];
    const groups = own.flatMap((s) => s.groups);
    // Only the subject's own restaurants: another restaurant's setup is not the caller's business.
    // Membership needs a proof: a groupHash with this request, or an earlier proven group() (see aggregates.ts).
    const groupId =
      query.groupId !== undefined
        ? groups.includes(query.groupId) || request.provenGroup === query.groupId
          ? query.groupId
          : undefined
        : groups.at(-1);
    const group = groupId === undefined ? undefined : agg.groups.get(groupId);
    const ranked = rankFeatures({
      catalog,
      popularity,
      agg,
      group,
      groupId,
      useUsage: query.profiling,
      limit: query.limit,
      locale: query.locale,
      now,
    });
    items = ranked.items.filter((item) => !feedback.hidden.has(item.id));
    basis = !query.profiling
      ? { history: false, reason: 'no_consent' }
      : !subject
        ? { history: false, reason: 'not_identified' }
        : ranked.usedUsage
          ? { history: true }
          : { history: false, reason: 'cold_start' };
  } else {
    const liked = query.profiling ? feedback.liked : [];
    const hasHistory = profile !== undefined && (profile.orders > 0 || profile.interest.size > 0);
    basis = !query.profiling
      ? { history: false, reason: 'no_consent' }
      : !subject
        ? { history: false, reason: 'not_identified' }
        : hasHistory || liked.length > 0
          ? { history: true }
          : { history: false, reason: 'cold_start' };
    items = rank({
      catalog,
      popularity,
      co: agg.co,
      itemTotal: agg.itemTotal,
      query: {
        kind: /restaurant/i.test(query.slot) ? 'restaurant' : 'dish',
        limit: query.limit,
        locale: query.locale,
        diet: query.diet,
        allergens: query.allergens,
        region: query.region,
        homeRegion,
        hour,
      },
      profile: hasHistory ? profile : undefined,
      feedback: { hidden: feedback.hidden, liked },
      now,
      weights,
    });
  }
  return {
    requestId: newRequestId(),
    slot: query.slot,
    audience: query.audience,
    personalized: basis.history,
    basis,
    locale: query.locale,
    items,
    generatedAt: new Date(now).toISOString(),
    ...(catalog.items.length === 0 && { catalogEmpty: true as const }),
  };
}

export const CATALOG_SNAPSHOT_DEFAULT_LIMIT = 200;
export const CATALOG_SNAPSHOT_MAX_LIMIT = 1_000;

/**
 * `GET /v1/catalog`: the tenant's dishes and restaurants (in a region, if given) by popularity, with their
 * popularity and trend, for the SDK's on-device ranker. Nothing personal.
 */
export async function catalogSnapshot(
  db: Db,
  tenantId: string,
  options: { region?: string | undefined; limit: number },
  now: number,
): Promise<CatalogSnapshot> {
  const [catalog, agg] = await Promise.all([loadCatalog(db, tenantId), aggregatesFor(db, tenantId, now)]);
  const popularity = popularityOf(agg, asOfTime(agg, now));
  const rows: CatalogItem[] = [];
  for (const item of catalog.items) {
    if (item.kind === 'feature') continue;
    if (options.region !== undefined && item.region !== options.region) continue;
    const last7 = popularity.last7.get(item.id) ?? 0;
    const prev28 = popularity.prev28.get(item.id) ?? 0;
    let total = last7 + prev28;
    if (item.kind === 'restaurant') {
      total = 0;
      for (const dish of catalog.menu.get(item.id) ?? []) total += popularity.total35.get(dish.id) ?? 0;
    }
    const trend = item.kind === 'dish' ? Math.round((last7 / 7 / (Math.max(prev28, 1) / 28)) * 100) / 100 : 1;
    rows.push({ ...item, popularity: total, trend });
  }
  rows.sort((a, b) => (b.popularity ?? 0) - (a.popularity ?? 0) || (a.id < b.id ? -1 : 1));
  return { items: rows.slice(0, options.limit), generatedAt: new Date(now).toISOString() };
}
