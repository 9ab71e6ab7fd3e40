import type { de } from './inbox.messages.de.ts';

/** Arabic texts of <mb-inbox>, fetched when a page shows Arabic (shared/lazy-texts.ts). */
const texts: Record<keyof typeof de, string> = {
  bell: 'الإشعارات',
  bellUnread:
    'الإشعارات، {count, plural, zero {لا غير مقروء} one {واحد غير مقروء} two {اثنان غير مقروءين} few {# غير مقروءة} many {# غير مقروء} other {# غير مقروء}}',
  title: 'الإشعارات',
  close: 'إغلاق',
  markAll: 'تعليم الكل كمقروء',
  markOne: 'تعليم كمقروء',
  unread: 'غير مقروء',
  open: 'فتح',
  more: 'تحميل الأقدم',
  loading: 'جارٍ تحميل الإشعارات…',
  empty: 'لا توجد إشعارات. ستظهر الجديدة هنا فورًا.',
  error: 'تعذّر تحميل الإشعارات.',
  offline: 'أنت غير متصل. ستظهر الإشعارات الجديدة فور عودة الاتصال.',
  consent: 'إشعارات التطبيق متوقفة. يمكنك تشغيلها من إعدادات الخصوصية.',
  retry: 'حاول مرة أخرى',
  arrived: 'جديد: {title}',
};
export default texts;
