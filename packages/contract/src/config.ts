/** `GET /v1/config`: what a write key's tenant tells the client. */
import type { DashboardDefaults } from './dashboard.ts';
import type { Address, ChannelId, ConsentCategoryId, Locale, LocalizedText } from './vocabulary.ts';

export * from './vocabulary.ts';

/** A service or feature a category covers, named in the banner's "Customize" view. */
export interface ConsentService {
  id: string;
  name: string;
  purpose: LocalizedText;
}

export interface ConsentCategory {
  id: ConsentCategoryId;
  /** `necessary` only: always granted, cannot be toggled. */
  required: boolean;
  title: LocalizedText;
  description: LocalizedText;
  services: ConsentService[];
  /**
   * First-party cookie names and storage keys (exact, or a prefix ending in `*`) set by the host's scripts of
   * this category: cleared when the visitor revokes it.
   */
  storageKeys: string[];
}

export interface ConsentChannel {
  id: ChannelId;
  title: LocalizedText;
  description: LocalizedText;
}

/** Google Consent Mode v2 storage types. */
export type ConsentModeType =
  | 'ad_storage'
  | 'ad_user_data'
  | 'ad_personalization'
  | 'analytics_storage'
  | 'functionality_storage'
  | 'personalization_storage'
  | 'security_storage';

export interface ConsentPolicy {
  /** Bumped when the policy changes; a visitor is asked again on a new version. */
  version: number;
  categories: ConsentCategory[];
  channels: ConsentChannel[];
  /** A stored decision older than this is asked again (default 6 months). */
  reaskAfterDays: number;
  /** The tenant's privacy policy, linked from the banner and the privacy center. */
  privacyPolicyUrl: string;
  /**
   * Which of our categories grant each Consent Mode type (all listed must be granted). Omitted: the SDK's
   * documented default mapping. `security_storage` is always granted.
   */
  consentMode?: Partial<Record<ConsentModeType, ConsentCategoryId[]>>;
  /** Banner layout and text overrides per locale (keys of the widget's message catalog). */
  banner?: { layout?: 'bar' | 'dialog'; hidden?: boolean };
  texts?: Partial<Record<Locale, Record<string, string>>>;
}

export interface ConfigResponse {
  tenant: { id: string; name: string };
  consent: ConsentPolicy;
  features: Record<string, boolean>;
  locales: Locale[];
  /** The form of address per locale (absent: formal); see {@link Address}. */
  address?: Partial<Record<Locale, Address>>;
  /** Tracked events older than this are purged by the server (default 13 months ≈ 396 days). */
  retentionDays: number;
  /** Default widget arrangement of `<mb-dashboard>` per role; the visitor's saved layout wins. */
  dashboards?: DashboardDefaults;
  /** A/B experiments, bucketed on the device (`experimentsPlugin`); see experiments.ts. */
  experiments?: import('./experiments.ts').Experiment[];
  /** Next-best-action rules, evaluated on the device (`rulesPlugin`); see rules.ts. */
  rules?: import('./rules.ts').Rule[];
  /** Onboarding tours per segment (`<mb-tour>`); see rules.ts. */
  tours?: import('./rules.ts').Tour[];
}
