import type { EraseResponse } from '@matbakh/contract';

/** `mb-privacy-erase`: the visitor confirmed erasure and the server erased the data. */
export type PrivacyEraseDetail = EraseResponse;

export type MbPrivacyEraseEvent = CustomEvent<PrivacyEraseDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-privacy-erase': MbPrivacyEraseEvent;
  }
}
