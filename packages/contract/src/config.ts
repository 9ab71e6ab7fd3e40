/** `GET /v1/config`: what a write key's tenant tells the client. */

export type Locale = 'de' | 'en' | 'ar';
export const LOCALES: readonly Locale[] = ['de', 'en', 'ar'];
export type LocalizedText = Record<Locale, string>;

export type ConsentCategoryId = 'necessary' | 'preferences' | 'personalization' | 'analytics' | 'marketing';
export const CONSENT_CATEGORIES: readonly ConsentCategoryId[] = [
  'necessary',
  'preferences',
  'personalization',
  'analytics',
  'marketing',
];

export interface ConsentCategory {
  id: ConsentCategoryId;
  /** `necessary` only: always granted, cannot be toggled. */
  required: boolean;
  title: LocalizedText;
  description: LocalizedText;
}

export interface ConsentPolicy {
  /** Bumped when the policy changes; a visitor is asked again on a new version. */
  version: number;
  categories: ConsentCategory[];
  /** A stored decision older than this is asked again (default 6 months). */
  reaskAfterDays: number;
}

export interface ConfigResponse {
  tenant: { id: string; name: string };
  consent: ConsentPolicy;
  features: Record<string, boolean>;
  locales: Locale[];
}
