import { ADDRESSES, type Address, isObject, type LocalizedText } from '@matbakh/contract';
import { $display } from './display.ts';
import { type Catalog, format, type Locale, type MessageParams, resolveLocale, supportedLocale, t } from './i18n.ts';

/** Per-locale text overrides, as a tenant's policy carries them (`policy.texts`). */
export type TextOverrides = Partial<Record<Locale, Record<string, string>>>;

/**
 * `t()` with the tenant's overrides first: `overrides[locale][key]`, interpolated like a catalog message.
 * Overrides come from the server, so anything that is not a non-empty string is ignored. The result is
 * always rendered as text by the widgets, never as HTML.
 */
export function translate<K extends string>(
  catalog: Catalog<K>,
  locale: Locale,
  key: NoInfer<K>,
  params?: MessageParams,
  overrides?: TextOverrides,
  address?: Address,
): string {
  const override = overrides?.[locale]?.[key];
  if (typeof override !== 'string' || override === '') return t(catalog, locale, key, params, address);
  return params ? format(override, locale, params) : override;
}

/** The `address` of a client's tenant config (`client.config.get()`, `GET /v1/config`), if it has one. */
function configuredAddress(client: unknown): unknown {
  if (!isObject(client) || !isObject(client.config) || typeof client.config.get !== 'function') return undefined;
  try {
    const config: unknown = client.config.get();
    return isObject(config) && isObject(config.address) ? config.address : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The form of address a widget speaks in for `locale`: the tenant's choice from its client's config (the
 * widget's own `client`, else `window.matbakh.client`), else formal. Per tenant, not per element, so every
 * widget on a page says "Sie" — or every one says "du".
 */
export function widgetAddress(element: Element, locale: Locale): Address {
  const page = (globalThis as { matbakh?: { client?: unknown } }).matbakh?.client;
  const chosen = configuredAddress((element as { client?: unknown }).client) ?? configuredAddress(page);
  const value = isObject(chosen) ? chosen[locale] : undefined;
  return (ADDRESSES as readonly unknown[]).includes(value) ? (value as Address) : 'formal';
}

/** A policy text in the locale, falling back to German, then to any text there is. */
export function localized(text: Partial<LocalizedText> | undefined, locale: Locale): string {
  if (!text) return '';
  return text[locale] ?? text.de ?? Object.values(text).find((value) => typeof value === 'string') ?? '';
}

/**
 * The locale a widget renders: its own `lang` (property or attribute), else the visitor's language
 * preference (`$display.locale`, see display.ts), else the nearest `lang` above it (across shadow roots),
 * else the document's, else the browser's languages, else German. Unsupported tags are skipped.
 */
export function widgetLocale(element: Element, own?: string | null): Locale {
  // `own`: the element's `lang` property, which Lit reflects to the attribute only after render.
  const tags: string[] = own ? [own] : [];
  const ownAttribute = element.getAttribute('lang');
  if (ownAttribute) tags.push(ownAttribute);
  const preferred = $display.get().locale;
  if (preferred) tags.push(preferred);
  let node: Node | null = element.parentNode;
  while (node) {
    if (node instanceof Element) {
      const lang = node.getAttribute('lang');
      if (lang) tags.push(lang);
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  // The browser's languages only when the page says nothing we ship: a page's first read of them costs ≈ 2 ms.
  return supportedLocale(tags) ?? resolveLocale();
}

/** Intl locale per widget locale: British English gives "25 Nov 2026, 12:03". */
const INTL_LOCALE: Record<Locale, string> = { de: 'de-DE', en: 'en-GB', ar: 'ar' };

/** Date and time in the visitor's time zone, e.g. "25 Nov 2026, 12:03"; the input unchanged if invalid. */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** A number with the locale's digits and separators ("1.234" in German). */
export function formatNumber(value: number, locale: Locale): string {
  // One formatter per locale: creating one costs more than a reorder move (the first one loads locale data).
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale]);
    numberFormats.set(locale, format);
  }
  return format.format(value);
}
