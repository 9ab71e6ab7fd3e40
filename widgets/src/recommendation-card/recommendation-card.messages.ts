import type { Catalog } from '../shared/i18n.ts';

/** Texts of `<mb-recommendation-card>`. Server strings (titles, reasons) are never looked up here. */
const de = {
  why: 'Warum das?',
  popoverTitle: 'Warum Sie das sehen',
  howItWorks: 'So funktionieren Empfehlungen',
  privacy: 'Datenschutz-Einstellungen',
  close: 'Schließen',
  notInterested: 'Kein Interesse',
  moreLikeThis: 'Mehr davon',
  thanks: 'Danke! Wir zeigen Ihnen mehr davon.',
  hidden: 'Ausgeblendet. Sie sehen das nicht mehr.',
  from: 'von {name}',
};

export const messages = {
  de,
  en: {
    why: 'Why this?',
    popoverTitle: 'Why you see this',
    howItWorks: 'How recommendations work',
    privacy: 'Privacy settings',
    close: 'Close',
    notInterested: 'Not interested',
    moreLikeThis: 'More like this',
    thanks: 'Thanks! We will show you more like this.',
    hidden: 'Hidden. You will not see this again.',
    from: 'from {name}',
  },
  ar: {
    why: 'لماذا هذا؟',
    popoverTitle: 'لماذا ترى هذا',
    howItWorks: 'كيف تعمل التوصيات',
    privacy: 'إعدادات الخصوصية',
    close: 'إغلاق',
    notInterested: 'غير مهتم',
    moreLikeThis: 'المزيد مثل هذا',
    thanks: 'شكرًا! سنعرض لك المزيد مثل هذا.',
    hidden: 'تم الإخفاء. لن ترى هذا مجددًا.',
    from: 'من {name}',
  },
  informal: {
    de: {
      popoverTitle: 'Warum du das siehst',
      thanks: 'Danke! Wir zeigen dir mehr davon.',
      hidden: 'Ausgeblendet. Du siehst das nicht mehr.',
    },
  },
} satisfies Catalog<keyof typeof de>;

export type CardMessage = keyof typeof de;
