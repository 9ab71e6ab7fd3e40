import type { ConsentPolicy } from '@matbakh/contract';

/**
 * The policy every tenant gets until tenants can configure their own. Bump `version` whenever a text or a category
 * changes in substance: clients ask visitors again when the version differs from the one they agreed to.
 */
export const DEFAULT_CONSENT_POLICY: ConsentPolicy = {
  version: 1,
  // About six months, the re-ask interval most EU data protection authorities accept.
  reaskAfterDays: 182,
  categories: [
    {
      id: 'necessary',
      required: true,
      title: { de: 'Notwendig', en: 'Necessary', ar: 'ضرورية' },
      description: {
        de: 'Erforderlich, damit die Seite funktioniert, etwa für den Warenkorb, die Anmeldung und das Speichern Ihrer Einwilligung. Diese Kategorie kann nicht abgewählt werden.',
        en: 'Required for the site to work, for example the basket, signing in and remembering your consent choices. This category cannot be switched off.',
        ar: 'لازمة لعمل الموقع، مثل سلة الطلبات وتسجيل الدخول وحفظ اختياراتك بشأن الموافقة. لا يمكن إيقاف هذه الفئة.',
      },
    },
    {
      id: 'preferences',
      required: false,
      title: { de: 'Präferenzen', en: 'Preferences', ar: 'التفضيلات' },
      description: {
        de: 'Speichert Ihre Einstellungen wie Sprache, Layout des Dashboards, Ernährungsweisen und Allergene, damit Sie sie nicht erneut eingeben müssen.',
        en: 'Remembers your settings such as language, dashboard layout, dietary preferences and allergens so you do not have to enter them again.',
        ar: 'تحفظ إعداداتك مثل اللغة وتخطيط لوحة التحكم والنظام الغذائي ومسببات الحساسية حتى لا تحتاج إلى إدخالها مرة أخرى.',
      },
    },
    {
      id: 'personalization',
      required: false,
      title: { de: 'Personalisierung', en: 'Personalisation', ar: 'التخصيص' },
      description: {
        de: 'Nutzt Ihre Bestellungen und Ihr Verhalten auf dieser Seite, um Ihnen passende Gerichte, Restaurants und Hinweise zu empfehlen. Jede Empfehlung erklärt, warum sie angezeigt wird.',
        en: 'Uses your orders and activity on this site to recommend dishes, restaurants and tips that suit you. Every recommendation explains why it is shown.',
        ar: 'تستخدم طلباتك ونشاطك على هذا الموقع لاقتراح أطباق ومطاعم ونصائح تناسبك. كل توصية توضح سبب ظهورها.',
      },
    },
    {
      id: 'analytics',
      required: false,
      title: { de: 'Statistik', en: 'Analytics', ar: 'الإحصاءات' },
      description: {
        de: 'Misst, wie die Seite genutzt wird, etwa welche Seiten aufgerufen werden und wie lange Besuche dauern, damit wir sie verbessern können.',
        en: 'Measures how the site is used, such as which pages are viewed and how long visits last, so we can improve it.',
        ar: 'تقيس كيفية استخدام الموقع، مثل الصفحات التي تتم زيارتها ومدة الزيارات، حتى نتمكن من تحسينه.',
      },
    },
    {
      id: 'marketing',
      required: false,
      title: { de: 'Marketing', en: 'Marketing', ar: 'التسويق' },
      description: {
        de: 'Erlaubt Angebote und Werbung, die auf Ihre Interessen zugeschnitten sind, auch auf anderen Websites, und misst deren Erfolg.',
        en: 'Allows offers and ads tailored to your interests, including on other websites, and measures how well they work.',
        ar: 'تتيح عروضًا وإعلانات مصممة وفق اهتماماتك، بما في ذلك على مواقع أخرى، وتقيس مدى فعاليتها.',
      },
    },
  ],
};
