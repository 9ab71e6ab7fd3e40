import type { de } from './recommendations.messages.de.ts';

/** Arabic texts of <mb-recommendations>, fetched when a page shows Arabic (shared/lazy-texts.ts). */
const texts: Record<keyof typeof de, string> = {
  'heading.guest': 'مقترح لك',
  'heading.owner': 'توصيات لمطعمك',
  loading: 'جارٍ تحميل التوصيات …',
  empty: 'لا توجد توصيات لك حاليًا.',
  error: 'تعذّر تحميل التوصيات.',
  errorOffline: 'أنت غير متصل. ستظهر التوصيات عند عودة الاتصال.',
  retry: 'حاول مجددًا',
  offline: 'أنت غير متصل: اختار جهازك هذه الاقتراحات.',
  fallback: 'اختار جهازك هذه الاقتراحات لأن خادمنا لا يستجيب حاليًا.',
  personalized: 'مخصّصة بناءً على طلباتك.',
  'personalized.owner': 'بناءً على إعداد مطعمك واستخدامه.',
  'basis.no_consent': 'غير مخصّصة: لم تسمح بالتخصيص.',
  'basis.cold_start': 'غير مخصّصة بعد: الأكثر رواجًا حتى نتعرّف على ذوقك.',
  'basis.not_identified': 'غير مخصّصة.',
  privacy: 'إعدادات الخصوصية',
  howItWorks: 'كيف تعمل التوصيات',
  previous: 'التوصية السابقة',
  next: 'التوصية التالية',
  slide: '{index} من {count}',
  removed: 'تم إخفاء «{title}».',
  close: 'إغلاق',
  explanationLoading: 'جارٍ التحميل …',
  explanationError: 'تعذّر تحميل الشرح.',
  parameters: 'ما الذي يهم',
  controls: 'ما الذي يمكنك تغييره',
  nonProfiled: 'دون ملف شخصي',
};
export default texts;
