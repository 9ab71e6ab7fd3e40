/**
 * Search (issue 20): `GET /v1/search?q=&limit=&type=` over the tenant's catalogue, and `GET /v1/search/index`, the
 * compact catalogue the SDK's on-device fallback indexes with the same engine (@matbakh/contract search-engine.ts).
 * The subject's stored diet and allergens filter every answer; the personal blend needs their recorded
 * personalization grant. Neither can be switched off by the request.
 */
import {
  runSearch,
  type SearchIndexResponse,
  type SearchQuery,
  type SearchResponse,
  validateSearchQuery,
} from '@matbakh/contract';
import { grants, latestChoices } from '../consent-gate.ts';
import { storedConstraints } from '../recommend/constraints.ts';
import type { Ctx, RouteKit, RouteModule } from '../route-kit.ts';
import { compactIndex, tenantSearch } from '../search/index-cache.ts';
import { personalBlend } from '../search/personal.ts';
import type { VerifiedSubject } from '../subject.ts';

function subjectOf(c: Ctx, kit: RouteKit, tenant: Parameters<RouteKit['verify']>[1], query: SearchQuery) {
  if (query.anonymousId === undefined) {
    return query.userId === undefined
      ? undefined
      : kit.fail(c, 400, 'bad_request', 'a userId needs the anonymousId it was identified with', 'anonymousId');
  }
  return kit.verify(c, tenant, {
    anonymousId: query.anonymousId,
    ...(query.userId === undefined ? {} : { userId: query.userId }),
    ...(query.userHash === undefined ? {} : { userHash: query.userHash }),
  });
}

export const searchRoutes: RouteModule = (app, kit) => {
  const { db } = kit;

  app.get('/v1/search', async (c) => {
    const tenant = await kit.authorizeRequest(c);
    if (tenant instanceof Response) return tenant;
    const parsed = validateSearchQuery(c.req.query());
    if (!parsed.ok) return kit.fail(c, 400, 'bad_request', parsed.error.message, parsed.error.field);
    const query = parsed.value;
    const subject: VerifiedSubject | Response | undefined = subjectOf(c, kit, tenant, query);
    if (subject instanceof Response) return subject;
    const now = kit.now();
    const [search, constraints, choices] = await Promise.all([
      tenantSearch(db, tenant.id),
      subject ? storedConstraints(db, tenant.id, subject) : { diet: [], allergens: [] },
      subject ? latestChoices(db, tenant.id, subject) : undefined,
    ]);
    const personal =
      subject && grants(choices, 'personalization') ? await personalBlend(db, tenant.id, subject, now) : undefined;
    const response = runSearch(search.index, {
      q: query.q,
      limit: query.limit,
      types: query.types,
      diet: constraints.diet,
      allergens: constraints.allergens,
      ...(personal ? { personal } : {}),
    });
    // Counts only: the query text is the guest's and stays out of the log.
    kit.logFields(c, {
      hits: response.total,
      queryLength: query.q.length,
      personalized: response.personalized ? 1 : 0,
    });
    c.header('Cache-Control', 'no-store');
    return c.json<SearchResponse>(response);
  });

  app.get('/v1/search/index', async (c) => {
    const tenant = await kit.authorizeRequest(c);
    if (tenant instanceof Response) return tenant;
    const index = await compactIndex(db, tenant.id, kit.now());
    kit.logFields(c, { dishes: index.dishes.length });
    // Not personal: the catalogue, the same for every guest. A short shared cache; the ETag saves the refetch.
    const etag = `"${index.generatedAt}-${index.dishes.length}-${index.restaurants.length}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', 'public, max-age=300');
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    return c.json<SearchIndexResponse>(index);
  });
};
