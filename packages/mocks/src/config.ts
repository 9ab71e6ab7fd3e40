import type { ConfigResponse, ConsentCategory } from '@matbakh/contract';

/**
 * What `GET /v1/config` answers in stories and tests: a demo tenant with the full consent policy in every
 * locale. Realistic on purpose — the consent banner and privacy center are designed against these texts,
 * including the long Arabic ones.
 */
const categories: ConsentCategory[] = [
  {
    id: 'necessary',
    required: true,
    title: { de: 'Notwendig', en: 'Necessary', ar: 'ضرورية' },
    description: {
      de: 'Damit die Seite funktioniert: Sitzung, Warenkorb, Sicherheit und das Speichern dieser Auswahl. Immer aktiv.',
      en: 'Keeps the site working: session, basket, security and remembering this choice. Always on.',
      ar: 'لتشغيل الموقع: الجلسة وسلة الطلبات والأمان وحفظ هذا الاختيار. مفعّلة دائمًا.',
    },
  },
  {
    id: 'preferences',
    required: false,
    title: { de: 'Präferenzen', en: 'Preferences', ar: 'التفضيلات' },
    description: {
      de: 'Merkt sich Sprache, Liefergebiet, Ernährungsweise und Allergene, damit Sie sie nicht erneut angeben müssen.',
      en: 'Remembers your language, delivery area, diet and allergens so you do not have to enter them again.',
      ar: 'يتذكر لغتك ومنطقة التوصيل ونظامك الغذائي ومسببات الحساسية حتى لا تضطر لإدخالها مجددًا.',
    },
  },
  {
    id: 'personalization',
    required: false,
    title: { de: 'Personalisierung', en: 'Personalisation', ar: 'التخصيص' },
    description: {
      de: 'Nutzt Ihre Bestellungen und Aufrufe für Empfehlungen und Hinweise. Jede Empfehlung zeigt, warum sie erscheint.',
      en: 'Uses your orders and views for recommendations and tips. Every recommendation shows why it appears.',
      ar: 'يستخدم طلباتك ومشاهداتك لتقديم اقتراحات ونصائح. كل اقتراح يوضح سبب ظهوره.',
    },
  },
  {
    id: 'analytics',
    required: false,
    title: { de: 'Statistik', en: 'Analytics', ar: 'الإحصاءات' },
    description: {
      de: 'Zählt anonymisiert, wie die Seite genutzt wird, damit wir sie verbessern können. Keine Weitergabe an Dritte.',
      en: 'Counts, without identifying you, how the site is used so we can improve it. Not shared with third parties.',
      ar: 'يحصي بشكل مجهول كيفية استخدام الموقع لتحسينه. لا تتم مشاركة البيانات مع أطراف ثالثة.',
    },
  },
  {
    id: 'marketing',
    required: false,
    title: { de: 'Marketing', en: 'Marketing', ar: 'التسويق' },
    description: {
      de: 'Misst, welche Kampagnen zu Bestellungen führen, und erlaubt Angebote auf anderen Seiten.',
      en: 'Measures which campaigns lead to orders and allows offers on other sites.',
      ar: 'يقيس الحملات التي تؤدي إلى الطلبات ويسمح بعرض العروض على مواقع أخرى.',
    },
  },
];

export const defaultConfig: ConfigResponse = {
  tenant: { id: 'tn_demo', name: 'Matbakh Demo-Küche' },
  consent: { version: 3, categories, reaskAfterDays: 182 },
  features: {
    recommendations: true,
    nextBestAction: true,
    preferenceCenter: true,
    tour: true,
    insights: false,
  },
  locales: ['de', 'en', 'ar'],
};
