import { lazyCatalog } from '../shared/lazy-texts.ts';
import { de } from './recommendation-card.messages.de.ts';

/** Texts of `<mb-recommendation-card>`. Server strings (titles, reasons) are never looked up here. */

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
