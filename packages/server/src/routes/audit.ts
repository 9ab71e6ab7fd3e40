/** `GET /v1/admin/audit`: the tenant reads its audit log (admin routes: `Authorization: Bearer <secret key>`). */
import { type AuditLogResponse, isIsoTimestamp } from '@matbakh/contract';
import { auditPage } from '../audit.ts';
import type { RouteModule } from '../route-kit.ts';

const PAGE_DEFAULT = 100;
const PAGE_MAX = 1000;

export const auditRoutes: RouteModule = (app, kit) => {
  app.get('/v1/admin/audit', async (c) => {
    const tenant = await kit.authorizeAdmin(c);
    if (tenant instanceof Response) return tenant;
    const after = Number(c.req.query('after') ?? 0);
    if (!Number.isSafeInteger(after) || after < 0) {
      return kit.fail(c, 400, 'bad_request', 'after must be an entry id (a whole number ≥ 0)', 'after');
    }
    const limit = Number(c.req.query('limit') ?? PAGE_DEFAULT);
    if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_MAX) {
      return kit.fail(c, 400, 'bad_request', `limit must be a whole number from 1 to ${PAGE_MAX}`, 'limit');
    }
    const since = c.req.query('since');
    if (since !== undefined && !isIsoTimestamp(since)) {
      return kit.fail(c, 400, 'bad_request', 'since must be an ISO 8601 timestamp', 'since');
    }
    const page = await auditPage(kit.db, tenant.id, {
      after,
      limit,
      ...(since === undefined ? {} : { since: new Date(since).toISOString() }),
    });
    kit.logFields(c, { entries: page.entries.length });
    c.header('Cache-Control', 'no-store');
    return c.json<AuditLogResponse>(page);
  });
};
