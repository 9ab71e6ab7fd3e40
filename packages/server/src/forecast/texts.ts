import type { Locale } from '@matbakh/contract';
import { catalogText } from '../text-template.ts';

/** The forecast's texts. `{name}` placeholders are filled with values already formatted by `Intl`. */
const de = {
  'alert.up.title': '{day}: etwa {expected} Bestellungen erwartet, {change} über dem Üblichen',
  'alert.down.title': '{day}: etwa {expected} Bestellungen erwartet, {change} unter dem Üblichen',
  'alert.up.body': 'Üblich sind {usual} an einem {weekday}. Personal und Vorrat einplanen.',
  'alert.up.body.dish':
    'Üblich sind {usual} an einem {weekday}. Personal einplanen und {dish} vorrätig haben (etwa {count}).',
  'alert.down.body': 'Üblich sind {usual} an einem {weekday}. Weniger Personal und frische Ware einplanen.',
  'trend.up':
    'In den nächsten {days} Tagen werden etwa {expected} Bestellungen erwartet, {change} mehr als in den letzten {days} Tagen ({observed}).',
  'trend.down':
    'In den nächsten {days} Tagen werden etwa {expected} Bestellungen erwartet, {change} weniger als in den letzten {days} Tagen ({observed}).',
  'trend.flat':
    'In den nächsten {days} Tagen werden etwa {expected} Bestellungen erwartet, so viele wie in den letzten {days} Tagen ({observed}).',
  'trend.none': 'Für eine Prognose braucht es mindestens vier Wochen Bestellungen.',
  'outlook.description':
    'Ähnliche Restaurants ({similar}, gleich in: {traits}) hatten in ihrer ersten Woche etwa {first} und in der achten etwa {last} Bestellungen.',
  'trait.type': 'Art',
  'trait.size': 'Größe',
  'trait.region': 'Region',
  'trait.cuisine': 'Küche',
  'trait.none': 'allen Restaurants',
};
export type ForecastTextKey = keyof typeof de;

const en: Record<ForecastTextKey, string> = {
  'alert.up.title': '{day}: about {expected} orders expected, {change} above usual',
  'alert.down.title': '{day}: about {expected} orders expected, {change} below usual',
  'alert.up.body': 'Usually {usual} on a {weekday}. Plan staff and stock.',
  'alert.up.body.dish': 'Usually {usual} on a {weekday}. Plan staff and stock {dish} (about {count}).',
  'alert.down.body': 'Usually {usual} on a {weekday}. Plan fewer staff and less fresh produce.',
  'trend.up':
    'About {expected} orders are expected over the next {days} days, {change} more than in the last {days} days ({observed}).',
  'trend.down':
    'About {expected} orders are expected over the next {days} days, {change} fewer than in the last {days} days ({observed}).',
  'trend.flat':
    'About {expected} orders are expected over the next {days} days, as many as in the last {days} days ({observed}).',
  'trend.none': 'A forecast needs at least four weeks of orders.',
  'outlook.description':
    'Similar restaurants ({similar}, same {traits}) had about {first} orders in their first week and about {last} in their eighth.',
  'trait.type': 'type',
  'trait.size': 'size',
  'trait.region': 'region',
  'trait.cuisine': 'cuisine',
  'trait.none': 'all restaurants',
};

const ar: Record<ForecastTextKey, string> = {
  'alert.up.title': '{day}: يُتوقع نحو {expected} طلبات، أي أكثر من المعتاد بنسبة {change}',
  'alert.down.title': '{day}: يُتوقع نحو {expected} طلبات، أي أقل من المعتاد بنسبة {change}',
  'alert.up.body': 'المعتاد {usual} في يوم {weekday}. خطّط للموظفين والمخزون.',
  'alert.up.body.dish': 'المعتاد {usual} في يوم {weekday}. خطّط للموظفين وجهّز مخزون {dish} (نحو {count}).',
  'alert.down.body': 'المعتاد {usual} في يوم {weekday}. خطّط لعدد أقل من الموظفين والمواد الطازجة.',
  'trend.up':
    'يُتوقع نحو {expected} طلبات خلال الأيام الـ{days} القادمة، أي أكثر بنسبة {change} من الأيام الـ{days} الماضية ({observed}).',
  'trend.down':
    'يُتوقع نحو {expected} طلبات خلال الأيام الـ{days} القادمة، أي أقل بنسبة {change} من الأيام الـ{days} الماضية ({observed}).',
  'trend.flat': 'يُتوقع نحو {expected} طلبات خلال الأيام الـ{days} القادمة، بقدر الأيام الـ{days} الماضية ({observed}).',
  'trend.none': 'يحتاج التوقع إلى أربعة أسابيع من الطلبات على الأقل.',
  'outlook.description':
    'المطاعم المشابهة ({similar}، متطابقة في: {traits}) تلقت نحو {first} طلبات في أسبوعها الأول ونحو {last} في الأسبوع الثامن.',
  'trait.type': 'النوع',
  'trait.size': 'الحجم',
  'trait.region': 'المنطقة',
  'trait.cuisine': 'المطبخ',
  'trait.none': 'جميع المطاعم',
};

const TEXTS: Record<Locale, Record<ForecastTextKey, string>> = { de, en, ar };

export const forecastText = catalogText(TEXTS);
