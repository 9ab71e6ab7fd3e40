/**
 * Message lookup for the widgets: three locales, plain-object catalogs, `{name}` interpolation, plurals
 * (`{count, plural, one {# Gericht} other {# Gerichte}}`, chosen by `Intl.PluralRules`) and the form of
 * address (German "Sie" or "du", see {@link Address}).
 *
 * Deliberately tiny (no ICU engine): each widget ships its own catalog, so a page pays only for the text of
 * the widgets it uses. Dates are formatted by the caller with `Intl` before they are passed as parameters;
 * a plural's count is passed as a number and shown with the locale's digits.
 */

import {
  type Address,
  DEFAULT_LOCALE,
  isLocale,
  LOCALES,
  type Locale,
  localeOf,
  primaryLanguage,
  supportedLocale,
} from '@matbakh/contract';

// The locale rule itself lives in the contract (locale.ts): one implementation for the SDK, widgets and server.
export { type Address, DEFAULT_LOCALE, isLocale, LOCALES, type Locale, supportedLocale };
export type Direction = 'ltr' | 'rtl';

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
export type Catalog<K extends string> = Record<Locale, Record<K, string>> & {
  /**
   * The informal form of address ("du"), for the keys whose text differs; the locale's catalog itself is
   * formal ("Sie"). A tenant picks one form per locale, so a page never mixes them.
   */
  informal?: Partial<Record<Locale, Partial<Record<K, string>>>>;
};

/** Values for `{placeholders}`; numbers are stringified as they are (format them first with `Intl`). */
export type MessageParams = Readonly<Record<string, string | number>>;

/** Right-to-left scripts among the languages a browser may report (not only the ones we ship). */
const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'iw', 'ps', 'sd', 'ug', 'ur', 'yi', 'dv', 'ckb']);

/**
 * The locale to render: an explicit choice (the visitor's language preference, a `lang` attribute) if we
 * support it, else the first supported entry of the browser's preferred languages, else German.
 * Region and script subtags are ignored (`ar-EG`, `en-GB` → `ar`, `en`).
 */
export function resolveLocale(
  explicit?: string | null,
  preferred: readonly string[] = globalThis.navigator?.languages ?? [],
): Locale {
  return localeOf([explicit, ...preferred]);
}

/** Writing direction of a locale or any BCP 47 tag; set it as `dir` on the widget's root. */
export function dirOf(locale: string): Direction {
  return RTL_LANGUAGES.has(primaryLanguage(locale)) ? 'rtl' : 'ltr';
}

/**
 * The message `key` in `locale` and form of `address` (default formal), with its placeholders filled from
 * `params` (see {@link format}).
 *
 * Falls back to German, then to the key itself, when a catalog lacks the message at runtime (catalogs
 * loaded from elsewhere, a locale string that slipped past the types): a widget shows something readable
 * rather than `undefined`. Placeholders without a value are left as they are, so the gap is visible.
 */
export function t<K extends string>(
  catalog: Catalog<K>,
  locale: Locale,
  key: NoInfer<K>,
  params?: MessageParams,
  address: Address = 'formal',
): string {
  const informal = address === 'informal' ? catalog.informal?.[locale]?.[key] : undefined;
  const message = informal ?? catalog[locale]?.[key] ?? catalog[DEFAULT_LOCALE]?.[key] ?? key;
  return params ? format(message, locale, params) : message;
}

/** `{n, plural, =0 {…} one {…} other {…}}`: one level, branches may hold `#` and `{name}` placeholders. */
const PLURAL = /\{(\w+), ?plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{(?:[^{}]|\{\w+\})*\})+)\s*\}/g;
const BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{((?:[^{}]|\{\w+\})*)\}/g;
const pluralRules = new Map<Locale, Intl.PluralRules>();
const counts = new Map<Locale, Intl.NumberFormat>();

function cached<T>(cache: Map<Locale, T>, locale: Locale, make: () => T): T {
  let value = cache.get(locale);
  if (value === undefined) {
    value = make();
    cache.set(locale, value);
  }
  return value;
}

/** The branch of a plural for `count`: an exact `=n` match first, then the locale's plural category, then `other`. */
function pluralBranch(branches: string, count: number, locale: Locale): string {
  const forms = new Map<string, string>();
  for (const [, form, text] of branches.matchAll(BRANCH)) forms.set(form as string, text as string);
  const category = cached(pluralRules, locale, () => new Intl.PluralRules(locale)).select(count);
  const text = forms.get(`=${count}`) ?? forms.get(category) ?? forms.get('other') ?? '';
  const shown = cached(counts, locale, () => new Intl.NumberFormat(locale)).format(count);
  return text.replace(/#/g, shown);
}

/**
 * Fills a message: plurals first (their count must be a number; `#` shows it with the locale's digits), then
 * `{name}` placeholders, numbers stringified as they are.
 */
export function format(message: string, locale: Locale, params: MessageParams): string {
  const plural = message.replace(PLURAL, (whole, name: string, branches: string) => {
    const count = params[name];
    return typeof count === 'number' ? pluralBranch(branches, count, locale) : whole;
  });
  return plural.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : placeholder,
  );
}
