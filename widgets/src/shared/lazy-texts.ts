/**
 * Texts fetched for the locale a page shows. A catalog keeps its German inline (the source of its keys and the
 * fallback of every lookup, see i18n.ts `t`) and fetches each other locale's texts the first time an element
 * renders in it. Elements wait for them before they render (MbElement's update gate): a first paint or a
 * language switch never shows a mix of languages. An element keeps its reserved size while it waits.
 */
import type { Catalog, Locale } from './i18n.ts';
import { textGate } from './mb-element.ts';
import { onePerPage } from './one-per-page.ts';
import { widgetLocale } from './texts.ts';

type Texts<K extends string> = Record<K, string>;
/** Loads one locale's texts: `() => import('./x.messages.en.ts')`, a module whose default export they are. */
export type TextsLoader<K extends string> = () => Promise<{ default: Texts<K> }>;

interface Entry {
  catalog: Record<string, Record<string, string>>;
  loaders: Partial<Record<Locale, TextsLoader<string>>>;
  loading: Map<Locale, Promise<void>>;
}

/**
 * Every catalog on the page, whichever file brought it: the update gate is one (in the shared mb-element.ts) and
 * the file loaded last sets it, so its `loadTexts` must also fetch the catalogs of matbakh.js and of other files.
 */
const entries = onePerPage<Entry[]>('lazy-texts/1', () => []);

/**
 * A catalog whose German and informal German are given and whose other locales are loaded on first use;
 * typed like a complete one, so every locale must have exactly the German keys.
 */
export function lazyCatalog<K extends string>(
  given: { de: Texts<K>; informal?: Catalog<K>['informal'] },
  loaders: Record<Exclude<Locale, 'de'>, TextsLoader<K>>,
): Catalog<K> {
  const catalog = { en: {}, ar: {}, ...given } as Catalog<K>;
  entries.push({ catalog: catalog as unknown as Entry['catalog'], loaders, loading: new Map() });
  textGate.wait = (element) => loadTexts(widgetLocale(element, element.lang));
  return catalog;
}

/**
 * Fetches `locale`'s texts for every catalog on the page that lacks them; undefined when none does. Never
 * rejects: texts that cannot be fetched leave German in their place (a later render tries again).
 */
export function loadTexts(locale: Locale): Promise<void> | undefined {
  const waits: Promise<void>[] = [];
  for (const entry of entries) {
    const loader = entry.loaders[locale];
    if (!loader || Object.keys(entry.catalog[locale] ?? {}).length > 0) continue;
    let loading = entry.loading.get(locale);
    if (!loading) {
      loading = loader().then(
        (module) => {
          entry.catalog[locale] = module.default;
        },
        () => {
          entry.loading.delete(locale);
        },
      );
      entry.loading.set(locale, loading);
    }
    waits.push(loading);
  }
  return waits.length ? Promise.all(waits).then(() => undefined) : undefined;
}
