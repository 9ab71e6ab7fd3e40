import { lazyCatalog } from '../shared/lazy-texts.ts';

/** Texts of `<mb-tour>`; the steps' own texts come from the tour config. Short keys: they ship 3×. */
const de = {
  step: 'Schritt {n} von {total}',
  back: 'Zurück',
  next: 'Weiter',
  done: 'Fertig',
  end: 'Tour beenden',
};
export type TourMessage = keyof typeof de;

export const messages = lazyCatalog(
  {
    de,
  },
  { en: () => import('./tour.messages.en.ts'), ar: () => import('./tour.messages.ar.ts') },
);
