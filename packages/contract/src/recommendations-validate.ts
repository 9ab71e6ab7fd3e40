/**
 * Validation of the recommendation routes, shared by the reference server and the msw mocks: the query of
 * `GET /v1/recommendations`, the body of `POST /v1/feedback` and the rows of `POST /v1/admin/catalog`.
 */
import { boundedString, Invalid, oneOf, runChecks } from './checks.ts';
import { LOCALES, type Locale } from './config.ts';
import { ALLERGENS, type Allergen, DIETS, type Diet } from './preferences.ts';
import { MAX_SUBJECT_ID_LENGTH } from './privacy-validate.ts';
import {
  type CatalogItem,
  type CatalogRowError,
  FEEDBACK_KINDS,
  type FeedbackKind,
  type FeedbackRequest,
  RECOMMENDATION_AUDIENCES,
  RECOMMENDATION_KINDS,
  RECOMMENDATIONS_DEFAULT_LIMIT,
  RECOMMENDATIONS_MAX_LIMIT,
  type RecommendationAudience,
  type RecommendationKind,
  type RecommendationsQuery,
} from './recommendations.ts';
import { type BadRequest, isIsoTimestamp, isPlainObject, type Result } from './validate.ts';

const MAX_SLOT_LENGTH = 64;
const MAX_REGION_LENGTH = 100;
const MAX_ITEM_ID_LENGTH = 200;
const MAX_TEXT_LENGTH = 500;
const MAX_TAGS = 30;
/** Rows in one upload; larger catalogues go in several requests (upserts are idempotent). */
export const MAX_CATALOG_ROWS = 5_000;

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

function idArray<T extends string>(value: unknown, field: string, allowed: readonly T[]): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Invalid(field, `${field} must be an array of ${allowed.join(', ')}`);
  const out: T[] = [];
  value.forEach((entry, index) => {
    const known = oneOf(entry, `${field}[${index}]`, allowed);
    if (!out.includes(known)) out.push(known);
  });
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

const HTTP_URL = /^https?:\/\//i;

function optionalText(row: Record<string, unknown>, key: string, max: number): string | undefined {
  return row[key] === undefined ? undefined : boundedString(row[key], key, max);
}

/** One catalogue row; throws `Invalid` with the field (without the row index). */
function catalogRow(raw: unknown): CatalogItem {
  if (!isPlainObject(raw)) throw new Invalid('row', 'row must be a JSON object');
  const id = boundedString(raw.id, 'id', MAX_ITEM_ID_LENGTH);
  const kind = oneOf<RecommendationKind>(raw.kind, 'kind', RECOMMENDATION_KINDS);
  if (kind === 'feature' && !id.startsWith('feature:')) {
    throw new Invalid('id', "a feature's id must start with 'feature:'");
  }
  if (kind !== 'feature' && id.startsWith('feature:')) {
    throw new Invalid('id', "only features may have an id starting with 'feature:'");
  }
  const item: CatalogItem = {
    id,
    kind,
    name: boundedString(raw.name, 'name', 200),
    diet: idArray<Diet>(raw.diet, 'diet', DIETS),
    allergens: idArray<Allergen>(raw.allergens, 'allergens', ALLERGENS),
    tags: [],
  };
  const description = optionalText(raw, 'description', MAX_TEXT_LENGTH);
  if (description !== undefined) item.description = description;
  const cuisine = optionalText(raw, 'cuisine', 60);
  if (cuisine !== undefined) item.cuisine = cuisine;
  const region = optionalText(raw, 'region', MAX_REGION_LENGTH);
  if (region !== undefined) item.region = region;
  const restaurantId = optionalText(raw, 'restaurantId', MAX_ITEM_ID_LENGTH);
  if (restaurantId !== undefined) item.restaurantId = restaurantId;
  if (kind === 'dish' && restaurantId === undefined) throw new Invalid('restaurantId', 'a dish needs its restaurantId');
  if (kind === 'restaurant') {
    if (item.cuisine === undefined) throw new Invalid('cuisine', 'a restaurant needs its cuisine');
    if (item.region === undefined) throw new Invalid('region', 'a restaurant needs its region');
  }
  if (raw.tags !== undefined) {
    if (!Array.isArray(raw.tags) || raw.tags.length > MAX_TAGS) {
      throw new Invalid('tags', `tags must be an array of at most ${MAX_TAGS} strings`);
    }
    item.tags = raw.tags.map((tag, index) => boundedString(tag, `tags[${index}]`, 40));
  }
  if (raw.price !== undefined) {
    const price = raw.price;
    if (!isPlainObject(price)) throw new Invalid('price', 'price must be { amount, currency }');
    if (typeof price.amount !== 'number' || !Number.isFinite(price.amount) || price.amount < 0) {
      throw new Invalid('price.amount', 'price.amount must be a number ≥ 0');
    }
    if (typeof price.currency !== 'string' || !/^[A-Z]{3}$/.test(price.currency)) {
      throw new Invalid('price.currency', 'price.currency must be an ISO 4217 code like EUR');
    }
    item.price = { amount: price.amount, currency: price.currency };
  }
  if (raw.url !== undefined) {
    const url = boundedString(raw.url, 'url', 2_000);
    if (!HTTP_URL.test(url)) throw new Invalid('url', 'url must be an http(s) URL');
    item.url = url;
  }
  if (raw.image !== undefined) {
    const image = raw.image;
    if (!isPlainObject(image)) throw new Invalid('image', 'image must be { url, width, height, alt }');
    const url = boundedString(image.url, 'image.url', 2_000);
    if (!HTTP_URL.test(url)) throw new Invalid('image.url', 'image.url must be an http(s) URL');
    for (const side of ['width', 'height'] as const) {
      const size = image[side];
      if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > 10_000) {
        throw new Invalid(`image.${side}`, `image.${side} must be a whole number of pixels (1–10000)`);
      }
    }
    if (typeof image.alt !== 'string' || image.alt.length > 300) {
      throw new Invalid('image.alt', 'image.alt must be a string (may be empty for decorative images)');
    }
    item.image = { url, width: image.width as number, height: image.height as number, alt: image.alt };
  }
  if (raw.seasonMonths !== undefined) {
    const months = raw.seasonMonths;
    if (
      !Array.isArray(months) ||
      months.some((m) => typeof m !== 'number' || !Number.isInteger(m) || m < 1 || m > 12)
    ) {
      throw new Invalid('seasonMonths', 'seasonMonths must be an array of months 1–12');
    }
    item.seasonMonths = [...new Set(months as number[])];
  }
  if (raw.requirements !== undefined) {
    if (kind !== 'feature') throw new Invalid('requirements', 'only features have requirements');
    const req = raw.requirements;
    if (!isPlainObject(req)) throw new Invalid('requirements', 'requirements must be an object');
    item.requirements = {};
    if (req.minLocations !== undefined) {
      if (typeof req.minLocations !== 'number' || !Number.isInteger(req.minLocations) || req.minLocations < 0) {
        throw new Invalid('requirements.minLocations', 'requirements.minLocations must be a whole number ≥ 0');
      }
      item.requirements.minLocations = req.minLocations;
    }
    for (const key of ['services', 'restaurantTypes'] as const) {
      const list = req[key];
      if (list === undefined) continue;
      if (!Array.isArray(list) || list.some((entry) => typeof entry !== 'string' || entry === '')) {
        throw new Invalid(`requirements.${key}`, `requirements.${key} must be an array of non-empty strings`);
      }
      item.requirements[key] = list as string[];
    }
  }
  if (raw.createdAt !== undefined) {
    if (!isIsoTimestamp(raw.createdAt)) throw new Invalid('createdAt', 'createdAt must be an ISO-8601 date-time');
    item.createdAt = raw.createdAt;
  }
  return item;
}

/**
 * `POST /v1/admin/catalog` body `{ items: CatalogItem[] }`: every row checked, every problem reported with its
 * row index and field (at most one per row: its first), so a tenant can fix a file in one pass.
 * `knownRestaurantIds`: restaurants already stored, so a dish may refer to one not in this upload.
 */
export function validateCatalogUpload(
  raw: unknown,
  knownRestaurantIds: ReadonlySet<string> = new Set(),
): Result<CatalogItem[], CatalogRowError[]> {
  if (!isPlainObject(raw) || !Array.isArray(raw.items)) {
    return { ok: false, error: [{ index: -1, field: 'items', message: 'body must be { "items": [ … ] }' }] };
  }
  if (raw.items.length > MAX_CATALOG_ROWS) {
    return {
      ok: false,
      error: [{ index: -1, field: 'items', message: `at most ${MAX_CATALOG_ROWS} rows per upload` }],
    };
  }
  const errors: CatalogRowError[] = [];
  const items: CatalogItem[] = [];
  const rowOf = new Map<CatalogItem, number>();
  const seen = new Map<string, number>();
  raw.items.forEach((row, index) => {
    const checked = runChecks(() => catalogRow(row));
    if (!checked.ok) {
      errors.push({ index, field: checked.error.field, message: checked.error.message });
      return;
    }
    const earlier = seen.get(checked.value.id);
    if (earlier !== undefined) {
      errors.push({ index, field: 'id', message: `id ${checked.value.id} is also used by row ${earlier}` });
      return;
    }
    seen.set(checked.value.id, index);
    rowOf.set(checked.value, index);
    items.push(checked.value);
  });
  const restaurants = new Set(knownRestaurantIds);
  for (const item of items) if (item.kind === 'restaurant') restaurants.add(item.id);
  for (const item of items) {
    if (item.kind === 'dish' && item.restaurantId !== undefined && !restaurants.has(item.restaurantId)) {
      errors.push({
        index: rowOf.get(item) ?? -1,
        field: 'restaurantId',
        message: `restaurant ${item.restaurantId} is not in the catalogue`,
      });
    }
  }
  errors.sort((a, b) => a.index - b.index);
  return errors.length > 0 ? { ok: false, error: errors } : { ok: true, value: items };
}

/**
 * The upload body's optional `remove`: ids of catalogue rows to delete (a dish off the menu, a closed restaurant),
 * at most MAX_CATALOG_ROWS, none also upserted by the same body. Unknown ids are no error (deleting is idempotent).
 */
export function validateCatalogRemovals(raw: unknown, items: readonly CatalogItem[]): Result<string[], BadRequest> {
  const remove = isPlainObject(raw) ? raw.remove : undefined;
  if (remove === undefined) return { ok: true, value: [] };
  const bad = (message: string): Result<string[], BadRequest> => ({ ok: false, error: { field: 'remove', message } });
  if (!Array.isArray(remove) || remove.length > MAX_CATALOG_ROWS) {
    return bad(`remove must be an array of at most ${MAX_CATALOG_ROWS} catalogue ids`);
  }
  if (remove.some((id) => typeof id !== 'string' || id === '' || id.length > MAX_ITEM_ID_LENGTH)) {
    return bad(`remove must list catalogue ids (strings of 1–${MAX_ITEM_ID_LENGTH} characters)`);
  }
  const upserted = new Set(items.map((item) => item.id));
  const both = (remove as string[]).find((id) => upserted.has(id));
  if (both !== undefined) return bad(`${both} is both in items and in remove`);
  return { ok: true, value: [...new Set(remove as string[])] };
}
