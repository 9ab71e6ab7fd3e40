import { randomBytes } from 'node:crypto';
import { latestEvents } from '../events.ts';
import { groupHashFor } from '../insights.ts';
import type { RouteModule } from '../route-kit.ts';
import { userHashFor } from '../subject.ts';
import { demoPage } from './page.ts';

const DEMO_LIMIT_DEFAULT = 50;
const DEMO_LIMIT_MAX = 200;

/** Demo mode only (`config.demo`): the latest events, a stand-in for the partner's signing backend, the events page. */
export const demoRoutes: RouteModule = (app, kit) => {
  if (!kit.config.demo) return;
  const { db, fail } = kit;

  app.get('/v1/demo/events', async (c) => {
    const tenant = await kit.authorizeRequest(c);
    if (tenant instanceof Response) return tenant;
    const rawLimit = c.req.query('limit');
    const limit = rawLimit === undefined ? DEMO_LIMIT_DEFAULT : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1) {
      return fail(c, 400, 'bad_request', 'limit must be a positive whole number', 'limit');
    }
    c.header('Cache-Control', 'no-store');
    return c.json({ events: await latestEvents(db, tenant.id, Math.min(limit, DEMO_LIMIT_MAX)) });
  });

  /**
   * Stands in for the partner's backend, which signs its signed-in user's id with the tenant secret
   * (`userHash = HMAC-SHA256(secret, userId)`), so the example pages can show identified (owner) data.
   * Only ids starting with `demo_` are signed: the demo never vouches for anyone real.
   */
  app.get('/v1/demo/identity', async (c) => {
    const tenant = await kit.authorizeRequest(c);
    if (tenant instanceof Response) return tenant;
    const userId = c.req.query('userId') ?? '';
    if (!/^demo_[\w-]{1,40}$/.test(userId)) {
      return fail(c, 400, 'bad_request', 'userId must look like demo_<name>', 'userId');
    }
    // Only the demo's own restaurants: the demo must not sign anyone into a real tenant's group.
    const groupId = c.req.query('groupId');
    if (groupId !== undefined && !/^rest_demo_[\w-]{1,40}$/.test(groupId)) {
      return fail(c, 400, 'bad_request', 'groupId must look like rest_demo_<name>', 'groupId');
    }
    c.header('Cache-Control', 'no-store');
    return c.json({
      userId,
      userHash: userHashFor(tenant.secret, userId),
      ...(groupId === undefined ? {} : { groupId, groupHash: groupHashFor(tenant.secret, userId, groupId) }),
    });
  });

  app.get('/demo/events', (c) => {
    const nonce = randomBytes(16).toString('base64');
    c.header(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-store');
    return c.html(demoPage(nonce));
  });
};
