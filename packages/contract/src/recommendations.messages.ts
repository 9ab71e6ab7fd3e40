/**
 * The texts of recommendations: reason templates (formal and informal, per locale), the values they translate and
 * the "How recommendations work" statement. Here, not in each client, so the server and the SDK's on-device
 * ranker say the same thing in the same words.
 */
import type { Address, Locale } from './config.ts';
import type { ExplanationStatement, Reason, ReasonCode, ReasonParams } from './recommendations.ts';

/** Display templates; `{name}` is replaced by `params.name`. Plain text: clients render it as text. */
export const REASON_TEXTS: Record<Locale, Record<ReasonCode, string>> = {
  de: {
    because_you_ordered: 'Weil Sie {item} bestellt haben',
    popular_near_you: 'Beliebt in {region}',
    trending: 'Im Trend: {growth} % mehr Bestellungen diese Woche',
    fits_your_diet: 'Passt zu Ihrer Ernährung ({diets})',
    usually_at_this_time: 'Sie bestellen oft um diese Zeit (gegen {hour} Uhr)',
    new_for_you: 'Neu für Sie',
    more_like_this: 'Ähnlich wie {item}, das Ihnen gefällt',
    seasonal: 'Passt zur Saison ({season})',
    owner_setup: 'Passend zu Ihrem Setup',
    popular: 'Beliebt bei vielen Gästen',
  },
  en: {
    because_you_ordered: 'Because you ordered {item}',
    popular_near_you: 'Popular in {region}',
    trending: 'Trending: {growth}% more orders this week',
    fits_your_diet: 'Fits your diet ({diets})',
    usually_at_this_time: 'You often order around this time ({hour}:00)',
    new_for_you: 'New for you',
    more_like_this: 'Similar to {item}, which you liked',
    seasonal: 'In season ({season})',
    owner_setup: 'Based on your setup',
    popular: 'Popular with many guests',
  },
  ar: {
    because_you_ordered: 'لأنك طلبت {item}',
    popular_near_you: 'رائج في {region}',
    trending: 'رائج: طلبات أكثر بنسبة {growth}٪ هذا الأسبوع',
    fits_your_diet: 'يناسب نظامك الغذائي ({diets})',
    usually_at_this_time: 'غالبًا ما تطلب في هذا الوقت (حوالي الساعة {hour})',
    new_for_you: 'جديد بالنسبة لك',
    more_like_this: 'مشابه لـ {item} الذي أعجبك',
    seasonal: 'مناسب للموسم ({season})',
    owner_setup: 'بناءً على إعدادك',
    popular: 'شائع لدى كثير من الضيوف',
  },
};

/**
 * `owner_setup` texts by `params.detail` (the rule that fired); an unknown detail falls back to the generic
 * `REASON_TEXTS[locale].owner_setup`.
 */
export const OWNER_SETUP_TEXTS: Record<Locale, Record<string, string>> = {
  de: {
    locations_without_analytics: 'Sie haben {locations} Standorte, aber noch keine Analysen',
    orders_without_online_ordering: 'Viele Bestellungen ({orders} in 28 Tagen), aber keine Online-Bestellung',
    online_ordering_without_delivery: 'Online-Bestellung ist aktiv, Lieferzonen noch nicht',
    uses_reports_often: 'Sie nutzen {feature} oft ({uses}× in 28 Tagen)',
    type_fit: 'Passt zu Restaurants wie Ihrem ({restaurantType})',
  },
  en: {
    locations_without_analytics: 'You have {locations} locations but no analytics yet',
    orders_without_online_ordering: 'Many orders ({orders} in 28 days) but no online ordering',
    online_ordering_without_delivery: 'Online ordering is on, delivery zones are not',
    uses_reports_often: 'You use {feature} often ({uses}× in 28 days)',
    type_fit: 'Fits restaurants like yours ({restaurantType})',
  },
  ar: {
    locations_without_analytics: 'لديك {locations} فروع ولكن بدون تحليلات بعد',
    orders_without_online_ordering: 'طلبات كثيرة ({orders} خلال 28 يومًا) ولكن بدون طلب عبر الإنترنت',
    online_ordering_without_delivery: 'الطلب عبر الإنترنت مفعّل، ومناطق التوصيل غير مفعّلة',
    uses_reports_often: 'تستخدم {feature} كثيرًا ({uses} مرة خلال 28 يومًا)',
    type_fit: 'يناسب مطاعم مثل مطعمك ({restaurantType})',
  },
};

/**
 * The informal German ("du") of the reason texts whose formal text addresses the visitor; a tenant with
 * `address: { de: 'informal' }` gets these (see `Address` in config.ts).
 */
export const INFORMAL_REASON_TEXTS: Partial<Record<Locale, Partial<Record<string, string>>>> = {
  de: {
    because_you_ordered: 'Weil du {item} bestellt hast',
    fits_your_diet: 'Passt zu deiner Ernährung ({diets})',
    usually_at_this_time: 'Du bestellst oft um diese Zeit (gegen {hour} Uhr)',
    new_for_you: 'Neu für dich',
    more_like_this: 'Ähnlich wie {item}, das dir gefällt',
    owner_setup: 'Passend zu deinem Setup',
    locations_without_analytics: 'Du hast {locations} Standorte, aber noch keine Analysen',
    uses_reports_often: 'Du nutzt {feature} oft ({uses}× in 28 Tagen)',
    type_fit: 'Passt zu Restaurants wie deinem ({restaurantType})',
  },
};

/** Localized names of the values reason params carry (seasons, diets, features, restaurant types), so a text reads naturally. */
export const REASON_VALUE_TEXTS: Record<Locale, Record<string, string>> = {
  de: {
    spring: 'Frühling',
    summer: 'Sommer',
    autumn: 'Herbst',
    winter: 'Winter',
    vegetarian: 'vegetarisch',
    vegan: 'vegan',
    pescatarian: 'pescetarisch',
    halal: 'halal',
    kosher: 'koscher',
    gluten_free: 'glutenfrei',
    lactose_free: 'laktosefrei',
    reports: 'Berichte',
    casual: 'Casual Dining',
    quick_service: 'Schnellrestaurant',
    fine_dining: 'gehobene Küche',
    delivery_only: 'nur Lieferung',
  },
  en: {
    spring: 'spring',
    summer: 'summer',
    autumn: 'autumn',
    winter: 'winter',
    vegetarian: 'vegetarian',
    vegan: 'vegan',
    pescatarian: 'pescatarian',
    halal: 'halal',
    kosher: 'kosher',
    gluten_free: 'gluten-free',
    lactose_free: 'lactose-free',
    reports: 'reports',
    casual: 'casual dining',
    quick_service: 'quick service',
    fine_dining: 'fine dining',
    delivery_only: 'delivery only',
  },
  ar: {
    spring: 'الربيع',
    summer: 'الصيف',
    autumn: 'الخريف',
    winter: 'الشتاء',
    vegetarian: 'نباتي',
    vegan: 'نباتي صرف',
    pescatarian: 'نباتي مع السمك',
    halal: 'حلال',
    kosher: 'كوشر',
    gluten_free: 'خالٍ من الغلوتين',
    lactose_free: 'خالٍ من اللاكتوز',
    reports: 'التقارير',
    casual: 'مطعم عائلي',
    quick_service: 'خدمة سريعة',
    fine_dining: 'مطعم راقٍ',
    delivery_only: 'توصيل فقط',
  },
};

/** Params whose values are ids (translated through `REASON_VALUE_TEXTS`); others (titles, regions) are shown as given. */
const TRANSLATED_PARAMS = new Set(['season', 'diets', 'feature', 'restaurantType']);

/**
 * The display text of a reason: the locale's template in the tenant's form of `address` (default formal)
 * with `{param}` replaced (season, diet, feature and restaurant-type ids are translated, comma lists too;
 * `owner_setup` picks its text by `params.detail`). A missing param leaves a neutral empty value, never the
 * raw `{name}` token.
 */
export function reasonText(
  code: ReasonCode,
  params: ReasonParams,
  locale: Locale = 'de',
  address: Address = 'formal',
): string {
  const templates = REASON_TEXTS[locale] ?? REASON_TEXTS.de;
  const values = REASON_VALUE_TEXTS[locale] ?? REASON_VALUE_TEXTS.de;
  const detail = code === 'owner_setup' && typeof params.detail === 'string' ? params.detail : undefined;
  const informal = address === 'informal' ? INFORMAL_REASON_TEXTS[locale] : undefined;
  const template =
    (detail === undefined
      ? undefined
      : (informal?.[detail] ?? (OWNER_SETUP_TEXTS[locale] ?? OWNER_SETUP_TEXTS.de)[detail])) ??
    informal?.[code] ??
    templates[code] ??
    templates.popular;
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) return '';
    if (typeof value === 'number') return String(value);
    if (!TRANSLATED_PARAMS.has(name)) return value;
    return value
      .split(',')
      .map((part) => values[part.trim()] ?? part.trim())
      .join(', ');
  });
}

/** Build a reason with its text in one go. */
export function reason(code: ReasonCode, params: ReasonParams, locale: Locale = 'de'): Reason {
  return { code, params, text: reasonText(code, params, locale) };
}

type StatementTexts = Omit<ExplanationStatement, 'locale'>;

const EXPLANATION_TEXTS: Record<Locale, StatementTexts> = {
  de: {
    title: 'So funktionieren Empfehlungen',
    intro:
      'Wir ordnen Gerichte, Restaurants und Funktionen nach den folgenden Hauptparametern, in dieser Reihenfolge der Gewichtung. Jede Empfehlung nennt unter „Warum das?“ die Gründe, die für sie den Ausschlag gaben.',
    parameters: [
      {
        name: 'Ihre Ernährung und Allergene',
        description:
          'Gerichte mit einem Allergen, das Sie ausschließen, oder ohne eine Ernährungsform, die Sie gewählt haben, zeigen wir nie.',
      },
      {
        name: 'Ihre Bestellungen (nur mit Einwilligung)',
        description:
          'Was Sie bestellt haben, was oft zusammen damit bestellt wird, Ihre bevorzugten Restaurants und Küchen, und was Sie zu welcher Tageszeit und an welchen Tagen bestellen. Ohne Ihre Einwilligung in Personalisierung nutzen wir nichts davon.',
      },
      {
        name: 'Beliebtheit in Ihrer Region',
        description: 'Wie oft ein Gericht in den letzten fünf Wochen in Ihrer Gegend bestellt wurde.',
      },
      {
        name: 'Trends',
        description: 'Gerichte, die in den letzten 7 Tagen deutlich öfter bestellt wurden als in den 28 Tagen davor.',
      },
      {
        name: 'Tageszeit, Wochentag und Saison',
        description: 'Was zu dieser Tageszeit, an diesem Wochentag und in dieser Jahreszeit gern bestellt wird.',
      },
      {
        name: 'Vielfalt und Neues',
        description:
          'Mehrere Vorschläge aus demselben Restaurant rücken etwas nach hinten, damit die Liste abwechslungsreich bleibt; Neues zeigen wir, wo es zu Ihnen passt.',
      },
      {
        name: 'Ihre Rückmeldungen',
        description: '„Kein Interesse“ blendet ein Gericht aus, „Mehr davon“ bevorzugt Ähnliches.',
      },
    ],
    controls: [
      'Ernährung und Allergene stellen Sie in Ihren Einstellungen ein.',
      'Die Einwilligung in Personalisierung können Sie im Datenschutz-Center jederzeit geben oder widerrufen.',
      'Mit „Kein Interesse“ und „Mehr davon“ an jeder Empfehlung steuern Sie, was Sie als Nächstes sehen.',
      'Im Datenschutz-Center können Sie Ihre Daten exportieren oder löschen.',
    ],
    nonProfiled:
      'Ohne Einwilligung in Personalisierung sehen Sie Empfehlungen ohne Profiling: nur nach Beliebtheit, Region, Tageszeit und Saison, gefiltert nach Ihren Ernährungs- und Allergen-Einstellungen.',
  },
  en: {
    title: 'How recommendations work',
    intro:
      'We rank dishes, restaurants and features by the main parameters below, in order of weight. Every recommendation shows the reasons that decided it under "Why this?".',
    parameters: [
      {
        name: 'Your diet and allergens',
        description: 'We never show a dish with an allergen you exclude, or without a diet you chose.',
      },
      {
        name: 'Your orders (only with your consent)',
        description:
          'What you ordered, what is often ordered with it, your favourite restaurants and cuisines, and what you order at which time of day and on which days. Without personalization consent we use none of it.',
      },
      {
        name: 'Popularity in your region',
        description: 'How often a dish was ordered in your area over the last five weeks.',
      },
      { name: 'Trends', description: 'Dishes ordered clearly more in the last 7 days than in the 28 days before.' },
      {
        name: 'Time of day, weekday and season',
        description: 'What people like to order at this time of day, on this weekday and in this season.',
      },
      {
        name: 'Variety and new things',
        description:
          'Several dishes from the same restaurant move back a little so the list stays varied; new dishes appear where they suit you.',
      },
      {
        name: 'Your feedback',
        description: '"Not interested" hides a dish, "More like this" favours similar ones.',
      },
    ],
    controls: [
      'Set your diet and allergens in your preferences.',
      'Give or withdraw personalization consent at any time in the privacy center.',
      'Use "Not interested" and "More like this" on any recommendation to steer what you see next.',
      'Export or erase your data in the privacy center.',
    ],
    nonProfiled:
      'Without personalization consent you get recommendations without profiling: by popularity, region, time of day and season only, filtered by your diet and allergen settings.',
  },
  ar: {
    title: 'كيف تعمل التوصيات',
    intro:
      'نرتّب الأطباق والمطاعم والميزات وفق المعايير الرئيسية التالية، بحسب وزنها. تعرض كل توصية تحت "لماذا هذا؟" الأسباب التي حسمتها.',
    parameters: [
      {
        name: 'نظامك الغذائي ومسببات الحساسية',
        description: 'لا نعرض أبدًا طبقًا يحتوي على مسبب حساسية استبعدته، أو لا يناسب نظامًا غذائيًا اخترته.',
      },
      {
        name: 'طلباتك (بموافقتك فقط)',
        description:
          'ما طلبته، وما يُطلب معه غالبًا، ومطاعمك ومطابخك المفضلة، وما تطلبه في أي وقت من اليوم وفي أي أيام. بدون موافقتك على التخصيص لا نستخدم شيئًا من ذلك.',
      },
      { name: 'الشعبية في منطقتك', description: 'عدد مرات طلب الطبق في منطقتك خلال الأسابيع الخمسة الماضية.' },
      {
        name: 'الرائج',
        description: 'أطباق طُلبت في الأيام السبعة الأخيرة أكثر بوضوح من الأيام الثمانية والعشرين قبلها.',
      },
      {
        name: 'الوقت واليوم والموسم',
        description: 'ما يحب الناس طلبه في هذا الوقت من اليوم وفي هذا اليوم من الأسبوع وهذا الموسم.',
      },
      {
        name: 'التنوع والجديد',
        description: 'نؤخّر قليلًا الاقتراحات المتعددة من المطعم نفسه ليبقى التنوع، ونعرض الجديد حيث يناسبك.',
      },
      { name: 'ملاحظاتك', description: '"غير مهتم" يخفي الطبق، و"المزيد مثل هذا" يفضّل الأطباق المشابهة.' },
    ],
    controls: [
      'اضبط نظامك الغذائي ومسببات الحساسية في تفضيلاتك.',
      'امنح الموافقة على التخصيص أو اسحبها في أي وقت من مركز الخصوصية.',
      'استخدم "غير مهتم" و"المزيد مثل هذا" على أي توصية لتوجيه ما تراه لاحقًا.',
      'صدّر بياناتك أو احذفها من مركز الخصوصية.',
    ],
    nonProfiled:
      'بدون موافقتك على التخصيص تحصل على توصيات بدون تنميط: حسب الشعبية والمنطقة والوقت والموسم فقط، مع مراعاة إعدادات نظامك الغذائي ومسببات الحساسية.',
  },
};

/** The statement in the informal German ("du") for tenants with `address: { de: 'informal' }`. */
const INFORMAL_EXPLANATION_TEXTS: Partial<Record<Locale, StatementTexts>> = {
  de: {
    title: 'So funktionieren Empfehlungen',
    intro:
      'Wir ordnen Gerichte, Restaurants und Funktionen nach den folgenden Hauptparametern, in dieser Reihenfolge der Gewichtung. Jede Empfehlung nennt unter „Warum das?“ die Gründe, die für sie den Ausschlag gaben.',
    parameters: [
      {
        name: 'Deine Ernährung und Allergene',
        description:
          'Gerichte mit einem Allergen, das du ausschließt, oder ohne eine Ernährungsform, die du gewählt hast, zeigen wir nie.',
      },
      {
        name: 'Deine Bestellungen (nur mit Einwilligung)',
        description:
          'Was du bestellt hast, was oft zusammen damit bestellt wird, deine bevorzugten Restaurants und Küchen, und was du zu welcher Tageszeit und an welchen Tagen bestellst. Ohne deine Einwilligung in Personalisierung nutzen wir nichts davon.',
      },
      {
        name: 'Beliebtheit in deiner Region',
        description: 'Wie oft ein Gericht in den letzten fünf Wochen in deiner Gegend bestellt wurde.',
      },
      {
        name: 'Trends',
        description: 'Gerichte, die in den letzten 7 Tagen deutlich öfter bestellt wurden als in den 28 Tagen davor.',
      },
      {
        name: 'Tageszeit, Wochentag und Saison',
        description: 'Was zu dieser Tageszeit, an diesem Wochentag und in dieser Jahreszeit gern bestellt wird.',
      },
      {
        name: 'Vielfalt und Neues',
        description:
          'Mehrere Vorschläge aus demselben Restaurant rücken etwas nach hinten, damit die Liste abwechslungsreich bleibt; Neues zeigen wir, wo es zu dir passt.',
      },
      {
        name: 'Deine Rückmeldungen',
        description: '„Kein Interesse“ blendet ein Gericht aus, „Mehr davon“ bevorzugt Ähnliches.',
      },
    ],
    controls: [
      'Ernährung und Allergene stellst du in deinen Einstellungen ein.',
      'Die Einwilligung in Personalisierung kannst du im Datenschutz-Center jederzeit geben oder widerrufen.',
      'Mit „Kein Interesse“ und „Mehr davon“ an jeder Empfehlung steuerst du, was du als Nächstes siehst.',
      'Im Datenschutz-Center kannst du deine Daten exportieren oder löschen.',
    ],
    nonProfiled:
      'Ohne Einwilligung in Personalisierung siehst du Empfehlungen ohne Profiling: nur nach Beliebtheit, Region, Tageszeit und Saison, gefiltert nach deinen Ernährungs- und Allergen-Einstellungen.',
  },
};

/** The "How recommendations work" statement in a locale and form of address (the server's `/v1/recommendations/explanation`). */
export function explanationStatement(locale: Locale = 'de', address: Address = 'formal'): ExplanationStatement {
  const informal = address === 'informal' ? INFORMAL_EXPLANATION_TEXTS[locale] : undefined;
  const texts = informal ?? EXPLANATION_TEXTS[locale] ?? EXPLANATION_TEXTS.de;
  return {
    locale: EXPLANATION_TEXTS[locale] ? locale : 'de',
    ...texts,
    parameters: texts.parameters.map((parameter) => ({ ...parameter })),
    controls: [...texts.controls],
  };
}
