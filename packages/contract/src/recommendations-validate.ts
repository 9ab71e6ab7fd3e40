/**
 * Validation of the recommendation routes, shared by the reference server and the msw mocks: the query of
 * `GET /v1/recommendations` and the body of `POST /v1/feedback` (the catalogue upload's rows: `catalog-validate.ts`).
 */

import { MAX_ITEM_ID_LENGTH, MAX_REGION_LENGTH } from './catalog-validate.ts';
import { boundedString, Invalid, oneOf, runChecks } from './checks.ts';
import { LOCALES, type Locale } from './config.ts';
import { ALLERGENS, type Allergen, DIETS, type Diet } from './preferences.ts';
import { MAX_SUBJECT_ID_LENGTH } from './privacy-validate.ts';
import {
  FEEDBACK_KINDS,
  type FeedbackKind,
  type FeedbackRequest,
  RECOMMENDATION_AUDIENCES,
  RECOMMENDATIONS_DEFAULT_LIMIT,
  RECOMMENDATIONS_MAX_LIMIT,
  type RecommendationAudience,
  type RecommendationsQuery,
} from './recommendations.ts';
import { type BadRequest, isPlainObject, type Result } from './validate.ts';

const MAX_SLOT_LENGTH = 64;

/** A comma-separated query list of known ids ('' or absent: none). */
function idList<T extends string>(value: string | undefined, field: string, allowed: readonly T[]): T[] {
  if (value === undefined || value.trim() === '') return [];
  const out: T[] = [];
  for (const part of value.split(',')) {
    const id = part.trim();
    if (id === '') continue;
    const known = oneOf(id, `${field}`, allowed);
    if (!out.includes(known)) out.push(known);
  }
  return out;
}

/**
 * `GET /v1/recommendations` query (already read into a plain string map). Unknown keys are ignored; the first
 * problem found is reported with its field.
 */
export function validateRecommendationsQuery(
  query: Record<string, string | undefined>,
): Result<RecommendationsQuery, BadRequest> {
  return runChecks((): RecommendationsQuery => {
    const slot =
      query.slot === undefined || query.slot === '' ? 'default' : boundedString(query.slot, 'slot', MAX_SLOT_LENGTH);
    let limit = RECOMMENDATIONS_DEFAULT_LIMIT;
    if (query.limit !== undefined && query.limit !== '') {
      limit = Number(query.limit);
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > RECOMMENDATIONS_MAX_LIMIT) {
        throw new Invalid('limit', `limit must be a whole number from 1 to ${RECOMMENDATIONS_MAX_LIMIT}`);
      }
    }
    const locale: Locale = query.locale ? oneOf(query.locale, 'locale', LOCALES) : 'de';
    const audience: RecommendationAudience = query.audience
      ? oneOf(query.audience, 'audience', RECOMMENDATION_AUDIENCES)
      : 'guest';
    if (query.profiling !== undefined && query.profiling !== '0' && query.profiling !== '1') {
      throw new Invalid('profiling', 'profiling must be 0 or 1');
    }
    const parsed: RecommendationsQuery = {
      slot,
      limit,
      locale,
      audience,
      profiling: query.profiling === '1',
      diet: idList<Diet>(query.diet, 'diet', DIETS),
      allergens: idList<Allergen>(query.allergens, 'allergens', ALLERGENS),
    };
    if (query.region) parsed.region = boundedString(query.region, 'region', MAX_REGION_LENGTH);
    if (query.hour !== undefined && query.hour !== '') {
      const hour = Number(query.hour);
      if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new Invalid('hour', 'hour must be 0–23');
      parsed.hour = hour;
    }
    if (query.anonymousId) parsed.anonymousId = boundedString(query.anonymousId, 'anonymousId', MAX_SUBJECT_ID_LENGTH);
    if (query.userId) parsed.userId = boundedString(query.userId, 'userId', MAX_SUBJECT_ID_LENGTH);
    if (query.userHash) {
      if (parsed.userId === undefined) throw new Invalid('userHash', 'userHash is only meaningful with a userId');
      parsed.userHash = query.userHash;
    }
    if (query.groupId) parsed.groupId = boundedString(query.groupId, 'groupId', MAX_SUBJECT_ID_LENGTH);
    if (query.groupHash) {
      if (parsed.groupId === undefined || parsed.userId === undefined) {
        throw new Invalid('groupHash', 'groupHash is only meaningful with a userId and a groupId');
      }
      parsed.groupHash = boundedString(query.groupHash, 'groupHash', 64);
    }
    return parsed;
  });
}

/** `POST /v1/feedback` body. */
export function validateFeedback(raw: unknown): Result<FeedbackRequest, BadRequest> {
  return runChecks((): FeedbackRequest => {
    if (!isPlainObject(raw)) throw new Invalid('body', 'body must be a JSON object');
    const request: FeedbackRequest = {
      anonymousId: boundedString(raw.anonymousId, 'anonymousId', MAX_SUBJECT_ID_LENGTH),
      requestId: boundedString(raw.requestId, 'requestId', 100),
      itemId: boundedString(raw.itemId, 'itemId', MAX_ITEM_ID_LENGTH),
      kind: oneOf<FeedbackKind>(raw.kind, 'kind', FEEDBACK_KINDS),
    };
    if (raw.userId !== undefined) request.userId = boundedString(raw.userId, 'userId', MAX_SUBJECT_ID_LENGTH);
    if (raw.userHash !== undefined) {
      if (request.userId === undefined) throw new Invalid('userHash', 'userHash is only meaningful with a userId');
      if (typeof raw.userHash !== 'string') throw new Invalid('userHash', 'userHash must be a string');
      request.userHash = raw.userHash;
    }
    if (typeof raw.writeKey === 'string') request.writeKey = raw.writeKey;
    return request;
  });
}
