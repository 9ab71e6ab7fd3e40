/**
 * `GET /v1/insights` for Storybook and browser tests: a fixed week (report up 12 %, one warning alert, the
 * Ramadan suggestion) in the requested locale. Like the server: `groupId` required (400), an identified owner
 * (`userId` + `userHash`) with the backend's `groupHash` required (403 naming the missing field), `locale`
 * de/en/ar (400 otherwise). The mock cannot check the HMACs, only that they are there: any groupHash passes.
 */
import { type Insight, type InsightsResponse, LOCALES, type Locale } from '@matbakh/contract';
import { HttpResponse } from 'msw';
import { CORS_HEADERS, errorResponse } from './http.ts';

type Texts = [title: string, body: string, reason: string, cta: string];
const TEXTS: Record<Locale, { report: Texts; alert: Texts; ramadan: Texts }> = {
  de: {
    report: [
      'Ihre Woche: 1.234,50 € Umsatz aus 87 Bestellungen',
      'Der Umsatz liegt 12 % über den 7 Tagen davor (1.102,20 €, 80 Bestellungen).',
      'Wöchentlicher Bericht aus Ihren Bestellungen der letzten 7 Tage.',
      'Bestellungen ansehen',
    ],
    alert: [
      'Deutlich weniger Bestellungen am Dienstag, 3. März',
      '12 Bestellungen statt durchschnittlich 18 an den letzten vier Dienstagen (33 % weniger).',
      'Die Bestellungen eines Tages lagen mehr als 30 % unter dem Schnitt desselben Wochentags der 4 Wochen davor.',
      'Speisekarte und Öffnungszeiten prüfen',
    ],
    ramadan: [
      'Ramadan 2026: Iftar-Menü anbieten',
      'Vom 18. Februar bis 19. März bestellen viele Gäste zum Fastenbrechen nach Sonnenuntergang.',
      'Kalender: Ramadan 2026 (Umm-al-Qura-Kalender).',
      'Iftar-Menü anlegen',
    ],
  },
  en: {
    report: [
      'Your week: €1,234.50 revenue from 87 orders',
      'Revenue is 12% above the 7 days before (€1,102.20, 80 orders).',
      'Weekly report from your orders of the last 7 days.',
      'View orders',
    ],
    alert: [
      'Far fewer orders on Tuesday 3 March',
      '12 orders instead of 18 on average on the last four Tuesdays (33% fewer).',
      "A day's orders were more than 30% below the average of the same weekday in the 4 weeks before.",
      'Check menu and opening hours',
    ],
    ramadan: [
      'Ramadan 2026: offer an Iftar menu',
      'From 18 February to 19 March many guests order to break the fast after sunset.',
      'Calendar: Ramadan 2026 (Umm al-Qura calendar).',
      'Create an Iftar menu',
    ],
  },
  ar: {
    report: [
      'أسبوعك: إيرادات 1234٫50 € من 87 طلبات',
      'الإيرادات أعلى بنسبة 12٪ من الأيام السبعة السابقة.',
      'تقرير أسبوعي من طلباتك في آخر 7 أيام.',
      'عرض الطلبات',
    ],
    alert: [
      'طلبات أقل بكثير يوم الثلاثاء 3 مارس',
      '12 طلبًا بدلًا من 18 في المتوسط (أقل بنسبة 33٪).',
      'كانت طلبات اليوم أقل بأكثر من 30٪ من متوسط اليوم نفسه.',
      'تحقق من القائمة وساعات العمل',
    ],
    ramadan: [
      'رمضان 2026: قدّم قائمة إفطار',
      'من 18 فبراير إلى 19 مارس يطلب كثير من الضيوف للإفطار بعد غروب الشمس.',
      'التقويم: رمضان 2026 (تقويم أم القرى).',
      'إنشاء قائمة إفطار',
    ],
  },
};

const card = (
  id: string,
  kind: Insight['kind'],
  severity: Insight['severity'],
  [title, body, reason, label]: Texts,
  url: string,
): Insight => ({
  id,
  kind,
  severity,
  title,
  body,
  reason,
  cta: { label, url },
});

export function mockInsights(groupId: string, locale: Locale): InsightsResponse {
  const t = TEXTS[locale];
  return {
    groupId,
    locale,
    generatedAt: '2026-03-04T15:00:00.000Z',
    report: {
      currency: 'EUR',
      thisWeek: { orders: 87, revenue: 1234.5, from: '2026-02-25T15:00:00.001Z', to: '2026-03-04T15:00:00.000Z' },
      lastWeek: { orders: 80, revenue: 1102.2, from: '2026-02-18T15:00:00.001Z', to: '2026-02-25T15:00:00.001Z' },
      revenueTrend: 1234.5 / 1102.2 - 1,
      ordersTrend: 87 / 80 - 1,
    },
    insights: [
      card('alert:orders:2026-03-03', 'alert', 'warning', t.alert, 'https://matbakh.app/owner/menu'),
      card('report:2026-03-04', 'report', 'success', t.report, 'https://matbakh.app/owner/orders'),
      card('seasonal:ramadan:2026', 'seasonal', 'info', t.ramadan, 'https://matbakh.app/owner/menu/new?template=iftar'),
    ],
  };
}

/** 400/403 like the server when the owner's proofs are missing from `params` (query, or the win-back body). */
export function ownerProofError(params: { get(name: string): string | null | undefined }): Response | undefined {
  if (!params.get('groupId')) return errorResponse(400, 'groupId is required', { field: 'groupId' });
  const locale = params.get('locale');
  if (locale && !LOCALES.includes(locale as Locale))
    return errorResponse(400, `locale must be one of ${LOCALES.join(', ')}`, { field: 'locale' });
  if (!params.get('userId')) {
    return errorResponse(403, 'insights are for an identified owner: send userId and userHash', {
      field: 'userId',
      code: 'forbidden',
    });
  }
  if (!params.get('userHash')) {
    return errorResponse(403, 'a userId needs its userHash', { field: 'userHash', code: 'forbidden' });
  }
  if (!params.get('groupHash')) {
    return errorResponse(
      403,
      'insights need groupHash: hex HMAC-SHA256(tenant secret, userId + ":" + groupId), computed by your backend',
      { field: 'groupHash', code: 'forbidden' },
    );
  }
  return undefined;
}

/** The handler body (wrap it in the mock's `route(keyed(…))`). */
export function getInsights(request: Request): Response {
  const query = new URL(request.url).searchParams;
  const refused = ownerProofError(query);
  if (refused) return refused;
  const locale = (query.get('locale') ?? 'de') as Locale;
  return HttpResponse.json(mockInsights(query.get('groupId')!, locale), { headers: CORS_HEADERS });
}
