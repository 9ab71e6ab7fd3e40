/**
 * Search (issue 20): `GET /v1/search?q=&limit=&type=&hour=&region=` over the tenant's catalogue,
 * `GET /v1/search/suggestions` (what an empty, focused box offers), and `GET /v1/search/index`, the compact
 * catalogue the SDK's on-device fallback indexes with the same engine (@matbakh/contract search-engine.ts).
 * The subject's stored diet and allergens filter every answer; the personal blend (history, favourites, region,
 * time of day) and "your usual" need their recorded personalization grant. Neither can be switched off by the
 * request.
 */
import {
  type BadRequest,
  type Result,
  runSearch,
  type SearchContext,
  type SearchIndexResponse,
  type SearchQuery,
  type SearchResponse,
  type SearchSuggestionsResponse,
  validateSearchQuery,
  validateSuggestionsQuery,
} from '@matbakh/contract';
import { grants, latestChoices } from '../consent-gate.ts';
import { storedConstraints } from '../recommend/constraints.ts';
import { homeRegionOf } from '../recommend/subject-context.ts';
import type { Ctx, RouteKit, RouteModule } from '../route-kit.ts';
import { contextBlend } from '../search/context.ts';
import { compactIndex, tenantSearch } from '../search/index-cache.ts';
import { personalBlend } from '../search/personal.ts';
import { searchSuggestions } from '../search/suggestions.ts';
import type { VerifiedSubject } from '../subject.ts';

type Tenant = Parameters<RouteKit['verify']>[1];
type Ids = Pick<SearchQuery, 'anonymousId' | 'userId' | 'userHash'>;

function subjectOf(c: Ctx, kit: RouteKit, tenant: Tenant, query: Ids) {
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

/** The subject's stored diet/allergens (always) and whether their personalization grant is recorded. */
async function guestOf(kit: RouteKit, tenantId: string, subject: VerifiedSubject | undefined) {
  const [constraints, choices] = await Promise.all([
    subject ? storedConstraints(kit.db, tenantId, subject) : { diet: [], allergens: [] },
    subject ? latestChoices(kit.db, tenantId, subject) : undefined,
  ]);
  return { ...constraints, personal: subject !== undefined && grants(choices, 'personalization') };
}

/**
 * What both personal search routes start with: the tenant, the parsed query, the verified subject (if any ids
 * came), the clock, the tenant's search and the guest's stored constraints — or the Response that ends the request.
 */
async function searchRequest<Q extends Ids>(
  c: Ctx,
  kit: RouteKit,
  validate: (query: Record<string, string | undefined>) => Result<Q, BadRequest>,
) {
  const tenant = await kit.authorizeRequest(c);
  if (tenant instanceof Response) return tenant;
  const parsed = validate(c.req.query());
  if (!parsed.ok) return kit.fail(c, 400, 'bad_request', parsed.error.message, parsed.error.field);
  const query = parsed.value;
  const subject: VerifiedSubject | Response | undefined = subjectOf(c, kit, tenant, query);
  if (subject instanceof Response) return subject;
  const now = kit.now();
  const [search, guest] = await Promise.all([tenantSearch(kit.db, tenant.id), guestOf(kit, tenant.id, subject)]);
  return { tenant, query, subject, now, search, guest };
}

/** The request's hour and region; the guest's home region only under their personalization grant. */
async function contextOf(
  kit: RouteKit,
  tenantId: string,
  query: Pick<SearchQuery, 'hour' | 'region'>,
  personalSubject: VerifiedSubject | undefined,
  now: number,
): Promise<SearchContext> {
  const region = query.region ?? (personalSubject ? await homeRegionOf(kit.db, tenantId, personalSubject) : undefined);
  return { hour: query.hour ?? new Date(now).getUTCHours(), ...(region === undefined ? {} : { region }) };
}

// Long because: one route module: its handlers are registered together, each a few lines of parse, call and answer.
export const searchRoutes: RouteModule = (app, kit) => {
  const { db } = kit;

  app.get('/v1/search', async (c) => {
    const request = await searchRequest(c, kit, validateSearchQuery);
    if (request instanceof Response) return request;
    const { tenant, query, subject, now, search, guest } = request;
    let personal: Parameters<typeof runSearch>[1]['personal'];
    if (guest.personal && subject) {
      const context = await contextOf(kit, tenant.id, query, subject, now);
      const [history, moment] = await Promise.all([
        personalBlend(db, tenant.id, subject, now),
        contextBlend(db, tenant.id, search, context, now),
      ]);
      personal = (doc) => {
        const mine = history(doc);
        return { factor: (mine?.factor ?? 1) * moment(doc), ...(mine?.reason ? { reason: mine.reason } : {}) };
      };
    }
    const response = runSearch(search.index, {
      q: query.q,
      limit: query.limit,
      types: query.types,
      diet: guest.diet,
      allergens: guest.allergens,
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

  app.get('/v1/search/suggestions', async (c) => {
    const request = await searchRequest(c, kit, validateSuggestionsQuery);
    if (request instanceof Response) return request;
    const { tenant, query, subject, now, search, guest } = request;
    const personalSubject = guest.personal ? subject : undefined;
    const response = await searchSuggestions({
      db,
      tenantId: tenant.id,
      search,
      personalSubject,
      context: await contextOf(kit, tenant.id, query, personalSubject, now),
      limit: query.limit,
      diet: guest.diet,
      allergens: guest.allergens,
      now,
      defaultRegion: 'DE',
    });
    kit.logFields(c, {
      hits: response.groups.reduce((n, g) => n + g.hits.length, 0),
      personalized: response.personalized ? 1 : 0,
    });
    c.header('Cache-Control', 'no-store');
    return c.json<SearchSuggestionsResponse>(response);
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
