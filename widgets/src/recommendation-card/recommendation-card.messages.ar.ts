import type { de } from './recommendation-card.messages.de.ts';

/** Arabic texts of <mb-recommendation-card>, fetched when a page shows Arabic (shared/lazy-texts.ts). */
const texts: Record<keyof typeof de, string> = {
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
};
export default texts;
