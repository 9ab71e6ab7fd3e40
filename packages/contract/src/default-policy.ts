import type { ConsentPolicy } from './config.ts';

/**
 * The policy every tenant gets until tenants can configure their own; the msw mocks serve it too. Bump `version` whenever a text or a category
 * changes in substance: clients ask visitors again when the version differs from the one they agreed to.
 */
export const DEFAULT_CONSENT_POLICY: ConsentPolicy = {
  version: 1,
  // About six months, the re-ask interval most EU data protection authorities accept.
  reaskAfterDays: 182,
  privacyPolicyUrl: 'https://matbakh.app/datenschutz',
  channels: [
    {
      id: 'in_app',
      title: { de: 'In der App', en: 'In the app', ar: 'داخل التطبيق' },
      description: {
        de: 'Hinweise direkt auf der Seite.',
        en: 'Notices right on the page.',
        ar: 'إشعارات مباشرة على الصفحة.',
      },
    },
    {
      id: 'email',
      title: { de: 'E-Mail', en: 'E-mail', ar: 'البريد الإلكتروني' },
      description: {
        de: 'Berichte und Angebote per E-Mail.',
        en: 'Reports and offers by e-mail.',
        ar: 'تقارير وعروض عبر البريد الإلكتروني.',
      },
    },
    {
      id: 'push',
      title: { de: 'Push-Nachrichten', en: 'Push notifications', ar: 'الإشعارات الفورية' },
      description: {
        de: 'Bestellstatus und Hinweise als Push.',
        en: 'Order status and tips as push messages.',
        ar: 'حالة الطلب والنصائح كإشعارات فورية.',
      },
    },
    {
      id: 'whatsapp',
      title: { de: 'WhatsApp', en: 'WhatsApp', ar: 'واتساب' },
      description: { de: 'Bestellstatus per WhatsApp.', en: 'Order status on WhatsApp.', ar: 'حالة الطلب عبر واتساب.' },
    },
  ],
  categories: [
    {
      id: 'necessary',
      services: [
        {
          id: 'matbakh-core',
          name: 'matbakh',
          purpose: {
            de: 'Speichert Ihre Einwilligung und Ihren Warenkorb.',
            en: 'Remembers your consent and your basket.',
            ar: 'تحفظ موافقتك وسلة طلباتك.',
          },
        },
      ],
      storageKeys: [],
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
      services: [
        {
          id: 'matbakh-preferences',
          name: 'matbakh',
          purpose: {
            de: 'Speichert Sprache, Dashboard und Ernährungsangaben.',
            en: 'Stores language, dashboard and dietary settings.',
            ar: 'تحفظ اللغة ولوحة التحكم وإعدادات النظام الغذائي.',
          },
        },
      ],
      storageKeys: [],
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
      services: [
        {
          id: 'matbakh-recommendations',
          name: 'matbakh',
          purpose: {
            de: 'Empfehlungen und Hinweise auf Basis Ihrer Bestellungen.',
            en: 'Recommendations and tips based on your orders.',
            ar: 'توصيات ونصائح بناءً على طلباتك.',
          },
        },
      ],
      storageKeys: [],
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
      services: [
        {
          id: 'matbakh-analytics',
          name: 'matbakh',
          purpose: {
            de: 'Misst Seitenaufrufe und Bestellschritte.',
            en: 'Measures page views and ordering steps.',
            ar: 'تقيس مشاهدات الصفحات وخطوات الطلب.',
          },
        },
      ],
      storageKeys: [],
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
      services: [],
      storageKeys: [],
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

/** Tracked events are kept 13 months (the CNIL's guidance for audience measurement), then purged. */
export const DEFAULT_RETENTION_DAYS = 396;
