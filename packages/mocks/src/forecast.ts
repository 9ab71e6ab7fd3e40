/**
 * Predictive insights (issue 21) for Storybook and browser tests: a falafel restaurant in Berlin (`DE-BE`) whose
 * forecast starts on Monday 21 December 2026, so Christmas (25/26 December) and New Year's Day fall into the
 * 28 days and the 7 days shown. Orders follow a weekly pattern (Friday and Saturday busiest), grow a little, dip
 * on holidays; the 80/95 % intervals widen with the horizon. Six regulars are at risk, with the reasons the server
 * gives. A group id starting with `rest-new` is a restaurant without history: an outlook from similar ones and
 * no regulars yet. Deterministic: the same request always gets the same answer.
 */
import type {
  ChurnReasonCode,
  ChurnResponse,
  ChurnRisk,
  ForecastPoint,
  ForecastResponse,
  ForecastSeries,
  Locale,
  PrepareAlert,
} from '@matbakh/contract';

const DAY = 86_400_000;
export const FORECAST_START = '2026-12-21';
/** Monday … Sunday, relative to an average day. */
const WEEKLY = [0.78, 0.82, 0.9, 1.0, 1.3, 1.42, 1.08];
const BASE_ORDERS = 34;
const AVERAGE_ORDER = 24.5;

const HOLIDAYS: Record<string, Record<Locale, string>> = {
  '2026-12-25': { de: '1. Weihnachtstag', en: 'Christmas Day', ar: 'عيد الميلاد' },
  '2026-12-26': { de: '2. Weihnachtstag', en: 'Second Day of Christmas', ar: 'ثاني أيام عيد الميلاد' },
  '2027-01-01': { de: 'Neujahr', en: "New Year's Day", ar: 'رأس السنة الميلادية' },
};

const iso = (time: number) => new Date(time).toISOString().slice(0, 10);
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`);
const weekday = (date: string) => (new Date(dayOf(date)).getUTCDay() + 6) % 7;
/** A fixed wobble in −1…1 per day, so the history looks observed rather than drawn. */
const wobble = (time: number) => Math.sin(time / DAY / 1.7) * 0.6 + Math.sin(time / DAY / 0.37) * 0.4;
const round1 = (value: number) => Math.round(value * 10) / 10;

function expectedOrders(date: string): number {
  const time = dayOf(date);
  const trend = 1 + ((time - dayOf(FORECAST_START)) / DAY) * 0.002;
  const holiday = HOLIDAYS[date] ? 0.55 : date === '2026-12-31' ? 1.35 : 1;
  return BASE_ORDERS * WEEKLY[weekday(date)]! * trend * holiday;
}

function series(metric: 'orders' | 'revenue', horizon: 7 | 28, locale: Locale, scale = 1): ForecastSeries {
  const start = dayOf(FORECAST_START);
  const history = Array.from({ length: 28 }, (_, i) => {
    const time = start - (28 - i) * DAY;
    const value = expectedOrders(iso(time)) * (1 + 0.12 * wobble(time)) * scale;
    return { date: iso(time), value: metric === 'orders' ? Math.round(value) : round1(value) };
  });
  const points = Array.from({ length: horizon }, (_, h): ForecastPoint => {
    const date = iso(start + h * DAY);
    const mean = expectedOrders(date) * scale;
    const spread = mean * 0.11 * Math.sqrt(1 + h / 7);
    const holiday = HOLIDAYS[date]?.[locale];
    return {
      date,
      mean: round1(mean),
      lo80: round1(Math.max(0, mean - 1.2816 * spread)),
      hi80: round1(mean + 1.2816 * spread),
      lo95: round1(Math.max(0, mean - 1.96 * spread)),
      hi95: round1(mean + 1.96 * spread),
      ...(holiday && { holiday }),
    };
  });
  return { metric, history, points };
}

const DISHES: [id: string, name: Record<Locale, string>, share: number][] = [
  ['falafel-plate', { de: 'Falafel-Teller', en: 'Falafel plate', ar: 'طبق فلافل' }, 0.34],
  ['shawarma-wrap', { de: 'Schawarma-Wrap', en: 'Shawarma wrap', ar: 'لفافة شاورما' }, 0.27],
  ['hummus', { de: 'Hummus', en: 'Hummus', ar: 'حمص' }, 0.18],
];

const WEEKDAY_TAG: Record<Locale, string> = { de: 'de-DE', en: 'en-GB', ar: 'ar' };

function alertFor(point: ForecastPoint, locale: Locale): PrepareAlert {
  const usual = BASE_ORDERS * WEEKLY[weekday(point.date)]!;
  const change = point.mean / usual - 1;
  const expected = Math.round(point.mean);
  const day = new Intl.DateTimeFormat(WEEKDAY_TAG[locale], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(dayOf(point.date));
  const percent = new Intl.NumberFormat(WEEKDAY_TAG[locale], { style: 'percent' }).format(Math.abs(change));
  const up = change > 0;
  const because = point.holiday ? ` (${point.holiday})` : '';
  const texts: Record<Locale, [string, string]> = {
    de: [
      `${day}: etwa ${expected} Bestellungen erwartet${because}`,
      up
        ? `${percent} mehr als üblich (${Math.round(usual)}). Bereiten Sie mehr Falafel-Mischung vor und planen Sie eine zusätzliche Schicht.`
        : `${percent} weniger als üblich (${Math.round(usual)}). Planen Sie weniger Personal und frische Ware ein.`,
    ],
    en: [
      `${day}: about ${expected} orders expected${because}`,
      up
        ? `${percent} above usual (${Math.round(usual)}). Stock more falafel mix and plan an extra shift.`
        : `${percent} below usual (${Math.round(usual)}). Plan fewer staff and less fresh produce.`,
    ],
    ar: [
      `${day}: يُتوقع نحو ${expected} طلبًا${because}`,
      up
        ? `أعلى من المعتاد بنسبة ${percent} (${Math.round(usual)}). جهّز مزيدًا من خليط الفلافل وخطط لمناوبة إضافية.`
        : `أقل من المعتاد بنسبة ${percent} (${Math.round(usual)}). خطط لعدد أقل من الموظفين والمواد الطازجة.`,
    ],
  };
  const [title, body] = texts[locale];
  return {
    id: `prepare:orders:${point.date}`,
    date: point.date,
    metric: 'orders',
    expected,
    usual,
    change,
    title,
    body,
  };
}

const TREND: Record<Locale, string> = {
  de: 'Die Bestellungen steigen: In den kommenden Tagen werden etwa 4 % mehr erwartet als in den letzten Tagen, trotz der Feiertage.',
  en: 'Orders are rising: about 4% more are expected in the coming days than in the days just past, despite the holidays.',
  ar: 'الطلبات في ازدياد: يُتوقع نحو 4٪ أكثر في الأيام القادمة مقارنة بالأيام الماضية، رغم العطلات.',
};

const OUTLOOK: Record<Locale, string> = {
  de: 'Noch zu wenige Bestellungen für eine eigene Prognose. Ähnliche Restaurants (Imbiss, klein, Berlin, levantinisch) hatten in den ersten 8 Wochen etwa 60 bis 140 Bestellungen pro Woche.',
  en: 'Too few orders yet for a forecast of your own. Similar restaurants (takeaway, small, Berlin, Levantine) had about 60 to 140 orders a week in their first 8 weeks.',
  ar: 'لا توجد طلبات كافية بعد لتوقع خاص بك. المطاعم المشابهة (وجبات سريعة، صغيرة، برلين، مشرقية) استقبلت نحو 60 إلى 140 طلبًا أسبوعيًا في أول 8 أسابيع.',
};

export function mockForecast(groupId: string, locale: Locale, horizon: 7 | 28): ForecastResponse {
  const base = {
    groupId,
    locale,
    generatedAt: '2026-12-21T03:00:00.000Z',
    horizon,
    currency: 'EUR',
    region: 'DE-BE',
    method: 'Holt-Winters, multiplicative weekly seasonality, holidays of DE-BE',
  };
  if (groupId.startsWith('rest-new')) {
    const empty = (metric: 'orders' | 'revenue'): ForecastSeries => ({ metric, history: [], points: [] });
    return {
      ...base,
      orders: empty('orders'),
      revenue: empty('revenue'),
      dishes: [],
      alerts: [],
      trend: { direction: 'flat', change: 0, description: '' },
      outlook: {
        weeks: Array.from({ length: 8 }, (_, i) => ({
          week: i + 1,
          mean: 70 + i * 8,
          lo80: 48 + i * 6,
          hi80: 95 + i * 10,
        })),
        similar: 23,
        matchedOn: ['type', 'size', 'region', 'cuisine'],
        description: OUTLOOK[locale],
      },
    };
  }
  const orders = series('orders', horizon, locale);
  const alerts = orders.points
    .filter((point) => Math.abs(point.mean / (BASE_ORDERS * WEEKLY[weekday(point.date)]!) - 1) >= 0.25)
    .slice(0, 3)
    .map((point) => alertFor(point, locale));
  return {
    ...base,
    orders,
    revenue: series('revenue', horizon, locale, AVERAGE_ORDER),
    dishes: DISHES.map(([dishId, name, share]) => ({
      ...series('orders', horizon, locale, share),
      metric: 'dish' as const,
      dishId,
      dishName: name[locale],
    })),
    alerts,
    trend: { direction: 'up', change: 0.04, description: TREND[locale] },
  };
}

type Reason = [ChurnReasonCode, Record<Locale, string>];
const overdue = (usual: number, since: number): Reason => [
  'overdue',
  {
    de: `Bestellt sonst alle ${usual} Tage; letzte Bestellung vor ${since} Tagen`,
    en: `Usually orders every ${usual} days; last order ${since} days ago`,
    ar: `يطلب عادةً كل ${usual} أيام؛ آخر طلب قبل ${since} يومًا`,
  },
];
const SLOWING: Reason = [
  'slowing_down',
  {
    de: 'Die Abstände zwischen den Bestellungen werden länger',
    en: 'The gaps between orders are getting longer',
    ar: 'الفترات بين الطلبات تزداد طولًا',
  },
];
const LOWER_SPEND: Reason = [
  'lower_spend',
  {
    de: 'Gibt pro Bestellung weniger aus als früher',
    en: 'Spends less per order than before',
    ar: 'ينفق أقل في كل طلب مما كان سابقًا',
  },
];

const REGULARS: [ref: string, p: number, orders: number, usual: number, since: number, avg: number, extra?: Reason][] =
  [
    ['G-7F3A', 0.86, 14, 9, 31, 27.4, SLOWING],
    ['G-21C9', 0.78, 9, 12, 34, 22.1],
    ['G-B604', 0.71, 22, 6, 17, 31.8, LOWER_SPEND],
    ['G-5E17', 0.64, 6, 14, 33, 19.5, SLOWING],
    ['G-0D88', 0.57, 11, 10, 21, 24.9],
    ['G-9A42', 0.52, 5, 18, 35, 28.3, LOWER_SPEND],
  ];

const ACTION: Record<Locale, [label: string, description: string]> = {
  de: [
    'Rückgewinnungs-Kampagne starten',
    'Schickt den gefährdeten Stammgästen einmal pro Woche ein Angebot. Jede Nachricht beachtet Einwilligung, Präferenzen und Ruhezeiten.',
  ],
  en: [
    'Start win-back campaign',
    'Sends the regulars at risk an offer, once a week. Every message respects consent, preferences and quiet hours.',
  ],
  ar: [
    'ابدأ حملة الاستعادة',
    'ترسل عرضًا للضيوف الدائمين المعرّضين للفقدان مرة واحدة أسبوعيًا. كل رسالة تحترم الموافقة والتفضيلات وساعات الهدوء.',
  ],
};

export function mockChurn(groupId: string, locale: Locale): ChurnResponse {
  const isNew = groupId.startsWith('rest-new');
  const atRisk: ChurnRisk[] = isNew
    ? []
    : REGULARS.map(([guestRef, probability, orders, usual, since, averageOrder, extra]) => ({
        guestRef,
        probability,
        orders,
        usualIntervalDays: usual,
        daysSinceLastOrder: since,
        averageOrder,
        reasons: [overdue(usual, since), ...(extra ? [extra] : [])].map(([code, text]) => ({
          code,
          text: text[locale],
        })),
      }));
  const [label, description] = ACTION[locale];
  return {
    groupId,
    locale,
    generatedAt: '2026-12-21T03:00:00.000Z',
    currency: 'EUR',
    method: 'BG/NBD from recency, frequency and tenure',
    regulars: isNew ? 0 : 64,
    atRisk,
    revenueAtRisk: round1(
      atRisk.reduce((sum, risk) => sum + risk.averageOrder * Math.max(1, Math.round(90 / risk.usualIntervalDays)), 0),
    ),
    action: { kind: 'campaign', label, description },
  };
}
