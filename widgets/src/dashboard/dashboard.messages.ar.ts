import type { de } from './dashboard.messages.de.ts';

/** Arabic texts of <mb-dashboard>, fetched when a page shows Arabic (shared/lazy-texts.ts). */
const texts: Record<keyof typeof de, string> = {
  'heading.guest': 'لوحتك',
  'heading.owner': 'مطعمك في لمحة',
  customize: 'تخصيص لوحة التحكم',
  done: 'تم',
  loading: 'جارٍ تحميل {title} …',
  error: 'تعذّر تحميل {title}.',
  retry: 'إعادة المحاولة',
  offline: 'أنت غير متصل بالإنترنت. تعرض الأدوات آخر ما تم تحميله.',
  ordersEmpty: 'ستظهر طلباتك هنا.',
  empty: 'لا توجد أدوات لهذه اللوحة بعد.',
  'widget.next-best-action': 'خطوتك التالية',
  'widget.insights': 'رؤى',
  'widget.recommendations': 'مقترحات لك',
  'widget.orders': 'الطلبات',
};
export default texts;
