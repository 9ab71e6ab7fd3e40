import type {
  ChannelId,
  ConsentAction,
  ConsentCategoryId,
  ConsentLedgerResponse,
  ConsentPolicy,
  ConsentSource,
  EraseResponse,
  PrivacyExport,
  ProfilingStatus,
} from '@matbakh/contract';
import type { ReadableAtom } from 'nanostores';

/** Why the visitor is (or is not) asked: drives the banner's visibility and its first sentence. */
export type AskReason = 'none' | 'first_visit' | 'policy_changed' | 'new_category' | 'expired';

/** Where the proof of the last decision stands on the server. */
export type LedgerStatus = 'idle' | 'saving' | 'saved' | 'offline' | 'error';

/** Personalization features a visitor can switch off one by one (privacy center). */
export type PersonalizationFeature = 'recommendations' | 'next_best_action' | 'tour' | 'dashboard_order';
export const PERSONALIZATION_FEATURES: readonly PersonalizationFeature[] = [
  'recommendations',
  'next_best_action',
  'tour',
  'dashboard_order',
];

/** Everything a consent UI renders, in one store. */
export interface ConsentView {
  /** The tenant's policy from `GET /v1/config`; undefined until loaded (or when it could not be). */
  policy?: ConsentPolicy;
  /**
   * 'loading' until the config arrived; 'error' when it could not be loaded (the UI offers a retry);
   * 'misconfigured' when the API refused this page (write key, origin) or answered no usable config: not the
   * visitor's network, so a UI never calls it "offline" (debug mode tells the developer why).
   */
  config: 'loading' | 'ready' | 'error' | 'misconfigured';
  /** Explicit choices per category; a category that is absent has not been asked. */
  choices: Partial<Record<ConsentCategoryId, boolean>>;
  channels: Partial<Record<ChannelId, boolean>>;
  /** Per-feature personalization switches; all on unless switched off (they only matter with `personalization`). */
  features: Record<PersonalizationFeature, boolean>;
  /** navigator.globalPrivacyControl is on and honoured (analytics and marketing refused until chosen). */
  gpc: boolean;
  needsDecision: boolean;
  reason: AskReason;
  /** The last decision: when, which policy version, what kind. */
  decidedAt?: string;
  policyVersion?: number;
  action?: ConsentAction;
  ledger: LedgerStatus;
}

/** Added to `client.consent` by the privacy plugin. */
export interface ConsentControls {
  readonly $view: ReadableAtom<ConsentView>;
  /** Resolves once the config was loaded or failed (never rejects). */
  readonly ready: Promise<void>;
  /** Retries loading the config after an error. */
  reload(): Promise<void>;
  acceptAll(source: ConsentSource): void;
  rejectAll(source: ConsentSource): void;
  /** A custom decision: the categories given (others keep their state), channels, feature switches. */
  save(
    decision: {
      choices?: Partial<Record<ConsentCategoryId, boolean>>;
      channels?: Partial<Record<ChannelId, boolean>>;
      features?: Partial<Record<PersonalizationFeature, boolean>>;
    },
    source: ConsentSource,
  ): void;
  /** Withdraws every category but `necessary` and every channel (Art. 7(3): as easy as giving it). */
  withdraw(source: ConsentSource): void;
}

/** `client.privacy`: the visitor's data rights. */
export interface PrivacyControls {
  /** Consent ledger of the current subject: current decision and history (newest first). */
  ledger(): Promise<ConsentLedgerResponse>;
  /** Art. 15/20: everything held for the subject. */
  export(): Promise<PrivacyExport>;
  /** Art. 17: deletes the subject's data server-side, clears local storage and starts a new anonymous id. */
  erase(): Promise<EraseResponse>;
  /** Asks the page's `<mb-privacy-center>` to open (dispatches `mb-privacy-open` on document). */
  open(): void;
  /** Whether restaurants may hold a churn score about the subject, and whether they objected (issue 21). */
  profiling(): Promise<ProfilingStatus>;
  /** Art. 21: `true` objects to profiling (the server removes the scores at once), `false` withdraws the objection. */
  objectToProfiling(objected: boolean): Promise<ProfilingStatus>;
}
