import type { Catalog } from '../shared/i18n.ts';

/** Texts of `<mb-push-optin>`. Short keys: they ship 3×. */
const de = {
  title: 'Benachrichtigungen erlauben?',
  why: 'Dann melden wir uns, wenn es zählt – zum Beispiel, wenn Ihre Bestellung unterwegs ist. Welche Themen, wählen Sie in Ihren Einstellungen; abschalten können Sie jederzeit.',
  allow: 'Erlauben',
  later: 'Nicht jetzt',
  working: 'Einen Moment …',
  done: 'Benachrichtigungen sind eingeschaltet.',
  deniedTitle: 'Benachrichtigungen sind blockiert',
  denied:
    'Ihr Browser blockiert Benachrichtigungen dieser Seite; wir fragen nicht noch einmal. Möchten Sie sie doch: Klicken Sie auf das Symbol links neben der Adresse und erlauben Sie „Benachrichtigungen“.',
  consentTitle: 'Benachrichtigungen brauchen Ihre Einwilligung',
  consent: 'Für Benachrichtigungen auf diesem Gerät brauchen wir zuerst Ihre Einwilligung für den Kanal „Push“.',
  privacy: 'Datenschutz-Einstellungen öffnen',
  failed: 'Das hat nicht geklappt. Bitte versuchen Sie es später noch einmal.',
  close: 'Schließen',
};
export type PushOptinMessage = keyof typeof de;

export const messages: Catalog<PushOptinMessage> = {
  de,
  en: {
    title: 'Allow notifications?',
    why: 'Then we will let you know when it matters – for example, when your order is on its way. You choose the topics in your settings and can switch them off at any time.',
    allow: 'Allow',
    later: 'Not now',
    working: 'One moment …',
    done: 'Notifications are on.',
    deniedTitle: 'Notifications are blocked',
    denied:
      'Your browser blocks notifications from this site; we will not ask again. If you do want them: click the icon to the left of the address and allow “Notifications”.',
    consentTitle: 'Notifications need your consent',
    consent: 'To send notifications to this device we first need your consent for the “Push” channel.',
    privacy: 'Open privacy settings',
    failed: 'That did not work. Please try again later.',
    close: 'Close',
  },
  ar: {
    title: 'هل تسمح بالإشعارات؟',
    why: 'سنخبرك عندما يهمّ الأمر – مثلاً عندما يكون طلبك في الطريق. تختار المواضيع في إعداداتك ويمكنك إيقافها في أي وقت.',
    allow: 'السماح',
    later: 'ليس الآن',
    working: 'لحظة …',
    done: 'الإشعارات مفعّلة.',
    deniedTitle: 'الإشعارات محظورة',
    denied:
      'يحظر متصفحك إشعارات هذا الموقع؛ لن نسألك مرة أخرى. إذا أردتها: انقر على الرمز بجانب العنوان واسمح بـ«الإشعارات».',
    consentTitle: 'الإشعارات تحتاج إلى موافقتك',
    consent: 'لإرسال إشعارات إلى هذا الجهاز نحتاج أولاً إلى موافقتك على قناة «الإشعارات الفورية».',
    privacy: 'فتح إعدادات الخصوصية',
    failed: 'لم ينجح ذلك. يُرجى المحاولة لاحقاً.',
    close: 'إغلاق',
  },
  informal: {
    de: {
      why: 'Dann melden wir uns, wenn es zählt – zum Beispiel, wenn deine Bestellung unterwegs ist. Welche Themen, wählst du in deinen Einstellungen; abschalten kannst du jederzeit.',
      denied:
        'Dein Browser blockiert Benachrichtigungen dieser Seite; wir fragen nicht noch einmal. Möchtest du sie doch: Klick auf das Symbol links neben der Adresse und erlaube „Benachrichtigungen“.',
      consentTitle: 'Benachrichtigungen brauchen deine Einwilligung',
      consent: 'Für Benachrichtigungen auf diesem Gerät brauchen wir zuerst deine Einwilligung für den Kanal „Push“.',
      failed: 'Das hat nicht geklappt. Bitte versuch es später noch einmal.',
    },
  },
};
