import type { Locale } from '@matbakh/contract';
import { catalogText } from './text-template.ts';

/** The owner insights' texts. `{name}` placeholders are filled with values already formatted by `Intl`. */
const de = {
  'report.title': 'Ihre Woche: {revenue} Umsatz aus {orders} Bestellungen',
  'report.body.up': 'Der Umsatz liegt {trend} über den 7 Tagen davor ({lastRevenue}, {lastOrders} Bestellungen).',
  'report.body.down': 'Der Umsatz liegt {trend} unter den 7 Tagen davor ({lastRevenue}, {lastOrders} Bestellungen).',
  'report.body.flat': 'Der Umsatz ist so hoch wie in den 7 Tagen davor ({lastRevenue}, {lastOrders} Bestellungen).',
  'report.body.new': 'In den 7 Tagen davor gab es keine Bestellungen zum Vergleich.',
  'report.reason': 'Wöchentlicher Bericht aus Ihren Bestellungen der letzten 7 Tage ({from} – {to}).',
  'report.cta': 'Bestellungen ansehen',
  'alert.title': 'Deutlich weniger Bestellungen am {day}',
  'alert.body':
    '{orders} Bestellungen statt durchschnittlich {baseline} an den letzten vier {weekday}en ({drop} weniger).',
  'alert.reason':
    'Die Bestellungen eines Tages lagen mehr als 30 % unter dem Schnitt desselben Wochentags der 4 Wochen davor.',
  'alert.cta': 'Speisekarte und Öffnungszeiten prüfen',
  'seasonal.ramadan.title': 'Ramadan {year}: Iftar-Menü anbieten',
  'seasonal.ramadan.body':
    'Vom {from} bis {to} bestellen viele Gäste zum Fastenbrechen nach Sonnenuntergang. Ein Iftar-Menü mit Datteln, Suppe und Hauptgang, und längere Abendzeiten helfen.',
  'seasonal.ramadan.reason':
    'Kalender: Ramadan {year} ({from} – {to}, Umm-al-Qura-Kalender; kann sich um einen Tag verschieben).',
  'seasonal.ramadan.cta': 'Iftar-Menü anlegen',
  'seasonal.christmas.title': 'Weihnachtsmarkt-Saison',
  'seasonal.christmas.body':
    'Bis Weihnachten sind die Innenstädte voll: Glühwein-Begleiter, Gerichte zum Mitnehmen und Gutscheine kommen jetzt gut an.',
  'seasonal.christmas.reason': 'Kalender: Weihnachtsmärkte in {region} (Ende November bis 23. Dezember).',
  'seasonal.christmas.cta': 'Saisonangebot anlegen',
  'seasonal.bbq.title': 'Sommer: Grill- und BBQ-Gerichte',
  'seasonal.bbq.body':
    'Im Sommer sind Gegrilltes, Salate und kalte Getränke gefragt – auch für Bestellungen für Gruppen.',
  'seasonal.bbq.reason': 'Kalender: Sommer (Juni bis August) auf der Nordhalbkugel.',
  'seasonal.bbq.cta': 'Sommerkarte anlegen',
  'seasonal.asparagus.title': 'Spargelzeit',
  'seasonal.asparagus.body':
    'Bis zum Johannistag (24. Juni) ist Spargel gefragt: ein oder zwei Spargelgerichte lohnen sich.',
  'seasonal.asparagus.reason': 'Kalender: Spargelsaison in Deutschland (Mitte April bis 24. Juni).',
  'seasonal.asparagus.cta': 'Spargelgericht hinzufügen',
};
type Key = keyof typeof de;

const en: Record<Key, string> = {
  'report.title': 'Your week: {revenue} revenue from {orders} orders',
  'report.body.up': 'Revenue is {trend} above the 7 days before ({lastRevenue}, {lastOrders} orders).',
  'report.body.down': 'Revenue is {trend} below the 7 days before ({lastRevenue}, {lastOrders} orders).',
  'report.body.flat': 'Revenue is level with the 7 days before ({lastRevenue}, {lastOrders} orders).',
  'report.body.new': 'There were no orders in the 7 days before to compare with.',
  'report.reason': 'Weekly report from your orders of the last 7 days ({from} – {to}).',
  'report.cta': 'View orders',
  'alert.title': 'Far fewer orders on {day}',
  'alert.body': '{orders} orders instead of {baseline} on average on the last four {weekday}s ({drop} fewer).',
  'alert.reason': "A day's orders were more than 30% below the average of the same weekday in the 4 weeks before.",
  'alert.cta': 'Check menu and opening hours',
  'seasonal.ramadan.title': 'Ramadan {year}: offer an Iftar menu',
  'seasonal.ramadan.body':
    'From {from} to {to} many guests order to break the fast after sunset. An Iftar menu with dates, soup and a main course, and longer evening hours help.',
  'seasonal.ramadan.reason': 'Calendar: Ramadan {year} ({from} – {to}, Umm al-Qura calendar; may shift by a day).',
  'seasonal.ramadan.cta': 'Create an Iftar menu',
  'seasonal.christmas.title': 'Christmas market season',
  'seasonal.christmas.body':
    'Until Christmas the town centres are busy: sides for mulled wine, take-away dishes and gift vouchers do well now.',
  'seasonal.christmas.reason': 'Calendar: Christmas markets in {region} (late November to 23 December).',
  'seasonal.christmas.cta': 'Create a seasonal offer',
  'seasonal.bbq.title': 'Summer: grill and BBQ dishes',
  'seasonal.bbq.body': 'In summer guests look for grilled food, salads and cold drinks — also as group orders.',
  'seasonal.bbq.reason': 'Calendar: summer (June to August) in the northern hemisphere.',
  'seasonal.bbq.cta': 'Create a summer menu',
  'seasonal.asparagus.title': 'Asparagus season',
  'seasonal.asparagus.body':
    "Until St John's Day (24 June) asparagus is in demand: one or two asparagus dishes pay off.",
  'seasonal.asparagus.reason': 'Calendar: asparagus season in Germany (mid-April to 24 June).',
  'seasonal.asparagus.cta': 'Add an asparagus dish',
};

const ar: Record<Key, string> = {
  'report.title': 'أسبوعك: إيرادات {revenue} من {orders} طلبات',
  'report.body.up': 'الإيرادات أعلى بنسبة {trend} من الأيام السبعة السابقة ({lastRevenue}، {lastOrders} طلبات).',
  'report.body.down': 'الإيرادات أقل بنسبة {trend} من الأيام السبعة السابقة ({lastRevenue}، {lastOrders} طلبات).',
  'report.body.flat': 'الإيرادات مساوية للأيام السبعة السابقة ({lastRevenue}، {lastOrders} طلبات).',
  'report.body.new': 'لم تكن هناك طلبات في الأيام السبعة السابقة للمقارنة.',
  'report.reason': 'تقرير أسبوعي من طلباتك في آخر 7 أيام ({from} – {to}).',
  'report.cta': 'عرض الطلبات',
  'alert.title': 'طلبات أقل بكثير يوم {day}',
  'alert.body': '{orders} طلبات بدلًا من {baseline} في المتوسط في آخر أربعة أيام {weekday} (أقل بنسبة {drop}).',
  'alert.reason': 'كانت طلبات اليوم أقل بأكثر من 30٪ من متوسط اليوم نفسه من الأسبوع خلال الأسابيع الأربعة السابقة.',
  'alert.cta': 'تحقق من القائمة وساعات العمل',
  'seasonal.ramadan.title': 'رمضان {year}: قدّم قائمة إفطار',
  'seasonal.ramadan.body':
    'من {from} إلى {to} يطلب كثير من الضيوف للإفطار بعد غروب الشمس. تساعد قائمة إفطار بالتمر والشوربة وطبق رئيسي، وساعات مسائية أطول.',
  'seasonal.ramadan.reason': 'التقويم: رمضان {year} ({from} – {to}، تقويم أم القرى؛ قد يختلف بيوم واحد).',
  'seasonal.ramadan.cta': 'إنشاء قائمة إفطار',
  'seasonal.christmas.title': 'موسم أسواق عيد الميلاد',
  'seasonal.christmas.body': 'حتى عيد الميلاد تزدحم مراكز المدن: الأطباق السريعة وقسائم الهدايا مطلوبة الآن.',
  'seasonal.christmas.reason': 'التقويم: أسواق عيد الميلاد في {region} (من أواخر نوفمبر حتى 23 ديسمبر).',
  'seasonal.christmas.cta': 'إنشاء عرض موسمي',
  'seasonal.bbq.title': 'الصيف: أطباق المشاوي',
  'seasonal.bbq.body': 'في الصيف يبحث الضيوف عن المشاوي والسلطات والمشروبات الباردة، وكذلك طلبات المجموعات.',
  'seasonal.bbq.reason': 'التقويم: الصيف (يونيو إلى أغسطس) في نصف الكرة الشمالي.',
  'seasonal.bbq.cta': 'إنشاء قائمة صيفية',
  'seasonal.asparagus.title': 'موسم الهليون',
  'seasonal.asparagus.body': 'حتى 24 يونيو يكثر الطلب على الهليون: طبق أو طبقان من الهليون يستحقان العناء.',
  'seasonal.asparagus.reason': 'التقويم: موسم الهليون في ألمانيا (منتصف أبريل حتى 24 يونيو).',
  'seasonal.asparagus.cta': 'إضافة طبق هليون',
};

export type InsightTextKey = Key;
const CATALOG: Record<Locale, Record<Key, string>> = { de, en, ar };

export const text = catalogText(CATALOG);
