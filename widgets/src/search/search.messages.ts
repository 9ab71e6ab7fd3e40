import type { Catalog } from '../shared/i18n.ts';

/** Texts of `<mb-search>`. Short keys: they ship 3×. */
const de = {
  label: 'Suche',
  placeholder: 'Gericht, Restaurant oder Küche suchen',
  dish: 'Gerichte',
  restaurant: 'Restaurants',
  cuisine: 'Küchen',
  loading: 'Suche läuft …',
  empty: 'Keine Treffer für „{q}“. Versuchen Sie ein anderes Wort.',
  error: 'Die Suche ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.',
  offline: 'Sie sind offline: Treffer aus dem Menü auf diesem Gerät.',
  count: '{n, plural, =0 {Keine Treffer} one {# Treffer} other {# Treffer}}',
  ordered: 'Schon bestellt',
  favourite: 'Favorit',
};
export type SearchMessage = keyof typeof de;

export const messages: Catalog<SearchMessage> = {
  de,
  en: {
    label: 'Search',
    placeholder: 'Search dishes, restaurants or cuisines',
    dish: 'Dishes',
    restaurant: 'Restaurants',
    cuisine: 'Cuisines',
    loading: 'Searching …',
    empty: 'No results for “{q}”. Try another word.',
    error: 'Search is not available right now. Please try again in a moment.',
    offline: 'You are offline: results from the menu on this device.',
    count: '{n, plural, =0 {No results} one {# result} other {# results}}',
    ordered: 'Ordered before',
    favourite: 'Favourite',
  },
  ar: {
    label: 'بحث',
    placeholder: 'ابحث عن طبق أو مطعم أو مطبخ',
    dish: 'الأطباق',
    restaurant: 'المطاعم',
    cuisine: 'المطابخ',
    loading: 'جارٍ البحث …',
    empty: 'لا نتائج لـ «{q}». جرّب كلمة أخرى.',
    error: 'البحث غير متاح الآن. يُرجى المحاولة بعد قليل.',
    offline: 'أنت غير متصل: نتائج من القائمة المحفوظة على هذا الجهاز.',
    count: '{n, plural, =0 {لا نتائج} one {نتيجة واحدة} two {نتيجتان} few {# نتائج} many {# نتيجة} other {# نتيجة}}',
    ordered: 'طلبته من قبل',
    favourite: 'مفضّل',
  },
  informal: {
    de: {
      empty: 'Keine Treffer für „{q}“. Versuch ein anderes Wort.',
      error: 'Die Suche ist gerade nicht erreichbar. Bitte versuch es gleich noch einmal.',
      offline: 'Du bist offline: Treffer aus dem Menü auf diesem Gerät.',
    },
  },
};
