/**
 * `mb-push-change`: the visitor answered `<mb-push-optin>`: `subscribed`, `denied` (the browser's prompt, or it
 * was blocked before), `dismissed` (the browser's prompt closed without an answer), `not-now` (the card's own
 * button), `failed` (registration or the server refused). The host decides when, if ever, to offer again.
 */
export type PushOptinOutcome = 'subscribed' | 'denied' | 'dismissed' | 'not-now' | 'failed';

export interface PushChangeDetail {
  outcome: PushOptinOutcome;
}

export type MbPushChangeEvent = CustomEvent<PushChangeDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-push-change': MbPushChangeEvent;
  }
}
