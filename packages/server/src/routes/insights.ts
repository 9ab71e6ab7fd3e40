/**
 * `GET /v1/insights?groupId=&anonymousId=&userId=&userHash=&groupHash=&locale=&region=&now=` (computation in
 * insights.ts).
 *
 * Who may read: an identified owner of the group, proven by the partner's backend twice — `userHash` =
 * HMAC(secret, userId) (checked like every subject route) and `groupHash` = HMAC(secret, userId + ':' + groupId)
 * (`groupHashFor`). Stored `group` messages do not count: `/v1/batch` takes them from anyone, so a verified
 * user could otherwise claim any restaurant with one `group()` call. Anonymous visitors get 403 (`userId`), a
 * missing or wrong userHash 403 (`userHash`), a missing, malformed or wrong groupHash 403 (`groupHash`).
 *
 * `locale`: de (default), en, ar. `region`: ISO 3166 alpha-2 for the seasonal rules; default the group's traits
 * (`address.country`, else `country`) from the owner's latest `group` message, else DE — traits only choose calendar
 * suggestions, never access. `now` (ISO 8601) moves the clock and is accepted only when the app runs with a pinned
 * clock (`createApp({ now })`, tests) or in demo mode.
 */
import type { InsightsResponse } from '@matbakh/contract';
import type { Db } from '../db.ts';
import { computeInsights } from '../insights.ts';
import type { RouteModule } from '../route-kit.ts';
import { ownerRequest, pinnedNowOf } from './owner-proof.ts';

/**
 * The group's country from the latest `group` traits this owner sent. Only the owner's own messages: anyone may
 * post a `group()` call for any groupId, and a stranger's traits must not steer the owner's suggestions.
 */
async function regionOf(db: Db, tenantId: string, userId: string, groupId: string): Promise<string | undefined> {
  const json = db.sql.jsonText;
  const row = await db.get<{ country: unknown }>(
    `SELECT coalesce(${json('payload', 'traits', 'address', 'country')}, ${json('payload', 'traits', 'country')}) AS country
     FROM events WHERE tenant_id = ? AND type = 'group' AND user_id = ? AND ${json('payload', 'groupId')} = ?
     ORDER BY timestamp DESC LIMIT 1`,
    [tenantId, userId, groupId],
  );
  return typeof row?.country === 'string' && /^[a-z]{2}$/i.test(row.country) ? row.country.toUpperCase() : undefined;
}

export const insightsRoutes: RouteModule = (app, kit) => {
  app.get('/v1/insights', async (c) => {
    const request = await ownerRequest(c, kit, () => {
      const regionParam = c.req.query('region');
      if (regionParam !== undefined && !/^[a-z]{2}$/i.test(regionParam)) {
        return kit.fail(c, 400, 'bad_request', 'region must be an ISO 3166 alpha-2 code such as DE', 'region');
      }
      const pinnedNow = pinnedNowOf(c, kit);
      return pinnedNow instanceof Response ? pinnedNow : { regionParam, pinnedNow };
    });
    if (request instanceof Response) return request;
    const { tenant, groupId, locale, owner: subject } = request;
    const { regionParam, pinnedNow } = request.extra;

    const result = await computeInsights({
      db: kit.db,
      tenantId: tenant.id,
      groupId,
      locale,
      now: pinnedNow ?? kit.now(),
      region: regionParam?.toUpperCase() ?? (await regionOf(kit.db, tenant.id, subject.userId, groupId)),
    });
    // The restaurant's order data, read for its verified owner.
    await kit.audit(c, tenant, {
      purpose: 'owner_insights',
      action: 'read',
      target: 'insights',
      subject,
      detail: { groupId },
    });
    kit.logFields(c, { insights: result.insights.length });
    c.header('Cache-Control', 'no-store');
    return c.json<InsightsResponse>(result);
  });
};
