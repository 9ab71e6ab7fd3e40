import type { Tour } from '@matbakh/contract';

/** The demo tenant's tours: a guest's first visit, an owner's first steps. */
export const DEMO_TOURS: Tour[] = [
  {
    id: 'guest-welcome',
    segment: { role: 'guest', visitor: 'new' },
    steps: [
      {
        id: 'menu',
        anchor: '#menu',
        title: { de: 'Die Speisekarte', en: 'The menu', ar: 'قائمة الطعام' },
        body: {
          de: 'Hier finden Sie alle Gerichte, mit Allergenen.',
          en: 'All dishes, with allergens.',
          ar: 'جميع الأطباق مع مسببات الحساسية.',
        },
      },
      {
        id: 'preferences',
        anchor: '#preferences',
        title: { de: 'Ihre Vorlieben', en: 'Your preferences', ar: 'تفضيلاتك' },
        body: {
          de: 'Diät und Allergene wählen: wir zeigen nur, was passt.',
          en: 'Choose diets and allergens: we only show what fits.',
          ar: 'اختر نظامك الغذائي ومسببات الحساسية: نعرض فقط ما يناسبك.',
        },
      },
      {
        id: 'cart',
        anchor: '#cart',
        title: { de: 'Warenkorb', en: 'Cart', ar: 'سلة الطلبات' },
        body: {
          de: 'Bestellen, wenn Sie so weit sind.',
          en: 'Order when you are ready.',
          ar: 'اطلب عندما تكون جاهزًا.',
        },
      },
    ],
  },
  {
    id: 'owner-welcome',
    segment: { role: 'owner' },
    steps: [
      {
        id: 'dashboard',
        anchor: '#dashboard',
        title: { de: 'Ihr Dashboard', en: 'Your dashboard', ar: 'لوحة التحكم' },
        body: {
          de: 'Bestellungen und Umsatz auf einen Blick.',
          en: 'Orders and revenue at a glance.',
          ar: 'الطلبات والإيرادات في لمحة.',
        },
      },
      {
        id: 'insights',
        anchor: '#insights',
        title: { de: 'Hinweise', en: 'Insights', ar: 'رؤى' },
        body: {
          de: 'Warnungen und saisonale Vorschläge für Ihr Restaurant.',
          en: 'Alerts and seasonal suggestions for your restaurant.',
          ar: 'تنبيهات واقتراحات موسمية لمطعمك.',
        },
      },
    ],
  },
];
