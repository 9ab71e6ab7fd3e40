import { DIETS, REASON_VALUE_TEXTS } from '@matbakh/contract';
import { type Catalog, type Locale, t } from '../shared/i18n.ts';

/**
 * Names of the tag ids a catalogue carries (cuisines, courses, kinds of owner feature), so a card never shows
 * a raw id like "german" or "main". A tag not listed here is the partner's own text and is shown as given.
 */
const de = {
  // Cuisines
  lebanese: 'Libanesisch',
  syrian: 'Syrisch',
  turkish: 'Türkisch',
  italian: 'Italienisch',
  german: 'Deutsch',
  indian: 'Indisch',
  japanese: 'Japanisch',
  vietnamese: 'Vietnamesisch',
  mexican: 'Mexikanisch',
  greek: 'Griechisch',
  chinese: 'Chinesisch',
  thai: 'Thailändisch',
  korean: 'Koreanisch',
  french: 'Französisch',
  spanish: 'Spanisch',
  american: 'Amerikanisch',
  persian: 'Persisch',
  moroccan: 'Marokkanisch',
  ethiopian: 'Äthiopisch',
  // Courses
  starter: 'Vorspeise',
  main: 'Hauptgericht',
  side: 'Beilage',
  dessert: 'Dessert',
  drink: 'Getränk',
  breakfast: 'Frühstück',
  snack: 'Snack',
  // Character (diet names come from the contract, below)
  spicy: 'scharf',
  // Owner features
  upgrade: 'Upgrade',
  service: 'Service',
  marketing: 'Marketing',
};

export const tagMessages = {
  de,
  en: {
    lebanese: 'Lebanese',
    syrian: 'Syrian',
    turkish: 'Turkish',
    italian: 'Italian',
    german: 'German',
    indian: 'Indian',
    japanese: 'Japanese',
    vietnamese: 'Vietnamese',
    mexican: 'Mexican',
    greek: 'Greek',
    chinese: 'Chinese',
    thai: 'Thai',
    korean: 'Korean',
    french: 'French',
    spanish: 'Spanish',
    american: 'American',
    persian: 'Persian',
    moroccan: 'Moroccan',
    ethiopian: 'Ethiopian',
    starter: 'Starter',
    main: 'Main course',
    side: 'Side',
    dessert: 'Dessert',
    drink: 'Drink',
    breakfast: 'Breakfast',
    snack: 'Snack',
    spicy: 'spicy',
    upgrade: 'Upgrade',
    service: 'Service',
    marketing: 'Marketing',
  },
  ar: {
    lebanese: 'لبناني',
    syrian: 'سوري',
    turkish: 'تركي',
    italian: 'إيطالي',
    german: 'ألماني',
    indian: 'هندي',
    japanese: 'ياباني',
    vietnamese: 'فيتنامي',
    mexican: 'مكسيكي',
    greek: 'يوناني',
    chinese: 'صيني',
    thai: 'تايلاندي',
    korean: 'كوري',
    french: 'فرنسي',
    spanish: 'إسباني',
    american: 'أمريكي',
    persian: 'فارسي',
    moroccan: 'مغربي',
    ethiopian: 'إثيوبي',
    starter: 'مقبلات',
    main: 'طبق رئيسي',
    side: 'طبق جانبي',
    dessert: 'حلوى',
    drink: 'مشروب',
    breakfast: 'فطور',
    snack: 'وجبة خفيفة',
    spicy: 'حار',
    upgrade: 'ترقية',
    service: 'خدمة',
    marketing: 'تسويق',
  },
} satisfies Catalog<keyof typeof de>;

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
