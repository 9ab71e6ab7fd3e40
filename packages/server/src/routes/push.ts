/**
 * Web Push for the browser: `GET /v1/push/key` hands out the tenant's VAPID public key (the `applicationServerKey`
 * of `pushManager.subscribe`); `POST /v1/push/subscriptions` stores a subscription, only when the subject's newest
 * consent decision grants the `push` channel; `DELETE /v1/push/subscriptions` removes one of the subject's own.
 */
import { type PushKeyResponse, type PushSubscriptionResponse, type Subject, validateSubject } from '@matbakh/contract';
import { channelGranted } from '../messaging/channel-consent.ts';
import {
  checkEndpoint,
  checkSubscription,
  removeSubscription,
  saveSubscription,
} from '../messaging/push-subscriptions.ts';
import { linkSubject } from '../messaging/subject-links.ts';
import { tenantVapidKeys } from '../messaging/vapid.ts';
import { subjectKey } from '../preferences-store.ts';
import type { RouteModule } from '../route-kit.ts';

const PATH = '/v1/push/subscriptions';

export const pushRoutes: RouteModule = (app, kit) => {
  const { db, fail } = kit;
  const allowLocalHttp = kit.config.pushAllowLocalHttp;

  app.get('/v1/push/key', async (c) => {
    const tenant = await kit.authorizeRequest(c);
    if (tenant instanceof Response) return tenant;
    const { publicKey } = await tenantVapidKeys(db, tenant.id, kit.now());
    // The key never changes once made: browsers may keep it for a while.
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json<PushKeyResponse>({ publicKey });
  });

  app.post(PATH, async (c) => {
    const auth = await kit.authorizeWithBody(c, kit.subjectBody);
    if (auth instanceof Response) return auth;
    const { tenant } = auth;
    const named = validateSubject(auth.body);
    if (!named.ok) return fail(c, 400, 'bad_request', named.error.message, named.error.field);
    const subscription = checkSubscription(auth.body, allowLocalHttp);
    if (!subscription.ok) return fail(c, 400, 'bad_request', subscription.message, subscription.field);
    const subject = kit.verify(c, tenant, named.value);
    if (subject instanceof Response) return subject;
    if (!(await channelGranted(db, tenant.id, subject, 'push'))) {
      return fail(
        c,
        403,
        'consent_required',
        'a push subscription is stored only when the subject’s newest consent decision grants the push channel',
        'channels.push',
      );
    }
    // The grant may be this device's, given before signing in: the dispatcher must hear it for `u:<id>` too.
    await linkSubject(db, tenant.id, subject, kit.now());
    await saveSubscription(db, tenant.id, subjectKey(subject), subscription.value, kit.now());
    await kit.audit(c, tenant, { purpose: 'messaging', action: 'change', target: 'push_subscription', subject });
    c.header('Cache-Control', 'no-store');
    return c.json<PushSubscriptionResponse>({ subscribed: true }, 201);
  });

  // Unsubscribing needs no consent: taking something back is always allowed.
  app.delete(PATH, async (c) => {
    const auth = await kit.authorizeWithBody(c, kit.subjectBody);
    if (auth instanceof Response) return auth;
    const { tenant } = auth;
    const named = validateSubject(auth.body);
    if (!named.ok) return fail(c, 400, 'bad_request', named.error.message, named.error.field);
    const endpoint = (auth.body as { endpoint?: unknown }).endpoint;
    // Any stored endpoint passed this check once; a malformed one cannot be stored, so it is refused here too.
    const endpointError = checkEndpoint(endpoint, true);
    if (endpointError) return fail(c, 400, 'bad_request', endpointError, 'endpoint');
    const subject = kit.verify(c, tenant, named.value as Subject);
    if (subject instanceof Response) return subject;
    const owners =
      subject.userId === undefined ? [subjectKey(subject)] : [subjectKey(subject), `a:${subject.anonymousId}`];
    const removed = await removeSubscription(db, tenant.id, endpoint as string, owners);
    if (removed > 0) {
      await kit.audit(c, tenant, {
        purpose: 'messaging',
        action: 'change',
        target: 'push_subscription',
        subject,
        detail: { removed },
      });
    }
    c.header('Cache-Control', 'no-store');
    return c.json<PushSubscriptionResponse>({ subscribed: false, removed });
  });
};
