import type { Rule } from '@matbakh/contract';

/**
 * The demo tenant's rules (reference server default, msw mocks, stories): one of each kind and condition type.
 * Upsells and the newsletter prompt need `marketing`; the lunch tip uses the moment only (`necessary`).
 */
export const DEMO_RULES: Rule[] = [
  {
    id: 'guest-reorder',
    priority: 30,
    placement: 'home',
    action: {
      kind: 'prompt',
      title: { de: 'Wieder dasselbe?', en: 'The usual?', ar: 'كالمعتاد؟' },
      body: {
        de: 'Bestellen Sie Ihr Lieblingsgericht mit einem Tipp erneut.',
        en: 'Reorder your favourite dish in one tap.',
        ar: 'اطلب طبقك المفضل مجددًا بنقرة واحدة.',
      },
      cta: { label: { de: 'Erneut bestellen', en: 'Reorder', ar: 'اطلب مجددًا' }, event: 'Reorder Started' },
      reason: {
        de: 'Sie haben in den letzten 30 Tagen mindestens 3-mal bestellt.',
        en: 'You ordered at least 3 times in the last 30 days.',
        ar: 'طلبت 3 مرات على الأقل خلال آخر 30 يومًا.',
      },
    },
    when: { event: 'Order Completed', count: { gte: 3 }, withinDays: 30 },
    cooldownHours: 24,
    cap: { perWeek: 2 },
    segment: { role: 'guest' },
  },
  {
    id: 'guest-vegan-tip',
    priority: 20,
    placement: 'home',
    action: {
      kind: 'tip',
      title: { de: 'Neu: vegane Gerichte', en: 'New: vegan dishes', ar: 'جديد: أطباق نباتية' },
      body: {
        de: 'Filtern Sie die Speisekarte nach veganen Gerichten.',
        en: 'Filter the menu for vegan dishes.',
        ar: 'صفِّ قائمة الطعام لعرض الأطباق النباتية.',
      },
      cta: { label: { de: 'Ansehen', en: 'Show me', ar: 'اعرض' }, url: 'https://matbakh.app/menu?diet=vegan' },
      reason: {
        de: 'Sie haben „vegan“ in Ihren Vorlieben gewählt.',
        en: 'You chose “vegan” in your preferences.',
        ar: 'اخترت „نباتي“ في تفضيلاتك.',
      },
    },
    when: { preference: 'diet', op: 'includes', value: 'vegan' },
    cap: { perDay: 1, total: 3 },
  },
  {
    id: 'guest-lunch-tip',
    priority: 10,
    placement: 'home',
    action: {
      kind: 'tip',
      title: { de: 'Mittagsangebote', en: 'Lunch specials', ar: 'عروض الغداء' },
      body: {
        de: 'Zwischen 11 und 14 Uhr gibt es Tagesgerichte.',
        en: 'Daily dishes between 11:00 and 14:00.',
        ar: 'أطباق اليوم بين الساعة 11 و14.',
      },
      reason: { de: 'Es ist Mittagszeit.', en: 'It is lunchtime.', ar: 'إنه وقت الغداء.' },
    },
    when: {
      all: [
        { context: 'hour', op: 'gte', value: 11 },
        { context: 'hour', op: 'lt', value: 14 },
      ],
    },
    consent: 'necessary',
    cap: { perDay: 1 },
  },
  {
    id: 'guest-offers-prompt',
    priority: 5,
    placement: 'home',
    action: {
      kind: 'prompt',
      title: { de: 'Angebote per E-Mail?', en: 'Offers by e-mail?', ar: 'عروض عبر البريد؟' },
      body: {
        de: 'Einmal pro Woche die besten Angebote Ihrer Lieblingsrestaurants.',
        en: 'Once a week, the best offers of your favourite restaurants.',
        ar: 'مرة في الأسبوع، أفضل عروض مطاعمك المفضلة.',
      },
      cta: { label: { de: 'Abonnieren', en: 'Subscribe', ar: 'اشترك' }, event: 'Newsletter Prompt Accepted' },
      reason: {
        de: 'Sie haben Marketing zugestimmt und kommen regelmäßig wieder.',
        en: 'You agreed to marketing and come back regularly.',
        ar: 'وافقت على التسويق وتعود بانتظام.',
      },
    },
    when: { event: 'Session Started', count: { gte: 2 } },
    consent: 'marketing',
    cap: { perWeek: 1, total: 3 },
  },
  {
    id: 'owner-analytics-tip',
    priority: 30,
    placement: 'owner-home',
    action: {
      kind: 'tip',
      title: { de: 'Was verkauft sich?', en: 'What sells?', ar: 'ما الذي يُباع؟' },
      body: {
        de: 'Die Auswertung zeigt Ihre Bestseller und ruhigen Stunden.',
        en: 'Analytics shows your best sellers and quiet hours.',
        ar: 'تعرض التحليلات الأطباق الأكثر مبيعًا والساعات الهادئة.',
      },
      cta: {
        label: { de: 'Auswertung öffnen', en: 'Open analytics', ar: 'افتح التحليلات' },
        event: 'Analytics Opened',
      },
      reason: {
        de: 'Sie haben die Auswertung noch nie genutzt.',
        en: 'You have never used analytics.',
        ar: 'لم تستخدم التحليلات من قبل.',
      },
    },
    when: { event: 'Feature Used', where: { feature: 'analytics' }, count: { eq: 0 } },
    segment: { role: 'owner' },
    cooldownHours: 48,
  },
  {
    id: 'owner-pro-upsell',
    priority: 20,
    placement: 'owner-home',
    action: {
      kind: 'upsell',
      title: { de: 'matbakh Pro', en: 'matbakh Pro', ar: 'مطبخ برو' },
      body: {
        de: 'Lieferzonen, Treueprogramm und Berichte in einem Paket.',
        en: 'Delivery zones, loyalty and reports in one plan.',
        ar: 'مناطق التوصيل وبرنامج الولاء والتقارير في باقة واحدة.',
      },
      cta: { label: { de: 'Pro testen', en: 'Try Pro', ar: 'جرّب برو' }, url: 'https://matbakh.app/pro' },
      reason: {
        de: 'Ihr Restaurant hatte diesen Monat über 100 Bestellungen im Basis-Tarif.',
        en: 'Your restaurant had over 100 orders this month on the Basic plan.',
        ar: 'تجاوز مطعمك 100 طلب هذا الشهر على الباقة الأساسية.',
      },
    },
    when: {
      all: [
        { trait: 'plan', op: 'eq', value: 'basic' },
        { trait: 'monthly_orders', op: 'gt', value: 100 },
      ],
    },
    consent: 'marketing',
    segment: { role: 'owner' },
    cap: { perWeek: 1, total: 4 },
  },
];
