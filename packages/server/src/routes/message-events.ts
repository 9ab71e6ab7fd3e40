/**
 * `POST /v1/messages/:deliveryId/opened` and `…/clicked`: the beacons a message sends back when it is shown (the
 * service worker's notification, an opened inbox item) and when its link is followed. They stamp the delivery row
 * once (the first time counts; a clicked message was also opened), for the funnel delivered → opened → clicked.
 * Write-key authenticated like every browser call, and each beacon carries its delivery's `token`
 * (delivery-token.ts, in the message as sent): the write key is public, so without it anyone could count opens and
 * clicks onto every delivery id. A delivery of another tenant is not found.
 */
import { deliveryTokenMatches } from '../messaging/delivery-token.ts';
import { recordMessageEvent } from '../messaging/tracking.ts';
import type { RouteModule } from '../route-kit.ts';

export const messageEventRoutes: RouteModule = (app, kit) => {
  app.post('/v1/messages/:deliveryId/:event', async (c) => {
    const tenant = await kit.authorizeRequest(c);
    if (tenant instanceof Response) return tenant;
    const event = c.req.param('event');
    if (event !== 'opened' && event !== 'clicked') {
      return kit.fail(c, 404, 'not_found', 'the message events are opened and clicked', 'event');
    }
    const raw = c.req.param('deliveryId');
    if (!/^\d{1,15}$/.test(raw))
      return kit.fail(c, 400, 'bad_request', 'deliveryId must be a whole number', 'deliveryId');
    const token = c.req.query('token');
    if (token === undefined || token === '') {
      return kit.fail(c, 400, 'bad_request', 'token is required: the one the message was sent with', 'token');
    }
    if (!deliveryTokenMatches(tenant.secrets, tenant.id, Number(raw), token)) {
      return kit.fail(c, 403, 'forbidden', 'token does not match this delivery', 'token');
    }
    if (!(await recordMessageEvent(kit.db, tenant.id, Number(raw), event, kit.now())))
      return kit.fail(c, 404, 'not_found', `no delivery ${raw}`, 'deliveryId');
    kit.logFields(c, { event });
    c.header('Cache-Control', 'no-store');
    return c.body(null, 204);
  });
};
