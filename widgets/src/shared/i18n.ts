/**
 * Message lookup for the widgets: three locales, plain-object catalogs, `{name}` interpolation.
 *
 * Deliberately tiny (no ICU, no plural engine): each widget ships its own catalog, so a page pays only for
 * the text of the widgets it uses. Numbers and dates are formatted by the caller with `Intl` before they
 * are passed as parameters.
 */

import { LOCALES, type Locale } from '@matbakh/contract';

export { LOCALES, type Locale };
export type Direction = 'ltr' | 'rtl';

/** The product's home market: used when nothing else matches. */
export const DEFAULT_LOCALE: Locale = 'de';

/**
 * One widget's messages in every locale. `K` comes from the German source catalog, and every other
 * locale must have exactly those keys — a missing or misspelt key is a type error:
 *
 * ```ts
 * const de = { accept: 'Alle akzeptieren', hello: 'Hallo {name}' };
 * export const messages = {
 *   de,
 *   en: { accept: 'Accept all', hello: 'Hello {name}' },
 *   ar: { accept: 'قبول الكل', hello: 'مرحبًا {name}' },
 * } satisfies Catalog<keyof typeof de>;
 * ```
 */
export type Catalog<K extends string> = Record<Locale, Record<K, string>>;

/** Values for `{placeholders}`; numbers are stringified as they are (format them first with `Intl`). */
export type MessageParams = Readonly<Record<string, string | number>>;

/** Right-to-left scripts among the languages a browser may report (not only the ones we ship). */
const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'iw', 'ps', 'sd', 'ug', 'ur', 'yi', 'dv', 'ckb']);

/** Primary language subtag, lower-cased: `en-GB` → `en`, `AR_eg` → `ar`. */
function language(tag: string): string {
  return (tag.trim().split(/[-_]/)[0] ?? '').toLowerCase();
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The locale to render: an explicit choice (the visitor's language preference, a `lang` attribute) if we
 * support it, else the first supported entry of the browser's preferred languages, else German.
 * Region and script subtags are ignored (`ar-EG`, `en-GB` → `ar`, `en`).
 */
export function resolveLocale(
  explicit?: string | null,
  preferred: readonly string[] = globalThis.navigator?.languages ?? [],
): Locale {
  return supportedLocale([explicit ?? '', ...preferred]) ?? DEFAULT_LOCALE;
}

/** The first of `tags` whose language we ship (region and script subtags ignored), if any. */
export function supportedLocale(tags: readonly string[]): Locale | undefined {
  for (const tag of tags) {
    const candidate = language(tag);
    if (isLocale(candidate)) return candidate;
  }
  return undefined;
}

/** Writing direction of a locale or any BCP 47 tag; set it as `dir` on the widget's root. */
export function dirOf(locale: string): Direction {
  return RTL_LANGUAGES.has(language(locale)) ? 'rtl' : 'ltr';
}

/**
 * The message `key` in `locale`, with `{name}` placeholders filled from `params`.
 *
 * Falls back to German, then to the key itself, when a catalog lacks the message at runtime (catalogs
 * loaded from elsewhere, a locale string that slipped past the types): a widget shows something readable
 * rather than `undefined`. Placeholders without a value are left as they are, so the gap is visible.
 */
export function t<K extends string>(catalog: Catalog<K>, locale: Locale, key: K, params?: MessageParams): string {
  const message = catalog[locale]?.[key] ?? catalog[DEFAULT_LOCALE]?.[key] ?? key;
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : placeholder,
  );
}
