import type { Listenable } from '../shared/client-controller.ts';

export type PushPermissionView = 'default' | 'granted' | 'denied' | 'unsupported';
export type PushConsentView = 'granted' | 'refused' | 'unasked';
export type PushSubscribeResult = 'subscribed' | 'denied' | 'dismissed' | 'no-consent' | 'unsupported' | 'failed';

/**
 * The narrow client `<mb-push-optin>` needs: the SDK's push plugin (`client.push`, sdk/src/push) and, when the
 * privacy plugin is there, its consent view to re-render when the visitor grants the push channel.
 */
export interface PushClientLike {
  push: {
    permission(): PushPermissionView;
    consent(): PushConsentView;
    subscribe(options?: { serviceWorker?: string; scope?: string }): Promise<PushSubscribeResult>;
    /** This browser is subscribed already (then there is nothing to offer). */
    subscribed?(options?: { scope?: string }): Promise<boolean>;
  };
  consent?: { $view?: Listenable };
}

export function isPushClient(value: unknown): value is PushClientLike {
  const push = (value as { push?: Record<string, unknown> } | undefined)?.push;
  return typeof push?.subscribe === 'function' && typeof push.permission === 'function';
}
