import { DIETS, REASON_VALUE_TEXTS } from '@matbakh/contract';
import { type Locale, t } from '../shared/i18n.ts';
import { lazyCatalog } from '../shared/lazy-texts.ts';
import { de } from './recommendation-card.tags.de.ts';

/**
 * Names of the tag ids a catalogue carries (cuisines, courses, kinds of owner feature), so a card never shows
 * a raw id like "german" or "main". A tag not listed here is the partner's own text and is shown as given.
 */
export type TagName = keyof typeof de;

export const tagMessages = lazyCatalog(
  {
    de,
  },
  { en: () => import('./recommendation-card.tags.en.ts'), ar: () => import('./recommendation-card.tags.ar.ts') },
);

type TagId = keyof typeof de;

const diets: ReadonlySet<string> = new Set(DIETS);

/**
 * The tag's name in `locale` when it is a known id (any case, `-` or `_`), else the tag as given. A diet is named
 * as the contract names it in reasons (`REASON_VALUE_TEXTS`): one wording for "vegan" on a tag and in a reason.
 */
export function tagText(tag: string, locale: Locale): string {
  const id = tag.trim().toLowerCase().replace(/-/g, '_');
  if (diets.has(id)) return REASON_VALUE_TEXTS[locale]?.[id] ?? REASON_VALUE_TEXTS.de[id] ?? tag;
  return Object.hasOwn(de, id) ? t(tagMessages, locale, id as TagId) : tag;
}
