/**
 * The one locale rule of the project (SDK plugins, widgets, mocks, server): the first supported language of a list of
 * BCP 47 tags, region and script subtags ignored (`ar-EG`, `EN_gb` → `ar`, `en`), German otherwise.
 */
import { LOCALES, type Locale } from './config.ts';

export const DEFAULT_LOCALE: Locale = 'de';

/** Primary language subtag, lower-cased: `en-GB` → `en`, `AR_eg` → `ar`. */
export function primaryLanguage(tag: string): string {
  return (tag.trim().split(/[-_]/)[0] ?? '').toLowerCase();
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The first of `tags` whose language we ship, if any; empty and missing entries are skipped. */
export function supportedLocale(tags: readonly (string | null | undefined)[]): Locale | undefined {
  for (const tag of tags) {
    const candidate = typeof tag === 'string' ? primaryLanguage(tag) : '';
    if (isLocale(candidate)) return candidate;
  }
  return undefined;
}

/** {@link supportedLocale} of `tags`, else {@link DEFAULT_LOCALE}. */
export function localeOf(tags: readonly (string | null | undefined)[]): Locale {
  return supportedLocale(tags) ?? DEFAULT_LOCALE;
}

/** The browser's preferred languages (`navigator.languages`, else `navigator.language`); none on a server. */
export function browserLanguages(): readonly string[] {
  const navigator = (globalThis as { navigator?: { languages?: readonly string[]; language?: string } }).navigator;
  return navigator?.languages?.length ? navigator.languages : navigator?.language ? [navigator.language] : [];
}

/** The page's language: the document's `lang`, then the browser's languages; German otherwise. */
export function pageLocale(): Locale {
  const document = (globalThis as { document?: { documentElement?: { lang?: string } } }).document;
  return localeOf([document?.documentElement?.lang, ...browserLanguages()]);
}
