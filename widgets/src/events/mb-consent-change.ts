import type { ChannelId, ConsentAction, ConsentCategoryId, ConsentSource } from '@matbakh/contract';
import type { PersonalizationFeature } from '../shared/consent-client.ts';

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

export type MbConsentChangeEvent = CustomEvent<ConsentChangeDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'mb-consent-change': MbConsentChangeEvent;
  }
}
