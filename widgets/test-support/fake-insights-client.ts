/**
 * An in-memory {@link InsightsClient} for tests and stories: answers `insights.get` with
 * {@link sampleInsights} (or the response you give), fails, goes offline or hangs on demand.
 *
 * ```ts
 * const client = createFakeInsightsClient({ fail: 'offline' });
 * html`<mb-insights group-id="rest-1" .client=${client}></mb-insights>`;
 * client.calls; // [{ groupId: 'rest-1', locale: 'de' }]
 * ```
 */
import type {
  ChurnResponse,
  ForecastResponse,
  Insight,
  InsightSeverity,
  InsightsResponse,
  Locale,
  WinBackResponse,
} from '@matbakh/contract';
import { mockChurn, mockForecast } from '@matbakh/mocks';
import type { InsightsClient, OwnerRequest } from '../src/insights/insights-client.ts';

/** How one predictive call behaves: answer (given or the msw fixtures'), fail like a server or the network, hang. */
export type FakeBehaviour<T> = T | ((locale: Locale) => T) | 'error' | 'offline' | 'hang' | 'absent';

export interface FakeInsightsClientOptions {
  /** The answer; default {@link sampleInsights} in the requested locale. */
  response?: InsightsResponse | ((locale: Locale) => InsightsResponse);
  /** Reject like a server error (`status` 500) or a network failure (`status` 0). */
  fail?: 'error' | 'offline';
  /** Never settle: a loading state that stays. */
  hang?: boolean;
  /** Milliseconds before settling (default 0). */
  latency?: number;
  /**
   * Offer the predictive calls (issue 21) with the fixtures of packages/mocks (`FORECAST_START` 2026-12-21, six
   * regulars at risk). Default false: a client with `insights.get` alone, as before; giving any of the three
   * below offers them too.
   */
  predictive?: boolean;
  /** `insights.forecast` (default with `predictive`: the msw fixture for the horizon); `absent`: no method. */
  forecast?: FakeBehaviour<ForecastResponse>;
  /** `insights.churn` (default: six regulars at risk). */
  churn?: FakeBehaviour<ChurnResponse>;
  /** `insights.winBack` (default: queued as many as churn lists at risk; a second call says it already runs). */
  winBack?: FakeBehaviour<WinBackResponse>;
}

export interface FakeInsightsClient extends InsightsClient {
  readonly calls: { groupId?: string; groupHash?: string | undefined; locale?: Locale }[];
  /** The predictive calls, in order: `['forecast', { groupId, locale, horizon }]`, `['churn', …]`, `['winBack', …]`. */
  readonly predictiveCalls: [method: 'forecast' | 'churn' | 'winBack', request: OwnerRequest & { horizon?: number }][];
  /** Settles the win-back call that is waiting (with `winBack: 'hang'`): as the default answer. */
  releaseWinBack(): void;
  /** Change the behaviour for the next calls. */
  options: FakeInsightsClientOptions;
}

const TEXTS: Record<Locale, Record<InsightSeverity | 'report', [string, string, string, string]>> = {
  en: {
    report: [
      'Your week: €1,234.50 revenue from 87 orders',
      'Revenue is 12% above the 7 days before (€1,102.20, 80 orders).',
      'Weekly report from your orders of the last 7 days (25 February – 4 March).',
      'View orders',
    ],
    critical: [
      'Far fewer orders on Tuesday 3 March',
      '5 orders instead of 20 on average on the last four Tuesdays (75% fewer).',
      "A day's orders were more than 30% below the average of the same weekday in the 4 weeks before.",
      'Check menu and opening hours',
    ],
    warning: [
      'Fewer orders on Monday 2 March',
      '12 orders instead of 18 on average on the last four Mondays (33% fewer).',
      "A day's orders were more than 30% below the average of the same weekday in the 4 weeks before.",
      'Check menu and opening hours',
    ],
    success: [
      'Your new Iftar menu sells',
      '42 Iftar menus ordered this week.',
      'Orders of the menu you added on 18 February.',
      '',
    ],
    info: [
      'Ramadan 2026: offer an Iftar menu',
      'From 18 February to 19 March many guests order to break the fast after sunset.',
      'Calendar: Ramadan 2026 (18 February – 19 March, Umm al-Qura calendar; may shift by a day).',
      'Create an Iftar menu',
    ],
  },
  de: {
    report: [
      'Ihre Woche: 1.234,50 € Umsatz aus 87 Bestellungen',
      'Der Umsatz liegt 12 % über den 7 Tagen davor (1.102,20 €, 80 Bestellungen).',
      'Wöchentlicher Bericht aus Ihren Bestellungen der letzten 7 Tage (25. Februar – 4. März).',
      'Bestellungen ansehen',
    ],
    critical: [
      'Deutlich weniger Bestellungen am Dienstag, 3. März',
      '5 Bestellungen statt durchschnittlich 20 an den letzten vier Dienstagen (75 % weniger).',
      'Die Bestellungen eines Tages lagen mehr als 30 % unter dem Schnitt desselben Wochentags der 4 Wochen davor.',
      'Speisekarte und Öffnungszeiten prüfen',
    ],
    warning: [
      'Weniger Bestellungen am Montag, 2. März',
      '12 Bestellungen statt durchschnittlich 18 an den letzten vier Montagen (33 % weniger).',
      'Die Bestellungen eines Tages lagen mehr als 30 % unter dem Schnitt desselben Wochentags der 4 Wochen davor.',
      'Speisekarte und Öffnungszeiten prüfen',
    ],
    success: [
      'Ihr neues Iftar-Menü läuft',
      '42 Iftar-Menüs diese Woche bestellt.',
      'Bestellungen des Menüs vom 18. Februar.',
      '',
    ],
    info: [
      'Ramadan 2026: Iftar-Menü anbieten',
      'Vom 18. Februar bis 19. März bestellen viele Gäste zum Fastenbrechen nach Sonnenuntergang.',
      'Kalender: Ramadan 2026 (18. Februar – 19. März, Umm-al-Qura-Kalender).',
      'Iftar-Menü anlegen',
    ],
  },
  ar: {
    report: [
      'أسبوعك: إيرادات 1234٫50 € من 87 طلبات',
      'الإيرادات أعلى بنسبة 12٪ من الأيام السبعة السابقة.',
      'تقرير أسبوعي من طلباتك في آخر 7 أيام.',
      'عرض الطلبات',
    ],
    critical: [
      'طلبات أقل بكثير يوم الثلاثاء 3 مارس',
      '5 طلبات بدلًا من 20 في المتوسط.',
      'كانت طلبات اليوم أقل بأكثر من 30٪.',
      'تحقق من القائمة',
    ],
    warning: [
      'طلبات أقل يوم الاثنين 2 مارس',
      '12 طلبًا بدلًا من 18 في المتوسط.',
      'كانت طلبات اليوم أقل بأكثر من 30٪.',
      'تحقق من القائمة',
    ],
    success: [
      'قائمة الإفطار الجديدة تُباع',
      'تم طلب 42 قائمة إفطار هذا الأسبوع.',
      'طلبات القائمة المضافة في 18 فبراير.',
      '',
    ],
    info: [
      'رمضان 2026: قدّم قائمة إفطار',
      'من 18 فبراير إلى 19 مارس يطلب كثير من الضيوف للإفطار.',
      'التقويم: رمضان 2026 (تقويم أم القرى).',
      'إنشاء قائمة إفطار',
    ],
  },
};

/** One insight of each severity plus the report (severity success), most urgent first, like the server sorts. */
export function sampleInsights(
  locale: Locale = 'en',
  severities: readonly InsightSeverity[] = ['critical', 'warning', 'success', 'info'],
): InsightsResponse {
  const card = (key: InsightSeverity | 'report', insight: Omit<Insight, 'title' | 'body' | 'reason'>): Insight => {
    const [title, body, reason, cta] = TEXTS[locale][key];
    return {
      ...insight,
      title,
      body,
      reason,
      ...(cta ? { cta: { label: cta, url: insight.cta?.url } } : { cta: undefined }),
    };
  };
  const bySeverity: Record<InsightSeverity, Insight> = {
    critical: card('critical', {
      id: 'alert:orders:2026-03-03',
      kind: 'alert',
      severity: 'critical',
      cta: { label: '', url: 'https://matbakh.app/owner/menu' },
    }),
    warning: card('warning', { id: 'alert:orders:2026-03-02', kind: 'alert', severity: 'warning', cta: { label: '' } }),
    success: card('success', { id: 'menu:iftar:2026', kind: 'seasonal', severity: 'success' }),
    info: card('info', {
      id: 'seasonal:ramadan:2026',
      kind: 'seasonal',
      severity: 'info',
      cta: { label: '', url: 'https://matbakh.app/owner/menu/new?template=iftar' },
    }),
  };
  const report = card('report', {
    id: 'report:2026-03-04',
    kind: 'report',
    severity: 'success',
    cta: { label: '', url: 'https://matbakh.app/owner/orders' },
  });
  const ordered = severities.map((s) => bySeverity[s]);
  const insights = [
    ...ordered.filter((i) => i.severity === 'critical' || i.severity === 'warning'),
    report,
    ...ordered.filter((i) => i.severity === 'success' || i.severity === 'info'),
  ];
  for (const insight of insights) if (insight.cta === undefined) delete insight.cta;
  return {
    groupId: 'rest-falafel-haus',
    locale,
    generatedAt: '2026-03-04T15:00:00.000Z',
    report: {
      currency: 'EUR',
      thisWeek: { orders: 87, revenue: 1234.5, from: '2026-02-25T15:00:00.001Z', to: '2026-03-04T15:00:00.000Z' },
      lastWeek: { orders: 80, revenue: 1102.2, from: '2026-02-18T15:00:00.001Z', to: '2026-02-25T15:00:00.001Z' },
      revenueTrend: 1234.5 / 1102.2 - 1,
      ordersTrend: 87 / 80 - 1,
    },
    insights,
  };
}

/** No insights at all (a new restaurant): only the empty state. */
export function emptyInsights(locale: Locale = 'en'): InsightsResponse {
  return { ...sampleInsights(locale), insights: [] };
}

function settle<T>(behaviour: FakeBehaviour<T>, locale: Locale, latency: number, held?: (go: () => void) => void) {
  if (behaviour === 'hang' && !held) return new Promise<T>(() => {});
  return new Promise<T>((resolve, reject) => {
    const go = () => {
      if (behaviour === 'error' || behaviour === 'offline') {
        const status = behaviour === 'offline' ? 0 : 500;
        reject(Object.assign(new Error(`insights failed (fake ${behaviour})`), { status }));
      } else if (typeof behaviour === 'function') resolve(structuredClone((behaviour as (l: Locale) => T)(locale)));
      else resolve(structuredClone(behaviour as T));
    };
    if (held) held(go);
    else setTimeout(go, latency);
  });
}

export function createFakeInsightsClient(options: FakeInsightsClientOptions = {}): FakeInsightsClient {
  const calls: FakeInsightsClient['calls'] = [];
  const predictiveCalls: FakeInsightsClient['predictiveCalls'] = [];
  let winBacks = 0;
  let waiting: (() => void) | undefined;
  const groupOf = (request: OwnerRequest) => request.groupId ?? 'rest-falafel-haus';
  const defaultWinBack = (request: OwnerRequest) => (): WinBackResponse => {
    const first = ++winBacks === 1;
    const queued = first ? mockChurn(groupOf(request), 'en').atRisk.length : 0;
    return { campaignId: `winback:${groupOf(request)}:2026-W52`, queued, alreadyRunning: !first };
  };
  const fake: FakeInsightsClient = {
    calls,
    predictiveCalls,
    options,
    releaseWinBack() {
      waiting?.();
      waiting = undefined;
    },
    insights: {
      get(request) {
        calls.push({ ...request });
        const { fail, hang, latency = 0, response } = fake.options;
        if (hang) return new Promise<InsightsResponse>(() => {});
        const locale = request.locale ?? 'de';
        return new Promise<InsightsResponse>((resolve, reject) =>
          setTimeout(() => {
            if (fail) {
              const status = fail === 'offline' ? 0 : 500;
              reject(Object.assign(new Error(`insights failed (fake ${fail})`), { status }));
              return;
            }
            resolve(
              structuredClone(typeof response === 'function' ? response(locale) : (response ?? sampleInsights(locale))),
            );
          }, latency),
        );
      },
      forecast(request) {
        predictiveCalls.push(['forecast', { ...request }]);
        const behaviour =
          fake.options.forecast ?? ((l: Locale) => mockForecast(groupOf(request), l, request.horizon ?? 7));
        return settle(behaviour, request.locale ?? 'de', fake.options.latency ?? 0);
      },
      churn(request) {
        predictiveCalls.push(['churn', { ...request }]);
        const behaviour = fake.options.churn ?? ((l: Locale) => mockChurn(groupOf(request), l));
        return settle(behaviour, request.locale ?? 'de', fake.options.latency ?? 0);
      },
      winBack(request) {
        predictiveCalls.push(['winBack', { ...request }]);
        const given = fake.options.winBack;
        if (given === 'hang') {
          return settle(defaultWinBack(request), 'de', 0, (go) => {
            waiting = go;
          });
        }
        return settle(given ?? defaultWinBack(request), request.locale ?? 'de', fake.options.latency ?? 0);
      },
    },
  };
  // `absent`: a partner's client without the predictive calls (the element shows the cards alone).
  const offered = options.predictive || options.forecast || options.churn || options.winBack;
  for (const method of ['forecast', 'churn', 'winBack'] as const) {
    if (!offered || options[method] === 'absent') delete fake.insights[method];
  }
  return fake;
}
