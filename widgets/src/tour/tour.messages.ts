import type { Catalog } from '../shared/i18n.ts';

/** Texts of `<mb-tour>`; the steps' own texts come from the tour config. Short keys: they ship 3×. */
const de = {
  step: 'Schritt {n} von {total}',
  back: 'Zurück',
  next: 'Weiter',
  done: 'Fertig',
  end: 'Tour beenden',
};
export type TourMessage = keyof typeof de;

export const messages: Catalog<TourMessage> = {
  de,
  en: {
    step: 'Step {n} of {total}',
    back: 'Back',
    next: 'Next',
    done: 'Done',
    end: 'End tour',
  },
  ar: {
    step: 'الخطوة {n} من {total}',
    back: 'السابق',
    next: 'التالي',
    done: 'إنهاء',
    end: 'إنهاء الجولة',
  },
};
