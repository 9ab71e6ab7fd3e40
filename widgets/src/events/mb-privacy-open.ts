/**
 * `mb-privacy-open`: the visitor asked for the privacy center (banner's button, a card's link,
 * `client.privacy.open()`); an `<mb-privacy-center listen>` opens. No detail: declared exactly as the SDK
 * declares it (`sdk/src/privacy/rights.ts`), which dispatches the same event on `document`.
 */
export type MbPrivacyOpenEvent = CustomEvent<null>;

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-privacy-open': MbPrivacyOpenEvent;
  }
}
