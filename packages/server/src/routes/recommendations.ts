import {
  type CatalogSnapshot,
  type CatalogUploadErrors,
  type CatalogUploadResponse,
  checkJsonShape,
  type ExplanationStatement,
  explanationStatement,
  type FeedbackResponse,
  LOCALES,
  type Locale,
  parseJson,
  type RecommendationsQuery,
  type RecommendationsResponse,
  validateCatalogRemovals,
  validateCatalogUpload,
  validateFeedback,
  validateRecommendationsQuery,
} from '@matbakh/contract';
import { catalogFromCsv, isCsv, withLines } from '../catalog-upload/csv.ts';
import { grants, latestChoices } from '../consent-gate.ts';
import { errorBody, readBody } from '../http.ts';
import { verifyGroupHash } from '../insights.ts';
import {
  dishLeftWithoutRestaurant,
  removeCatalogItems,
  storedRestaurantIds,
  upsertCatalog,
} from '../recommend/catalog.ts';
import { storedConstraints, withStored } from '../recommend/constraints.ts';
import { storeFeedback } from '../recommend/feedback.ts';
import {
  CATALOG_SNAPSHOT_DEFAULT_LIMIT,
  CATALOG_SNAPSHOT_MAX_LIMIT,
  catalogSnapshot,
  recommend,
} from '../recommend/recommender.ts';
import type { Ctx, RouteModule } from '../route-kit.ts';
import type { VerifiedSubject } from '../subject.ts';
import type { Tenant } from '../tenants.ts';

/** A catalogue file of a few thousand rows; larger ones go in several uploads (upserts are idempotent). */
export const CATALOG_MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Recommendations (issue 5): `GET /v1/recommendations`, `POST /v1/feedback`,
 * `GET /v1/recommendations/explanation`, `GET /v1/catalog` and the tenant's `POST /v1/admin/catalog`.
 * Long because: one route module: its five routes are registered together, each a few lines of validate, call the
 * recommender or store, and answer.
 */
export const recommendationRoutes: RouteModule = (app, kit) => {
  const { db, fail } = kit;

  const queryRecord = (c: Ctx): Record<string, string | undefined> => c.req.query();

  /**
   * What the server guarantees whatever the request says: profiling only with the subject's recorded
   * `personalization` grant (the request can narrow with profiling=0, never widen), and the subject's stored diet
   * and allergens joined into the filters.
   */
  const enforcedQuery = async (
    tenant: Tenant,
    query: RecommendationsQuery,
    subject: VerifiedSubject | undefined,
  ): Promise<RecommendationsQuery> => {
    if (!subject) return query; // no subject: nothing personal is read (basis not_identified)
    const [choices, stored] = await Promise.all([
      query.profiling ? latestChoices(db, tenant.id, subject) : undefined,
      storedConstraints(db, tenant.id, subject),
    ]);
    return withStored({ ...query, profiling: query.profiling && grants(choices, 'personalization') }, stored);
  };

  /** The groupId of an owner request whose groupHash the partner's backend made for this (verified) user. */
  const provenGroup = (tenant: Tenant, query: RecommendationsQuery, subject: VerifiedSubject | undefined) =>
    subject?.userId !== undefined &&
    query.groupId !== undefined &&
    verifyGroupHash(tenant.secrets, subject.userId, query.groupId, query.groupHash)
      ? query.groupId
      : undefined;

  app.get('/v1/recommendations', async (c) => {
    const tenant = await kit.authorizeRequest(c);
    if (tenant instanceof Response) return tenant;
    const parsed = validateRecommendationsQuery(queryRecord(c));
    if (!parsed.ok) return fail(c, 400, 'bad_request', parsed.error.message, parsed.error.field);
    const query = parsed.value;
    let subject: VerifiedSubject | undefined;
    if (query.anonymousId !== undefined) {
      const verified = kit.verify(c, tenant, {
        anonymousId: query.anonymousId,
        ...(query.userId === undefined ? {} : { userId: query.userId }),
        ...(query.userHash === undefined ? {} : { userHash: query.userHash }),
      });
      if (verified instanceof Response) return verified;
      subject = verified;
    } else if (query.userId !== undefined) {
      return fail(c, 400, 'bad_request', 'a userId needs the anonymousId it was identified with', 'anonymousId');
    }
    const response = await recommend(db, {
      tenantId: tenant.id,
      query: await enforcedQuery(tenant, query, subject),
      subject,
      provenGroup: provenGroup(tenant, query, subject),
      now: kit.now(),
      retentionDays: tenant.retentionDays,
    });
    kit.logFields(c, {
      items: response.items.length,
      personalized: response.personalized ? 1 : 0,
      audience: response.audience,
    });
    // Personal when personalized, and it changes with every order: never cached by anyone.
    c.header('Cache-Control', 'no-store');
    return c.json<RecommendationsResponse>(response);
  });

  app.post('/v1/feedback', async (c) => {
    const auth = await kit.authorizeWithBody(c, kit.subjectBody);
    if (auth instanceof Response) return auth;
    const request = validateFeedback(auth.body);
    if (!request.ok) return fail(c, 400, 'bad_request', request.error.message, request.error.field);
    const subject = kit.verify(c, auth.tenant, request.value);
    if (subject instanceof Response) return subject;
    // Feedback is profiling: stored only under the subject's recorded personalization grant.
    if (!grants(await latestChoices(db, auth.tenant.id, subject), 'personalization')) {
      return fail(
        c,
        403,
        'consent_required',
        'feedback is stored only with the subject’s personalization consent, recorded in the consent ledger',
        'consent',
      );
    }
    const stored = await storeFeedback(db, auth.tenant.id, subject, request.value, kit.now());
    kit.logFields(c, { feedback: request.value.kind });
    c.header('Cache-Control', 'no-store');
    return c.json<FeedbackResponse>(stored, 201);
  });

  app.get('/v1/recommendations/explanation', async (c) => {
    const tenant = await kit.authorizeRequest(c);
    if (tenant instanceof Response) return tenant;
    const locale = c.req.query('locale') ?? 'de';
    if (!(LOCALES as readonly string[]).includes(locale)) {
      return fail(c, 400, 'bad_request', `locale must be one of ${LOCALES.join(', ')}`, 'locale');
    }
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json<ExplanationStatement>(explanationStatement(locale as Locale));
  });

  app.get('/v1/catalog', async (c) => {
    const tenant = await kit.authorizeRequest(c);
    if (tenant instanceof Response) return tenant;
    const rawLimit = c.req.query('limit');
    const limit = rawLimit === undefined || rawLimit === '' ? CATALOG_SNAPSHOT_DEFAULT_LIMIT : Number(rawLimit);
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > CATALOG_SNAPSHOT_MAX_LIMIT) {
      return fail(
        c,
        400,
        'bad_request',
        `limit must be a whole number from 1 to ${CATALOG_SNAPSHOT_MAX_LIMIT}`,
        'limit',
      );
    }
    const region = c.req.query('region');
    if (region !== undefined && (region === '' || region.length > 100)) {
      return fail(c, 400, 'bad_request', 'region must be 1 to 100 characters', 'region');
    }
    const snapshot = await catalogSnapshot(db, tenant.id, { region, limit }, kit.now());
    kit.logFields(c, { items: snapshot.items.length });
    // Not personal; popularity moves slowly. A short shared cache keeps on-device fallbacks cheap.
    c.header('Cache-Control', 'public, max-age=300');
    return c.json<CatalogSnapshot>(snapshot);
  });

  app.post('/v1/admin/catalog', async (c) => {
    const tenant = await kit.authorizeAdmin(c);
    if (tenant instanceof Response) return tenant;
    const body = await readBody(c.req.raw, CATALOG_MAX_BODY_BYTES);
    if (!body.ok) {
      return body.reason === 'too_large'
        ? fail(
            c,
            413,
            'payload_too_large',
            `body is larger than ${CATALOG_MAX_BODY_BYTES} bytes: split the upload`,
            'items',
          )
        : fail(c, 400, 'bad_request', 'body could not be read as UTF-8', 'items');
    }
    // CSV (Content-Type: text/csv) stands for the same { items } body; its errors also name the file line.
    const csv = isCsv(c.req.header('content-type')) ? catalogFromCsv(body.text) : undefined;
    const parsed = csv ? { ok: true as const, value: csv.ok ? csv.body : {} } : parseJson(body.text);
    if (!parsed.ok) return fail(c, 400, 'bad_request', parsed.error.message, 'items');
    const shape = checkJsonShape(parsed.value, 'body');
    if (shape) return fail(c, 400, 'bad_request', shape.message, shape.field);
    const checked =
      csv && !csv.ok
        ? { ok: false as const, error: csv.errors }
        : validateCatalogUpload(parsed.value, await storedRestaurantIds(db, tenant.id));
    if (!checked.ok) {
      const errors = csv?.ok ? withLines(checked.error, csv.lines) : checked.error;
      kit.logFields(c, { badRows: errors.length });
      const first = errors[0]!;
      const where = `row ${first.index}${'line' in first ? ` (line ${first.line})` : ''}`;
      return c.json<CatalogUploadErrors & ReturnType<typeof errorBody>>(
        {
          ...errorBody(
            'bad_request',
            `${errors.length} row(s) are invalid; nothing was written (first: ${where}, ${first.field}: ${first.message})`,
            'items',
          ),
          errors,
        },
        400,
      );
    }
    // JSON only: `remove` lists ids to delete in the same transaction (a CSV file has no place for it).
    const removals = validateCatalogRemovals(csv ? {} : parsed.value, checked.value);
    if (!removals.ok) return fail(c, 400, 'bad_request', removals.error.message, removals.error.field);
    const remove = removals.value;
    const orphan = await dishLeftWithoutRestaurant(db, tenant.id, checked.value, remove);
    if (orphan) {
      const message = `dish ${orphan.dish} would point at the removed restaurant ${orphan.restaurant}: remove or move it too`;
      return fail(c, 400, 'bad_request', message, 'remove');
    }
    let removed = 0;
    const upserted = await db.transaction(async (tx) => {
      removed = await removeCatalogItems(tx, tenant.id, remove);
      return upsertCatalog(tx, tenant.id, checked.value, kit.now());
    });
    const counts: Record<string, number> = remove.length > 0 ? { upserted, removed } : { upserted };
    await kit.audit(c, tenant, { purpose: 'configuration', action: 'admin_change', target: 'catalog', detail: counts });
    kit.logFields(c, counts);
    c.header('Cache-Control', 'no-store');
    return c.json<CatalogUploadResponse>({ upserted, ...(remove.length > 0 ? { removed } : {}) });
  });
};
