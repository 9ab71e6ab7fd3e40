/**
 * Validation of the tenant's catalogue upload (`POST /v1/admin/catalog`: its rows and its `remove` list), shared
 * by the reference server and the msw mocks.
 */
import { boundedString, Invalid, oneOf, runChecks } from './checks.ts';
import { ALLERGENS, type Allergen, DIETS, type Diet } from './preferences.ts';
import {
  type CatalogItem,
  type CatalogRowError,
  type FeatureRequirements,
  type Money,
  RECOMMENDATION_KINDS,
  type RecommendationImage,
  type RecommendationKind,
} from './recommendations.ts';
import { type BadRequest, isIsoTimestamp, isPlainObject, type Result } from './validate.ts';

export const MAX_REGION_LENGTH = 100;
export const MAX_ITEM_ID_LENGTH = 200;
const MAX_TEXT_LENGTH = 500;
const MAX_TAGS = 30;
/** Rows in one upload; larger catalogues go in several requests (upserts are idempotent). */
export const MAX_CATALOG_ROWS = 5_000;

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

const HTTP_URL = /^https?:\/\//i;

function optionalText(row: Record<string, unknown>, key: string, max: number): string | undefined {
  return row[key] === undefined ? undefined : boundedString(row[key], key, max);
}

/** One catalogue row; throws `Invalid` with the field (without the row index). */
function catalogRow(raw: unknown): CatalogItem {
  if (!isPlainObject(raw)) throw new Invalid('row', 'row must be a JSON object');
  const item = catalogBasics(raw);
  if (raw.tags !== undefined) item.tags = catalogTags(raw.tags);
  if (raw.price !== undefined) item.price = catalogPrice(raw.price);
  if (raw.url !== undefined) item.url = httpUrl(raw.url, 'url');
  if (raw.image !== undefined) item.image = catalogImage(raw.image);
  if (raw.seasonMonths !== undefined) item.seasonMonths = seasonMonths(raw.seasonMonths);
  if (raw.requirements !== undefined) {
    if (item.kind !== 'feature') throw new Invalid('requirements', 'only features have requirements');
    item.requirements = featureRequirements(raw.requirements);
  }
  if (raw.createdAt !== undefined) {
    if (!isIsoTimestamp(raw.createdAt)) throw new Invalid('createdAt', 'createdAt must be an ISO-8601 date-time');
    item.createdAt = raw.createdAt;
  }
  return item;
}

/** Id, kind, name, diet, allergens and the texts that place a row (a dish needs its restaurant, a restaurant its cuisine and region). */
function catalogBasics(raw: Record<string, unknown>): CatalogItem {
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
  return item;
}

function catalogTags(tags: unknown): string[] {
  if (!Array.isArray(tags) || tags.length > MAX_TAGS) {
    throw new Invalid('tags', `tags must be an array of at most ${MAX_TAGS} strings`);
  }
  return tags.map((tag, index) => boundedString(tag, `tags[${index}]`, 40));
}

function catalogPrice(price: unknown): Money {
  if (!isPlainObject(price)) throw new Invalid('price', 'price must be { amount, currency }');
  if (typeof price.amount !== 'number' || !Number.isFinite(price.amount) || price.amount < 0) {
    throw new Invalid('price.amount', 'price.amount must be a number ≥ 0');
  }
  if (typeof price.currency !== 'string' || !/^[A-Z]{3}$/.test(price.currency)) {
    throw new Invalid('price.currency', 'price.currency must be an ISO 4217 code like EUR');
  }
  return { amount: price.amount, currency: price.currency };
}

function httpUrl(value: unknown, field: string): string {
  const url = boundedString(value, field, 2_000);
  if (!HTTP_URL.test(url)) throw new Invalid(field, `${field} must be an http(s) URL`);
  return url;
}

function catalogImage(image: unknown): RecommendationImage {
  if (!isPlainObject(image)) throw new Invalid('image', 'image must be { url, width, height, alt }');
  const url = httpUrl(image.url, 'image.url');
  for (const side of ['width', 'height'] as const) {
    const size = image[side];
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > 10_000) {
      throw new Invalid(`image.${side}`, `image.${side} must be a whole number of pixels (1–10000)`);
    }
  }
  if (typeof image.alt !== 'string' || image.alt.length > 300) {
    throw new Invalid('image.alt', 'image.alt must be a string (may be empty for decorative images)');
  }
  return { url, width: image.width as number, height: image.height as number, alt: image.alt };
}

function seasonMonths(months: unknown): number[] {
  if (!Array.isArray(months) || months.some((m) => typeof m !== 'number' || !Number.isInteger(m) || m < 1 || m > 12)) {
    throw new Invalid('seasonMonths', 'seasonMonths must be an array of months 1–12');
  }
  return [...new Set(months as number[])];
}

function featureRequirements(req: unknown): FeatureRequirements {
  if (!isPlainObject(req)) throw new Invalid('requirements', 'requirements must be an object');
  const requirements: FeatureRequirements = {};
  if (req.minLocations !== undefined) {
    if (typeof req.minLocations !== 'number' || !Number.isInteger(req.minLocations) || req.minLocations < 0) {
      throw new Invalid('requirements.minLocations', 'requirements.minLocations must be a whole number ≥ 0');
    }
    requirements.minLocations = req.minLocations;
  }
  for (const key of ['services', 'restaurantTypes'] as const) {
    const list = req[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.some((entry) => typeof entry !== 'string' || entry === '')) {
      throw new Invalid(`requirements.${key}`, `requirements.${key} must be an array of non-empty strings`);
    }
    requirements[key] = list as string[];
  }
  return requirements;
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
