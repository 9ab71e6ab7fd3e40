import type { de } from './tour.messages.de.ts';

/** Arabic texts of <mb-tour>, fetched when a page shows Arabic (shared/lazy-texts.ts). */
const texts: Record<keyof typeof de, string> = {
  step: 'الخطوة {n} من {total}',
  back: 'السابق',
  next: 'التالي',
  done: 'إنهاء',
  end: 'إنهاء الجولة',
};
export default texts;
