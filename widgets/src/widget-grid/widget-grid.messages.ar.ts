import type { de } from './widget-grid.messages.de.ts';

/** Arabic texts of <mb-widget-grid>, fetched when a page shows Arabic (shared/lazy-texts.ts). */
const texts: Record<keyof typeof de, string> = {
  label: 'الأدوات',
  widget: 'الأداة {n}',
  handle: 'نقل {title}',
  hint: 'المسافة أو الإدخال: التقاط وإفلات. الأسهم: نقل. الهروب: إلغاء.',
  options: 'خيارات {title}',
  earlier: 'نقل إلى الأمام',
  later: 'نقل إلى الخلف',
  hide: 'إخفاء',
  at: 'الموضع {pos} من {count}',
  picked: '{title}، تم الالتقاط، {at}',
  moved: '{title}، {at}',
  dropped: '{title}، تم الإفلات في {at}',
  canceled: 'تم إلغاء النقل. تبقى {title} في {at}',
  hidden: 'تم إخفاء {title}',
  shown: 'تم إظهار {title} مجددًا',
  reset: 'تمت استعادة الترتيب الافتراضي',
  customize: 'الأدوات المخفية',
  none: 'لا توجد أدوات مخفية',
  show: 'إظهار {title}',
  resetButton: 'إعادة التعيين إلى الافتراضي',
};
export default texts;
