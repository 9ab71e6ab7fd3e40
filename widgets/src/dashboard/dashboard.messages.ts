import type { Catalog } from '../shared/i18n.ts';

/** Texts of `<mb-dashboard>`; the built-in widgets' titles are in built-in-widgets.ts. */
const de = {
  'heading.guest': 'Ihr Dashboard',
  'heading.owner': 'Ihr Restaurant auf einen Blick',
  customize: 'Dashboard anpassen',
  done: 'Fertig',
  loading: '{title} wird geladen …',
  error: '{title} konnte nicht geladen werden.',
  retry: 'Erneut versuchen',
  offline: 'Sie sind offline. Die Widgets zeigen den zuletzt geladenen Stand.',
  ordersEmpty: 'Hier erscheinen Ihre Bestellungen.',
  empty: 'Noch keine Widgets für dieses Dashboard.',
  // Titles of the built-in widgets (by id), so they follow the tenant's form of address too.
  'widget.next-best-action': 'Ihr nächster Schritt',
  'widget.insights': 'Einblicke',
  'widget.recommendations': 'Empfehlungen für Sie',
  'widget.orders': 'Bestellungen',
};

export const messages = {
  de,
  en: {
    'heading.guest': 'Your dashboard',
    'heading.owner': 'Your restaurant at a glance',
    customize: 'Customize dashboard',
    done: 'Done',
    loading: 'Loading {title} …',
    error: '{title} could not be loaded.',
    retry: 'Try again',
    offline: 'You are offline. The widgets show what was loaded last.',
    ordersEmpty: 'Your orders will appear here.',
    empty: 'No widgets for this dashboard yet.',
    'widget.next-best-action': 'Your next step',
    'widget.insights': 'Insights',
    'widget.recommendations': 'Recommended for you',
    'widget.orders': 'Orders',
  },
  ar: {
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
  },
  informal: {
    de: {
      'heading.guest': 'Dein Dashboard',
      'heading.owner': 'Dein Restaurant auf einen Blick',
      offline: 'Du bist offline. Die Widgets zeigen den zuletzt geladenen Stand.',
      ordersEmpty: 'Hier erscheinen deine Bestellungen.',
      'widget.next-best-action': 'Dein nächster Schritt',
      'widget.recommendations': 'Empfehlungen für dich',
    },
  },
} satisfies Catalog<keyof typeof de>;

export type DashboardMessage = keyof typeof de;
