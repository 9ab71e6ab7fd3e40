// The words every part of the contract speaks: locales, forms of address, consent categories, channels.
// The lowest module of the contract: it imports nothing, so any module may import it without a cycle.

export type Locale = 'de' | 'en' | 'ar';
export const LOCALES: readonly Locale[] = ['de', 'en', 'ar'];
export type LocalizedText = Record<Locale, string>;

/**
 * How the widgets address a visitor in a locale that has more than one form: German `formal` ("Sie", the
 * default) or `informal` ("du"). One form per locale and tenant, never both on one page.
 */
export type Address = 'formal' | 'informal';
export const ADDRESSES: readonly Address[] = ['formal', 'informal'];
/** What a tenant without a choice gets: formal everywhere. */
export const DEFAULT_ADDRESS: Readonly<Partial<Record<Locale, Address>>> = { de: 'formal' };

export type ConsentCategoryId = 'necessary' | 'preferences' | 'personalization' | 'analytics' | 'marketing';
export const CONSENT_CATEGORIES: readonly ConsentCategoryId[] = [
  'necessary',
  'preferences',
  'personalization',
  'analytics',
  'marketing',
];

/** Communication channels: each needs its own opt-in, separate from the categories. */
export type ChannelId = 'in_app' | 'email' | 'push' | 'whatsapp';
export const CHANNELS: readonly ChannelId[] = ['in_app', 'email', 'push', 'whatsapp'];
