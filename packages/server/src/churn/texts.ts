/**
 * The churn insight's texts (de, en, ar). `{name}` placeholders are filled with values already formatted by `Intl`,
 * so digits and currency follow the locale.
 */
import type { ChurnReason, ChurnReasonCode, Locale } from '@matbakh/contract';
import { catalogText } from '../text-template.ts';
import type { GuestStats } from './features.ts';

const de = {
  'reason.overdue': 'Bestellt sonst alle {usual} Tage; letzte Bestellung vor {since} Tagen',
  'reason.slowing_down': 'Die letzten Bestellungen kamen alle {recent} statt alle {usual} Tage',
  'reason.fewer_orders': '{recentOrders} Bestellungen in den letzten 90 Tagen; üblich wären etwa {expected}',
  'reason.lower_spend': 'Zuletzt {recentSpend} pro Bestellung statt {earlierSpend} zuvor',
  'reason.short_history': 'Erst {orders} Bestellungen, die erste vor {tenure} Tagen: noch keine feste Gewohnheit',
  method:
    'Logistische Regression (Abstand zur letzten Bestellung, Häufigkeit, Dauer, übliches Intervall, Trend von Intervall und Ausgaben, Wahrscheinlichkeit nach BG/NBD, dass der Gast noch Kunde ist), an den eigenen früheren Bestellungen angepasst und kalibriert (Platt)',
  'method.thin':
    'Noch zu wenig Bestellverlauf, um zu lernen, wer ausbleibt (mindestens je 10 Gäste, die wiederkamen und die nicht wiederkamen)',
  'winBack.title': 'Wir vermissen Sie!',
  'winBack.body': 'Lange nicht gesehen – Ihre Lieblingsgerichte warten. Bestellen Sie diese Woche wieder bei uns.',
  'action.label': 'Rückgewinnungs-Kampagne starten',
  'action.description':
    'Schickt den gefährdeten Stammgästen, die Nachrichten erlaubt haben, eine persönliche Einladung – einmal pro Woche.',
};
type Key = keyof typeof de;

const en: Record<Key, string> = {
  'reason.overdue': 'Usually orders every {usual} days; last order {since} days ago',
  'reason.slowing_down': 'The last orders came every {recent} days instead of every {usual}',
  'reason.fewer_orders': '{recentOrders} orders in the last 90 days; about {expected} would be usual',
  'reason.lower_spend': 'Recently {recentSpend} per order instead of {earlierSpend} before',
  'reason.short_history': 'Only {orders} orders, the first {tenure} days ago: no habit yet',
  method:
    'Logistic regression (days since the last order, frequency, tenure, usual interval, trend of interval and spend, the BG/NBD chance that the guest is still a customer), fitted on your own past orders and calibrated (Platt)',
  'method.thin':
    'Not enough order history yet to learn who is drifting away (at least 10 guests who came back and 10 who did not)',
  'winBack.title': 'We miss you!',
  'winBack.body': "It's been a while — your favourite dishes are waiting. Order from us again this week.",
  'action.label': 'Start a win-back campaign',
  'action.description':
    'Sends the at-risk regulars who allow messages a personal invitation to come back — once a week at most.',
};

const ar: Record<Key, string> = {
  'reason.overdue': 'يطلب عادةً كل {usual} أيام؛ آخر طلب قبل {since} يومًا',
  'reason.slowing_down': 'جاءت الطلبات الأخيرة كل {recent} أيام بدلًا من كل {usual}',
  'reason.fewer_orders': '{recentOrders} طلبات في آخر 90 يومًا؛ المعتاد نحو {expected}',
  'reason.lower_spend': 'مؤخرًا {recentSpend} لكل طلب بدلًا من {earlierSpend} سابقًا',
  'reason.short_history': 'فقط {orders} طلبات، أولها قبل {tenure} يومًا: لا عادة ثابتة بعد',
  method:
    'انحدار لوجستي (الأيام منذ آخر طلب، التكرار، المدة، الفاصل المعتاد، اتجاه الفاصل والإنفاق، احتمال BG/NBD أن الضيف ما زال عميلًا)، مُلاءَم على طلباتك السابقة ومُعايَر (Platt)',
  'method.thin': 'لا يوجد سجل طلبات كافٍ بعد لمعرفة من يبتعد (10 ضيوف على الأقل عادوا و10 لم يعودوا)',
  'winBack.title': 'اشتقنا إليك!',
  'winBack.body': 'مرّ وقت طويل — أطباقك المفضلة بانتظارك. اطلب منّا مجددًا هذا الأسبوع.',
  'action.label': 'ابدأ حملة استعادة',
  'action.description':
    'يرسل إلى الزبائن الدائمين المعرّضين للخطر الذين يسمحون بالرسائل دعوة شخصية للعودة — مرة في الأسبوع على الأكثر.',
};

const CATALOG: Record<Locale, Record<Key, string>> = { de, en, ar };
const INTL: Record<Locale, string> = { de: 'de-DE', en: 'en-GB', ar: 'ar' };

export const churnText = catalogText(CATALOG);

/** Each reason as the owner reads it, with the guest's own numbers. */
export function reasonTexts(
  codes: readonly ChurnReasonCode[],
  stats: GuestStats,
  locale: Locale,
  currency: string,
): ChurnReason[] {
  const tag = INTL[locale];
  const days = (value: number) => new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }).format(Math.round(value));
  const money = (value: number) => new Intl.NumberFormat(tag, { style: 'currency', currency }).format(value);
  const params = {
    usual: days(stats.usualIntervalDays),
    since: days(stats.daysSinceLastOrder),
    recent: days(stats.recentIntervalDays),
    recentOrders: days(stats.recentOrders),
    expected: days(stats.expectedRecentOrders),
    recentSpend: money(stats.recentSpend),
    earlierSpend: money(stats.earlierSpend),
    orders: days(stats.orders),
    tenure: days(stats.tenureDays),
  };
  return codes.map((code) => ({ code, text: churnText(locale, `reason.${code}`, params) }));
}
