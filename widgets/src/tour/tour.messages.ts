import type { Catalog } from '../shared/i18n.ts';

/** Texts of `<mb-tour>`; the steps' own texts come from the tour config. */
const de = {
  'tour.progress': 'Schritt {n} von {total}',
  'tour.back': 'Zurück',
  'tour.next': 'Weiter',
  'tour.done': 'Fertig',
  'tour.skip': 'Tour beenden',
};
export type TourMessage = keyof typeof de;

export const messages: Catalog<TourMessage> = {
  de,
  en: {
    'tour.progress': 'Step {n} of {total}',
    'tour.back': 'Back',
    'tour.next': 'Next',
    'tour.done': 'Done',
    'tour.skip': 'End tour',
  },
  ar: {
    'tour.progress': 'الخطوة {n} من {total}',
    'tour.back': 'السابق',
    'tour.next': 'التالي',
    'tour.done': 'إنهاء',
    'tour.skip': 'إنهاء الجولة',
  },
};
