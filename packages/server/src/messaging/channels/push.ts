/**
 * The Web Push channel: one message to every browser the recipient subscribed (`push_subscriptions`), encrypted for
 * each (RFC 8291 aes128gcm) and signed with the tenant's VAPID key (RFC 8292), by the `web-push` library. The request
 * itself goes out with `fetch` (web-push's own sender speaks only `https.request` and hides the response): the
 * answer's status decides what happens — 404/410 means the subscription is gone (removed here), 429/5xx is retried
 * by the queue, anything else is a permanent failure for that subscription.
 */
import type { NotificationTopic, PushPayload } from '@matbakh/contract';
import webpush from 'web-push';
import type { Db } from '../../db.ts';
import type { Tenant } from '../../tenants.ts';
import type { ChannelAdapter, OutgoingMessage, SendOutcome } from '../channel.ts';
import { deliveryToken } from '../delivery-token.ts';
import { removeSubscription, type StoredSubscription, subscriptionsOf } from '../push-subscriptions.ts';
import { tenantVapidKeys } from '../vapid.ts';

type Urgency = 'very-low' | 'low' | 'normal' | 'high';

/** How long the push service keeps an undelivered message (s), and how eagerly a phone should wake for it. */
const DELIVERY: Record<NotificationTopic, { ttl: number; urgency: Urgency }> = {
  order_status: { ttl: 60 * 60, urgency: 'high' },
  health_alerts: { ttl: 24 * 60 * 60, urgency: 'high' },
  reports: { ttl: 2 * 24 * 60 * 60, urgency: 'normal' },
  recommendations: { ttl: 2 * 24 * 60 * 60, urgency: 'low' },
  promotions: { ttl: 2 * 24 * 60 * 60, urgency: 'low' },
  seasonal: { ttl: 3 * 24 * 60 * 60, urgency: 'low' },
};

/**
 * RFC 8291: a push message is at most 4096 bytes; the aes128gcm header (86), the tag (16) and the padding
 * delimiter (1) leave 3993 for the JSON. A little margin more for the push services that count differently.
 */
const MAX_PAYLOAD_BYTES = 3800;

export interface PushAdapterOptions {
  /** The VAPID `sub` contact (mailto: or https:); default `MB_PUSH_CONTACT`, else the tenant's first https origin. */
  contact?: string;
  /** Per request to the push service (ms). */
  timeoutMs?: number;
}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** The payload as JSON, its body shortened (by whole code points, with an ellipsis) until it fits one push message. */
export function pushPayloadJson(payload: PushPayload): string {
  let json = JSON.stringify(payload);
  if (bytes(json) <= MAX_PAYLOAD_BYTES) return json;
  const chars = [...payload.body];
  const excess = bytes(json) - MAX_PAYLOAD_BYTES;
  let keep = chars.length;
  let dropped = 0;
  while (keep > 0 && dropped < excess + 3) dropped += bytes(chars[--keep]!);
  json = JSON.stringify({ ...payload, body: `${chars.slice(0, keep).join('')}…` });
  // JSON escapes can grow a string; the title alone is bounded by the contract's validation.
  return bytes(json) <= MAX_PAYLOAD_BYTES ? json : JSON.stringify({ ...payload, body: '' });
}

function vapidContact(tenant: Tenant, configured: string | undefined): string {
  if (configured) return configured;
  const origin = tenant.allowedOrigins.find((o) => o.startsWith('https://') && !o.includes('*'));
  return origin ?? 'mailto:webpush@localhost';
}

type Attempt = 'delivered' | 'gone' | 'retry' | 'failed';

interface Result {
  attempt: Attempt;
  detail: string;
  providerId?: string;
}

function classify(status: number): Attempt {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 404 || status === 410) return 'gone';
  if (status === 429 || status >= 500) return 'retry';
  return 'failed';
}

export function createPushAdapter(options: PushAdapterOptions = {}): ChannelAdapter {
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function deliver(
    subscription: StoredSubscription,
    json: string,
    vapidDetails: { subject: string; publicKey: string; privateKey: string },
    topic: NotificationTopic,
  ): Promise<Result> {
    const { ttl, urgency } = DELIVERY[topic] ?? DELIVERY.recommendations;
    const request = webpush.generateRequestDetails(subscription, json, {
      vapidDetails,
      TTL: ttl,
      urgency,
      contentEncoding: 'aes128gcm',
    });
    // fetch computes the length itself (and refuses a caller's Content-Length).
    const headers = Object.fromEntries(
      Object.entries(request.headers)
        .filter(([name]) => name.toLowerCase() !== 'content-length')
        .map(([name, value]) => [name, String(value)]),
    );
    try {
      const response = await fetch(request.endpoint, {
        method: 'POST',
        headers,
        // A plain Uint8Array view: the DOM and Node typings disagree on whether a Buffer is a BodyInit.
        body: request.body ? new Uint8Array(request.body) : null,
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      const attempt = classify(response.status);
      const retryAfter = response.headers.get('retry-after');
      const detail = `push service answered ${response.status}${retryAfter ? ` (Retry-After: ${retryAfter})` : ''}`;
      const location = response.headers.get('location');
      return location ? { attempt, detail, providerId: location } : { attempt, detail };
    } catch (error) {
      return { attempt: 'retry', detail: `push service unreachable: ${(error as Error).name}` };
    }
  }

  return {
    id: 'push',
    async reachable(db, tenantId, recipient) {
      return (await subscriptionsOf(db, tenantId, recipient)).length > 0;
    },
    async send(db: Db, message: OutgoingMessage): Promise<SendOutcome> {
      const { tenant, recipient } = message;
      const subscriptions = await subscriptionsOf(db, tenant.id, recipient);
      if (subscriptions.length === 0) return { ok: false, retry: false, reason: 'not reachable: no push subscription' };
      const keys = await tenantVapidKeys(db, tenant.id, Date.now());
      const vapidDetails = { subject: vapidContact(tenant, options.contact ?? process.env.MB_PUSH_CONTACT), ...keys };
      const payload: PushPayload = {
        title: message.title,
        body: message.body,
        ...(message.url === undefined ? {} : { url: message.url }),
        deliveryId: message.deliveryId,
        token: deliveryToken(tenant.secret, tenant.id, message.deliveryId),
        tag: message.campaignId,
      };
      const json = pushPayloadJson(payload);
      const results: Result[] = [];
      for (const subscription of subscriptions) {
        const result = await deliver(subscription, json, vapidDetails, message.topic);
        if (result.attempt === 'gone') await removeSubscription(db, tenant.id, subscription.endpoint);
        results.push(result);
      }
      const delivered = results.find((r) => r.attempt === 'delivered');
      if (delivered) return delivered.providerId ? { ok: true, providerId: delivered.providerId } : { ok: true };
      const transient = results.find((r) => r.attempt === 'retry');
      if (transient) return { ok: false, retry: true, reason: transient.detail };
      if (results.every((r) => r.attempt === 'gone')) {
        return { ok: false, retry: false, reason: 'not reachable: every push subscription has expired (removed)' };
      }
      return { ok: false, retry: false, reason: results.find((r) => r.attempt === 'failed')!.detail };
    },
  };
}

export const pushAdapter: ChannelAdapter = createPushAdapter();
