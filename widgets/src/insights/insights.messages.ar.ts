import type { de } from './insights.messages.de.ts';

/** Arabic texts of <mb-insights>, fetched when a page shows Arabic (shared/lazy-texts.ts). */
const texts: Record<keyof typeof de, string> = {
  title: 'رؤى لمطعمك',
  loading: 'جارٍ تحميل الرؤى…',
  loaded:
    'تم تحميل {count, plural, zero {لا رؤى} one {رؤية واحدة} two {رؤيتين} few {# رؤى} many {# رؤية} other {# رؤية}}.',
  empty: 'لا توجد رؤى الآن. سنخبرك عندما يكون هناك جديد.',
  error: 'تعذّر تحميل الرؤى.',
  offline: 'أنت غير متصل. سيتم تحميل الرؤى فور عودة الاتصال.',
  retry: 'حاول مرة أخرى',
  noGroup: 'لم يتم اختيار مطعم (السمة group-id).',
  'severity.info': 'معلومة',
  'severity.success': 'جيد',
  'severity.warning': 'تحذير',
  'severity.critical': 'حرج',
  reason: 'السبب: {reason}',
  'summary.label': 'آخر 7 أيام',
  'summary.revenue': 'الإيرادات',
  'summary.orders': 'الطلبات',
  'summary.trend': 'الاتجاه',
  'trend.up': 'ارتفاع بنسبة {percent} مقارنة بالأيام السبعة السابقة',
  'trend.down': 'انخفاض بنسبة {percent} مقارنة بالأيام السبعة السابقة',
  'trend.flat': 'دون تغيير مقارنة بالأيام السبعة السابقة',
  'trend.none': 'لا مقارنة (لا طلبات في الأيام السبعة السابقة)',
};
export default texts;
