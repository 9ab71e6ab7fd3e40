import { lazyCatalog } from '../shared/lazy-texts.ts';
import { de } from './tour.messages.de.ts';

/** Texts of `<mb-tour>`; the steps' own texts come from the tour config. Short keys: they ship 3×. */
export type TourMessage = keyof typeof de;

export const messages = lazyCatalog(
  {
    de,
  },
  { en: () => import('./tour.messages.en.ts'), ar: () => import('./tour.messages.ar.ts') },
);
