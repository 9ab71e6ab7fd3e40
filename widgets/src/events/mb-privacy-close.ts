/** `mb-privacy-close`: the visitor closes the privacy center dialog. Cancelable: `preventDefault()` keeps it open. */
export interface PrivacyCloseDetail {
  reason: 'escape' | 'close-button' | 'backdrop';
}

export type MbPrivacyCloseEvent = CustomEvent<PrivacyCloseDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-privacy-close': MbPrivacyCloseEvent;
  }
}
