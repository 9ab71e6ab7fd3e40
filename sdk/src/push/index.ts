/**
 * Web Push subscription (issue 19), as a plugin of the core client — outside the core file, loaded with the
 * `<mb-push-optin>` element:
 *
 * ```ts
 * import { pushPlugin } from '@matbakh/sdk/push';
 * const client = createClient({ writeKey, plugins: [privacyPlugin(), pushPlugin()] });
 * // after a meaningful action of the visitor, from a click:
 * const outcome = await client.push.subscribe(); // 'subscribed' | 'denied' | 'dismissed' | 'no-consent' | …
 * ```
 *
 * `subscribe` asks the browser's permission first (it must run in the visitor's click), registers the partner's
 * `matbakh-sw.js` (same origin as the page), subscribes with the tenant's VAPID key (`GET /v1/push/key`) and
 * stores the subscription (`POST /v1/push/subscriptions`, which the server accepts only under the push channel's
 * consent). A denied permission is final: it is never asked again (the browser would not show the prompt anyway).
 */
import type { PushKeyResponse, PushSubscriptionRequest, PushSubscriptionResponse } from '@matbakh/contract';
import { definePlugin } from '../plugin/define.ts';
import type { PluginContext } from '../plugin/types.ts';

export type PushPermission = 'default' | 'granted' | 'denied' | 'unsupported';
export type PushConsent = 'granted' | 'refused' | 'unasked';
export type PushSubscribeOutcome = 'subscribed' | 'denied' | 'dismissed' | 'no-consent' | 'unsupported' | 'failed';

export interface PushControls {
  /** The browser's notification permission, or `unsupported` (no service worker, Push API or Notification). */
  permission(): PushPermission;
  /** The push channel in the visitor's consent (privacy center): granted, refused, or not asked yet. */
  consent(): PushConsent;
  /** Asks, subscribes and stores; call it from the visitor's click, never on page load. */
  subscribe(options?: PushOptions): Promise<PushSubscribeOutcome>;
  /** This browser has a push subscription (for this page's service worker). */
  subscribed(options?: PushOptions): Promise<boolean>;
  /** Removes this browser's subscription here and on the server; true when there was one. */
  unsubscribe(options?: PushOptions): Promise<boolean>;
}

export interface PushOptions {
  /** Where the partner serves `matbakh-sw.js` (same origin as the page); default `/matbakh-sw.js`. */
  serviceWorker?: string;
  /** The service worker's scope; default the browser's (the worker file's folder). */
  scope?: string;
}

declare module '../plugin/types.ts' {
  interface PluginApis {
    push: PushControls;
  }
}

export function base64urlBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(
    text
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(text.length / 4) * 4, '='),
  );
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

const supported = (): boolean =>
  typeof navigator !== 'undefined' &&
  'serviceWorker' in navigator &&
  typeof PushManager !== 'undefined' &&
  typeof Notification !== 'undefined';

/** A registration whose worker is active (pushManager.subscribe needs one). */
async function activated(registration: ServiceWorkerRegistration): Promise<ServiceWorkerRegistration> {
  const pending = registration.installing ?? registration.waiting;
  if (registration.active || !pending) return registration;
  await new Promise<void>((resolve) => {
    const check = () => {
      if (pending.state === 'activated' || pending.state === 'redundant') resolve();
    };
    pending.addEventListener('statechange', check);
    check();
  });
  return registration;
}

function sameKey(subscription: PushSubscription, key: Uint8Array): boolean {
  const current = subscription.options.applicationServerKey;
  if (!current) return false;
  const bytes = new Uint8Array(current);
  return bytes.length === key.length && bytes.every((byte, i) => byte === key[i]);
}

function createPushControls(ctx: PluginContext, options: PushOptions): PushControls {
  const workerUrl = (call: PushOptions = {}) => {
    const url = new URL(call.serviceWorker ?? options.serviceWorker ?? '/matbakh-sw.js', location.href);
    url.searchParams.set('api', ctx.api);
    url.searchParams.set('writeKey', ctx.writeKey);
    return url.href;
  };
  const register = (call: PushOptions) => {
    const scope = call.scope ?? options.scope;
    return navigator.serviceWorker.register(workerUrl(call), scope ? { scope } : {}).then(activated);
  };

  const subjectBody = () => {
    const { anonymousId, userId, userHash } = ctx.subject();
    return { anonymousId, ...(userId && userHash ? { userId, userHash } : {}) };
  };

  const controls: PushControls = {
    permission: () => (supported() ? Notification.permission : 'unsupported'),
    consent: () => {
      const granted = ctx.consentView()?.channels.push;
      return granted === true ? 'granted' : granted === false ? 'refused' : 'unasked';
    },

    async subscribe(call = {}) {
      if (!supported()) return 'unsupported';
      if (controls.consent() !== 'granted') return 'no-consent';
      if (Notification.permission === 'denied') return 'denied';
      // First, while the visitor's click still counts as a user gesture.
      const permission = await Notification.requestPermission();
      if (permission === 'denied') return 'denied';
      if (permission !== 'granted') return 'dismissed';
      try {
        const registration = await register(call);
        const { publicKey } = await ctx.http.request<PushKeyResponse>('GET', '/v1/push/key');
        const key = base64urlBytes(publicKey);
        let subscription = await registration.pushManager.getSubscription();
        // Made with another key (a tenant moved servers): the push service would refuse our signature.
        if (subscription && !sameKey(subscription, key)) {
          await subscription.unsubscribe();
          subscription = null;
        }
        subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
        const json = subscription.toJSON();
        const body: PushSubscriptionRequest = {
          ...subjectBody(),
          endpoint: subscription.endpoint,
          keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
          expirationTime: subscription.expirationTime,
        };
        await ctx.http.request<PushSubscriptionResponse>('POST', '/v1/push/subscriptions', { body });
        return 'subscribed';
      } catch (error) {
        ctx.diagnostics.report('push', error);
        return 'failed';
      }
    },

    async subscribed(call = {}) {
      if (!supported()) return false;
      const registration = await navigator.serviceWorker.getRegistration(call.scope ?? options.scope);
      return Boolean(await registration?.pushManager.getSubscription());
    },

    async unsubscribe(call = {}) {
      if (!supported()) return false;
      const registration = await navigator.serviceWorker.getRegistration(call.scope ?? options.scope);
      const subscription = await registration?.pushManager.getSubscription();
      if (!subscription) return false;
      await ctx.http
        .request('DELETE', '/v1/push/subscriptions', { body: { ...subjectBody(), endpoint: subscription.endpoint } })
        .catch(() => undefined);
      return subscription.unsubscribe();
    },
  };
  return controls;
}

export const pushPlugin = (options: PushOptions = {}) =>
  definePlugin({
    name: 'push',
    after: ['privacy'],
    setup: (ctx) => ({ api: createPushControls(ctx, options) }),
  });
