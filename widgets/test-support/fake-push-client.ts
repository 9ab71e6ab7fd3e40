/**
 * A push client for widget tests and stories: the SDK push plugin's interface (`client.push`), with the browser's
 * permission, the push channel's consent and the answer of `subscribe` set by the test. The consent lives in a
 * nanostores atom like the privacy plugin's `$view`, so granting it re-renders the element.
 */
import { atom } from 'nanostores';
import type {
  PushClientLike,
  PushConsentView,
  PushPermissionView,
  PushSubscribeResult,
} from '../src/push-optin/push-client.ts';

export interface FakePushClientOptions {
  permission?: PushPermissionView;
  consent?: PushConsentView;
  /** What `subscribe` resolves to (default `subscribed`); the permission follows it like a browser's would. */
  outcome?: PushSubscribeResult;
  /** `subscribe` waits for `release()` before it answers. */
  hold?: boolean;
  subscribed?: boolean;
}

export interface FakePushClient extends PushClientLike {
  /** `subscribe` calls with their options: the only way the element reaches the browser's prompt. */
  readonly asked: unknown[];
  grant(consent: PushConsentView): void;
  release(): void;
}

export function createFakePushClient(options: FakePushClientOptions = {}): FakePushClient {
  let permission = options.permission ?? 'default';
  const $view = atom({ push: options.consent ?? 'granted' });
  const asked: unknown[] = [];
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    asked,
    consent: { $view },
    grant: (consent) => $view.set({ push: consent }),
    release: () => release(),
    push: {
      permission: () => permission,
      consent: () => $view.get().push,
      async subscribe(call) {
        asked.push(call);
        if (options.hold) await held;
        const outcome = options.outcome ?? 'subscribed';
        if (outcome === 'subscribed') permission = 'granted';
        if (outcome === 'denied') permission = 'denied';
        return outcome;
      },
      subscribed: async () => options.subscribed ?? false,
    },
  };
}
