import type { TourMessage } from './tour.messages.ts';

/** Arabic texts of <mb-tour>, fetched when a page shows Arabic (shared/lazy-texts.ts). */
const texts: Record<TourMessage, string> = {
  step: 'الخطوة {n} من {total}',
  back: 'السابق',
  next: 'التالي',
  done: 'إنهاء',
  end: 'إنهاء الجولة',
};
export default texts;
