import type { Catalog } from '../shared/i18n.ts';

/**
 * Texts of `<mb-consent-banner>`. Keys are namespaced (`banner.*`) because a tenant overrides them in
 * `policy.texts[locale][key]`, a map shared with the privacy center.
 */
const de = {
  'banner.label': 'Datenschutz-Einstellungen',
  'banner.title': 'Ihre Datenschutz-Einstellungen',
  'banner.reason.first_visit':
    'Willkommen! Bevor es losgeht, entscheiden Sie bitte, welche Daten wir verwenden dürfen.',
  'banner.reason.policy_changed':
    'Unsere Datenschutzhinweise haben sich seit Ihrem letzten Besuch geändert, deshalb fragen wir Sie erneut.',
  'banner.reason.new_category':
    'Seit Ihrer letzten Entscheidung ist eine neue Art der Datennutzung hinzugekommen, deshalb fragen wir Sie erneut.',
  'banner.reason.expired': 'Ihre letzte Entscheidung liegt eine Weile zurück, deshalb fragen wir Sie erneut.',
  'banner.text':
    'Notwendige Speicherung hält die Seite am Laufen. Mit Ihrer Einwilligung merken wir uns außerdem Ihre Einstellungen, personalisieren Empfehlungen, messen die Nutzung und zeigen passende Angebote. Sie können Ihre Entscheidung jederzeit ändern.',
  'banner.accept': 'Alle akzeptieren',
  'banner.reject': 'Alle ablehnen',
  'banner.customize': 'Anpassen',
  'banner.save': 'Auswahl speichern',
  'banner.categories': 'Kategorien',
  'banner.alwaysOn': 'Immer aktiv',
  'banner.services': 'Genutzt von',
  'banner.policyLink': 'Datenschutzerklärung',
  'banner.newTab': '(öffnet in einem neuen Tab)',
  'banner.details': 'Datenschutz-Center',
  'banner.gpc':
    'Ihr Browser sendet das Signal „Global Privacy Control“. Wir respektieren es: Statistik und Marketing bleiben aus, solange Sie sie nicht selbst einschalten.',
  'banner.offline':
    'Ihre Entscheidung ist auf diesem Gerät gespeichert und wird erfasst, sobald Sie wieder online sind.',
  'banner.dismiss': 'Verstanden',
  'banner.configError':
    'Die Details unserer Datenschutz-Einstellungen konnten nicht geladen werden. Sie können trotzdem ablehnen oder akzeptieren – nur notwendige Speicherung funktioniert auch offline.',
  'banner.retry': 'Erneut versuchen',
};

export const messages = {
  de,
  en: {
    'banner.label': 'Privacy settings',
    'banner.title': 'Your privacy choices',
    'banner.reason.first_visit': 'Welcome! Before you start, please choose which data we may use.',
    'banner.reason.policy_changed': 'Our privacy policy has changed since your last visit, so we are asking you again.',
    'banner.reason.new_category':
      'We have added a new way of using data since you last decided, so we are asking you again.',
    'banner.reason.expired': 'It has been a while since you decided, so we are asking you again.',
    'banner.text':
      'Necessary storage keeps the site working. With your consent we also remember your settings, personalise recommendations, measure how the site is used and show offers that suit you. You can change your mind at any time.',
    'banner.accept': 'Accept all',
    'banner.reject': 'Reject all',
    'banner.customize': 'Customize',
    'banner.save': 'Save choices',
    'banner.categories': 'Categories',
    'banner.alwaysOn': 'Always on',
    'banner.services': 'Used by',
    'banner.policyLink': 'Privacy policy',
    'banner.newTab': '(opens in a new tab)',
    'banner.details': 'Privacy center',
    'banner.gpc':
      'Your browser sends the Global Privacy Control signal. We honour it: analytics and marketing stay off unless you switch them on yourself.',
    'banner.offline': 'Your choice is saved on this device and will be recorded as soon as you are back online.',
    'banner.dismiss': 'OK',
    'banner.configError':
      'We could not load the details of our privacy settings. You can still reject or accept – choosing only necessary storage works offline too.',
    'banner.retry': 'Try again',
  },
  ar: {
    'banner.label': 'إعدادات الخصوصية',
    'banner.title': 'خياراتك بشأن الخصوصية',
    'banner.reason.first_visit': 'مرحبًا! قبل أن تبدأ، يُرجى اختيار البيانات التي يمكننا استخدامها.',
    'banner.reason.policy_changed': 'تغيّرت سياسة الخصوصية لدينا منذ زيارتك الأخيرة، لذلك نسألك مرة أخرى.',
    'banner.reason.new_category': 'أضفنا طريقة جديدة لاستخدام البيانات منذ قرارك الأخير، لذلك نسألك مرة أخرى.',
    'banner.reason.expired': 'مرّ بعض الوقت على قرارك الأخير، لذلك نسألك مرة أخرى.',
    'banner.text':
      'التخزين الضروري يُبقي الموقع يعمل. وبموافقتك نحفظ أيضًا إعداداتك ونخصّص التوصيات ونقيس كيفية استخدام الموقع ونعرض عروضًا تناسبك. يمكنك تغيير رأيك في أي وقت.',
    'banner.accept': 'قبول الكل',
    'banner.reject': 'رفض الكل',
    'banner.customize': 'تخصيص',
    'banner.save': 'حفظ الاختيارات',
    'banner.categories': 'الفئات',
    'banner.alwaysOn': 'مفعّلة دائمًا',
    'banner.services': 'تستخدمها',
    'banner.policyLink': 'سياسة الخصوصية',
    'banner.newTab': '(يفتح في علامة تبويب جديدة)',
    'banner.details': 'مركز الخصوصية',
    'banner.gpc':
      'يرسل متصفحك إشارة التحكم العالمي في الخصوصية (GPC). نحن نحترمها: تبقى الإحصاءات والتسويق متوقفة ما لم تفعّلها بنفسك.',
    'banner.offline': 'تم حفظ اختيارك على هذا الجهاز وسيُسجَّل بمجرد عودتك إلى الاتصال بالإنترنت.',
    'banner.dismiss': 'حسنًا',
    'banner.configError':
      'تعذّر تحميل تفاصيل إعدادات الخصوصية. لا يزال بإمكانك الرفض أو القبول – واختيار التخزين الضروري فقط يعمل دون اتصال أيضًا.',
    'banner.retry': 'إعادة المحاولة',
  },
} satisfies Catalog<keyof typeof de>;

export type BannerMessage = keyof typeof de;
