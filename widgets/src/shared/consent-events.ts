import type { ChannelId, ConsentAction, ConsentCategoryId, ConsentSource, EraseResponse } from '@matbakh/contract';
import type { PersonalizationFeature } from './consent-client.ts';

/**
 * The `mb-*` events of the consent widgets. All bubble and are composed (they cross shadow roots, so a
 * listener on `document` hears them); all are dispatched for the visitor's own actions only, never for
 * programmatic changes or store updates.
 */

/** `mb-consent-change`: the visitor made a consent decision in the banner or the privacy center. */
export interface ConsentChangeDetail {
  /** Every category's state after the decision (`necessary` is always `true`). */
  choices: Partial<Record<ConsentCategoryId, boolean>>;
  /** Every channel's opt-in after the decision. */
  channels: Partial<Record<ChannelId, boolean>>;
  /** Per-feature personalization switches after the decision (privacy center only). */
  features?: Partial<Record<PersonalizationFeature, boolean>>;
  action: ConsentAction;
  source: ConsentSource;
}

/** `mb-privacy-close`: the visitor closes the privacy center dialog. Cancelable: `preventDefault()` keeps it open. */
export interface PrivacyCloseDetail {
  reason: 'escape' | 'close-button' | 'backdrop';
}

/** `mb-privacy-export`: the visitor's data was handed to the browser as a download. */
export interface PrivacyExportDetail {
  filename: string;
  events: number;
}

/** `mb-privacy-erase`: the visitor confirmed erasure and the server erased the data. */
export type PrivacyEraseDetail = EraseResponse;

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-consent-change': CustomEvent<ConsentChangeDetail>;
    /**
     * The visitor asked for the privacy center (banner's button, `client.privacy.open()`); an
     * `<mb-privacy-center listen>` opens. No detail: declared exactly as the SDK declares it
     * (`sdk/src/privacy/rights.ts`), which dispatches the same event on `document`.
     */
    'mb-privacy-open': CustomEvent<null>;
    'mb-privacy-close': CustomEvent<PrivacyCloseDetail>;
    'mb-privacy-export': CustomEvent<PrivacyExportDetail>;
    'mb-privacy-erase': CustomEvent<PrivacyEraseDetail>;
  }
}

type DetailOf<K extends keyof GlobalEventHandlersEventMap> =
  GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never;
type ConsentEventName =
  | 'mb-consent-change'
  | 'mb-privacy-open'
  | 'mb-privacy-close'
  | 'mb-privacy-export'
  | 'mb-privacy-erase';

/**
 * Dispatches a typed `mb-*` event from `target`, bubbling and composed. Returns `false` when a listener
 * called `preventDefault()` on a cancelable event.
 */
export function emit<K extends ConsentEventName>(
  target: EventTarget,
  name: K,
  detail: DetailOf<K>,
  { cancelable = false }: { cancelable?: boolean } = {},
): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable }));
}
