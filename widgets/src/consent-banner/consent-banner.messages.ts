import type { Catalog } from '../shared/i18n.ts';

/**
 * Texts of `<mb-consent-banner>`. A tenant overrides them in `policy.texts[locale]['banner.<key>']` (a map
 * shared with the privacy center, hence the namespace); the catalog itself leaves the `banner.` prefix out.
 */
const de = {
  label: 'Datenschutz-Einstellungen',
  title: 'Ihre Datenschutz-Einstellungen',
  'reason.first_visit': 'Willkommen! Bevor es losgeht, entscheiden Sie bitte, welche Daten wir verwenden dürfen.',
  'reason.policy_changed':
    'Unsere Datenschutzhinweise haben sich seit Ihrem letzten Besuch geändert, deshalb fragen wir Sie erneut.',
  'reason.new_category':
    'Seit Ihrer letzten Entscheidung ist eine neue Art der Datennutzung hinzugekommen, deshalb fragen wir Sie erneut.',
  'reason.expired': 'Ihre letzte Entscheidung liegt eine Weile zurück, deshalb fragen wir Sie erneut.',
  text: 'Notwendige Speicherung hält die Seite am Laufen. Mit Ihrer Einwilligung merken wir uns außerdem Ihre Einstellungen, personalisieren Empfehlungen, messen die Nutzung und zeigen passende Angebote. Sie können Ihre Entscheidung jederzeit ändern.',
  accept: 'Alle akzeptieren',
  reject: 'Alle ablehnen',
  customize: 'Anpassen',
  save: 'Auswahl speichern',
  categories: 'Kategorien',
  alwaysOn: 'Immer aktiv',
  services: 'Genutzt von',
  policyLink: 'Datenschutzerklärung',
  newTab: '(öffnet in einem neuen Tab)',
  details: 'Datenschutz-Center',
  gpc: 'Ihr Browser sendet das Signal „Global Privacy Control“. Wir respektieren es: Statistik und Marketing bleiben aus, solange Sie sie nicht selbst einschalten.',
  offline: 'Ihre Entscheidung ist auf diesem Gerät gespeichert und wird erfasst, sobald Sie wieder online sind.',
  dismiss: 'Verstanden',
  configError:
    'Die Details unserer Datenschutz-Einstellungen konnten nicht geladen werden. Sie können trotzdem ablehnen oder akzeptieren – nur notwendige Speicherung funktioniert auch offline.',
  retry: 'Erneut versuchen',
};

export const messages = {
  de,
  en: {
    label: 'Privacy settings',
    title: 'Your privacy choices',
    'reason.first_visit': 'Welcome! Before you start, please choose which data we may use.',
    'reason.policy_changed': 'Our privacy policy has changed since your last visit, so we are asking you again.',
    'reason.new_category': 'We have added a new way of using data since you last decided, so we are asking you again.',
    'reason.expired': 'It has been a while since you decided, so we are asking you again.',
    text: 'Necessary storage keeps the site working. With your consent we also remember your settings, personalise recommendations, measure how the site is used and show offers that suit you. You can change your mind at any time.',
    accept: 'Accept all',
    reject: 'Reject all',
    customize: 'Customize',
    save: 'Save choices',
    categories: 'Categories',
    alwaysOn: 'Always on',
    services: 'Used by',
    policyLink: 'Privacy policy',
    newTab: '(opens in a new tab)',
    details: 'Privacy center',
    gpc: 'Your browser sends the Global Privacy Control signal. We honour it: analytics and marketing stay off unless you switch them on yourself.',
    offline: 'Your choice is saved on this device and will be recorded as soon as you are back online.',
    dismiss: 'OK',
    configError:
      'We could not load the details of our privacy settings. You can still reject or accept – choosing only necessary storage works offline too.',
    retry: 'Try again',
  },
  ar: {
    label: 'إعدادات الخصوصية',
    title: 'خياراتك بشأن الخصوصية',
    'reason.first_visit': 'مرحبًا! قبل أن تبدأ، يُرجى اختيار البيانات التي يمكننا استخدامها.',
    'reason.policy_changed': 'تغيّرت سياسة الخصوصية لدينا منذ زيارتك الأخيرة، لذلك نسألك مرة أخرى.',
    'reason.new_category': 'أضفنا طريقة جديدة لاستخدام البيانات منذ قرارك الأخير، لذلك نسألك مرة أخرى.',
    'reason.expired': 'مرّ بعض الوقت على قرارك الأخير، لذلك نسألك مرة أخرى.',
    text: 'التخزين الضروري يُبقي الموقع يعمل. وبموافقتك نحفظ أيضًا إعداداتك ونخصّص التوصيات ونقيس كيفية استخدام الموقع ونعرض عروضًا تناسبك. يمكنك تغيير رأيك في أي وقت.',
    accept: 'قبول الكل',
    reject: 'رفض الكل',
    customize: 'تخصيص',
    save: 'حفظ الاختيارات',
    categories: 'الفئات',
    alwaysOn: 'مفعّلة دائمًا',
    services: 'تستخدمها',
    policyLink: 'سياسة الخصوصية',
    newTab: '(يفتح في علامة تبويب جديدة)',
    details: 'مركز الخصوصية',
    gpc: 'يرسل متصفحك إشارة التحكم العالمي في الخصوصية (GPC). نحن نحترمها: تبقى الإحصاءات والتسويق متوقفة ما لم تفعّلها بنفسك.',
    offline: 'تم حفظ اختيارك على هذا الجهاز وسيُسجَّل بمجرد عودتك إلى الاتصال بالإنترنت.',
    dismiss: 'حسنًا',
    configError:
      'تعذّر تحميل تفاصيل إعدادات الخصوصية. لا يزال بإمكانك الرفض أو القبول – واختيار التخزين الضروري فقط يعمل دون اتصال أيضًا.',
    retry: 'إعادة المحاولة',
  },
  informal: {
    de: {
      title: 'Deine Datenschutz-Einstellungen',
      'reason.first_visit': 'Willkommen! Bevor es losgeht, entscheide bitte, welche Daten wir verwenden dürfen.',
      'reason.policy_changed':
        'Unsere Datenschutzhinweise haben sich seit deinem letzten Besuch geändert, deshalb fragen wir dich erneut.',
      'reason.new_category':
        'Seit deiner letzten Entscheidung ist eine neue Art der Datennutzung hinzugekommen, deshalb fragen wir dich erneut.',
      'reason.expired': 'Deine letzte Entscheidung liegt eine Weile zurück, deshalb fragen wir dich erneut.',
      text: 'Notwendige Speicherung hält die Seite am Laufen. Mit deiner Einwilligung merken wir uns außerdem deine Einstellungen, personalisieren Empfehlungen, messen die Nutzung und zeigen passende Angebote. Du kannst deine Entscheidung jederzeit ändern.',
      gpc: 'Dein Browser sendet das Signal „Global Privacy Control“. Wir respektieren es: Statistik und Marketing bleiben aus, solange du sie nicht selbst einschaltest.',
      offline: 'Deine Entscheidung ist auf diesem Gerät gespeichert und wird erfasst, sobald du wieder online bist.',
      configError:
        'Die Details unserer Datenschutz-Einstellungen konnten nicht geladen werden. Du kannst trotzdem ablehnen oder akzeptieren – nur notwendige Speicherung funktioniert auch offline.',
    },
  },
} satisfies Catalog<keyof typeof de>;

export type BannerMessage = keyof typeof de;
