import { lazyCatalog } from '../shared/lazy-texts.ts';

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

export const messages = lazyCatalog(
  {
    de,
    informal: {
      de: {
        popoverTitle: 'Warum du das siehst',
        thanks: 'Danke! Wir zeigen dir mehr davon.',
        hidden: 'Ausgeblendet. Du siehst das nicht mehr.',
      },
    },
  },
  {
    en: () => import('./recommendation-card.messages.en.ts'),
    ar: () => import('./recommendation-card.messages.ar.ts'),
  },
);

export type CardMessage = keyof typeof de;
