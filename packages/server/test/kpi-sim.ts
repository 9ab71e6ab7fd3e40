/**
 * A seeded data set for the KPI report test, and the KPIs computed from it in plain code — independently of the
 * worker's tables and SQL (kpis/): visitors making consent decisions, visiting over several weeks, seeing
 * dashboards, recommendations and actions, clicking, ordering, starting tours and joining an experiment.
 */
import { prng } from '../src/recommend/prng.ts';

const DAY = 86_400_000;
const WINDOW = 7 * DAY;
const CATEGORIES = ['necessary', 'preferences', 'personalization', 'analytics', 'marketing'] as const;
type Choices = Record<(typeof CATEGORIES)[number], boolean>;

export interface SimMessage {
  type: 'track' | 'page';
  event?: string;
  name?: string;
  messageId: string;
  anonymousId: string;
  timestamp: string;
  properties: Record<string, unknown>;
}

/** One visit: an optional consent decision, then a batch of messages, all at `at`. */
export interface Visit {
  at: number;
  anonymousId: string;
  consent?: Choices;
  messages: SimMessage[];
}

const PRODUCTS = Array.from({ length: 10 }, (_, i) => ({ product_id: `dish-${i}`, price: 5 + i * 1.3 }));

/** Visits sorted by time, from `start` (a UTC midnight) over `days` days. */
export function simulate(seed: number, start: number, days: number, visitors: number, prefix = 'v'): Visit[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const visits: Visit[] = [];
  let n = 0;
  for (let v = 0; v < visitors; v++) {
    const anonymousId = `${prefix}-${v}`;
    const first = Math.floor(random() * (days - 7));
    const dayList = [first];
    for (let d = first + 1; d < days; d++) if (chance(0.08)) dayList.push(d);
    // The retention window's edges: back on the 28th day after the first (retained), and on the 29th (not).
    if (v < 2) dayList.splice(0, dayList.length, v, v + 28 + v);
    const clicked: string[] = [];
    let analytics = false;
    dayList.forEach((day, index) => {
      const at = start + day * DAY + Math.floor(random() * 20 * 3_600_000);
      const visit: Visit = { at, anonymousId, messages: [] };
      if (index === 0 || chance(0.1)) {
        visit.consent = {
          necessary: true,
          preferences: chance(0.5),
          personalization: chance(0.6),
          // Withdrawing analytics erases the visitor's stored events (withdrawal.ts): the KPIs counted from them
          // before stay, so the expected numbers would depend on when the worker ran. A granted analytics stays.
          analytics: analytics || chance(0.85),
          marketing: chance(0.35),
        };
        analytics = visit.consent.analytics;
      }
      let minute = 0;
      const add = (event: string, properties: Record<string, unknown> = {}) => {
        visit.messages.push({
          type: 'track',
          event,
          messageId: `${prefix}-m${++n}`,
          anonymousId,
          timestamp: new Date(at + ++minute * 60_000).toISOString(),
          properties,
        });
      };
      visit.messages.push({
        type: 'page',
        name: 'Home',
        messageId: `${prefix}-m${++n}`,
        anonymousId,
        timestamp: new Date(at).toISOString(),
        properties: {},
      });
      if (chance(0.6)) add('Dashboard Viewed', { dashboard_id: 'guest' });
      if (chance(0.15)) add('Widgets Reordered', { dashboard_id: 'guest' });
      if (chance(0.1)) add('Preferences Updated', { keys: ['diet'] });
      if (chance(0.5)) add('Experiment Viewed', { experiment_id: 'cta', variant_id: v % 2 ? 'treatment' : 'control' });
      if (chance(0.05)) add('Experiment Viewed', { experiment_id: 'cta', variant_id: 'treatment', forced: true });
      const requestId = `req-${n}`;
      const shown = [pick(PRODUCTS), pick(PRODUCTS), pick(PRODUCTS)];
      if (chance(0.8)) {
        add('Product List Viewed', {
          list_id: 'home',
          request_id: requestId,
          slot: 'home',
          products: shown.map((p, i) => ({ ...p, position: i + 1 })),
        });
        if (chance(v % 2 ? 0.45 : 0.3)) {
          const product = pick(shown);
          add('Product Clicked', { ...product, request_id: requestId, slot: 'home' });
          clicked.push(product.product_id);
        }
      }
      if (chance(0.4)) {
        add('Action Shown', { action_id: pick(['reorder', 'upsell']), placement: 'home' });
        if (chance(0.4)) add('Action Accepted', { action_id: pick(['reorder', 'upsell']), placement: 'home' });
      }
      if (chance(0.2)) {
        add('Tour Started', { tour_id: 'welcome' });
        if (chance(0.5)) add('Tour Completed', { tour_id: 'welcome' });
      }
      if (chance(0.3)) {
        const lines = [pick(PRODUCTS)];
        if (clicked.length > 0 && chance(0.6)) {
          const again = pick(clicked);
          lines.push(PRODUCTS.find((p) => p.product_id === again)!);
        }
        const products = lines.map((p) => ({
          ...p,
          quantity: 1 + Math.floor(random() * 2),
          // The SDK's own stamp for a product clicked earlier on the same page.
          ...(chance(0.05) ? { request_id: 'req-stamped' } : {}),
        }));
        const revenue = Math.round(products.reduce((sum, p) => sum + p.price * p.quantity, 0) * 100) / 100;
        add('Order Completed', { order_id: `o-${n}`, products, revenue, currency: 'EUR' });
      }
      visits.push(visit);
    });
  }
  return visits.sort((a, b) => a.at - b.at);
}

// ---------------------------------------------------------------------------------------------------------------
// The KPIs by their definitions (docs/admin-api.md), in plain code over the visits.

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const mondayOf = (day: string) => {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return dayOf(ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY);
};

type Counts = Record<string, number>;
export interface Expected {
  /** Additive counters per day. */
  days: Map<string, Counts>;
  /** Distinct visitors per day and per week (Monday), per mark. */
  distinctDay: Map<string, Map<string, Set<string>>>;
  distinctWeek: Map<string, Map<string, Set<string>>>;
  /** Experiment exposures and conversions by the day of first exposure: day → variant → counts. */
  experiments: Map<string, Map<string, { exposed: number; converted: number }>>;
}

export function expectedKpis(visits: readonly Visit[]): Expected {
  const out: Expected = { days: new Map(), distinctDay: new Map(), distinctWeek: new Map(), experiments: new Map() };
  const add = (day: string, metric: string, by = 1) => {
    const counts = out.days.get(day) ?? {};
    counts[metric] = (counts[metric] ?? 0) + by;
    out.days.set(day, counts);
  };
  const distinct = (map: Map<string, Map<string, Set<string>>>, key: string, mark: string, who: string) => {
    const marks = map.get(key) ?? new Map<string, Set<string>>();
    const set = marks.get(mark) ?? new Set<string>();
    set.add(who);
    marks.set(mark, set);
    map.set(key, marks);
  };
  const mark = (name: string, who: string, day: string) => {
    distinct(out.distinctDay, day, name, who);
    distinct(out.distinctWeek, mondayOf(day), name, who);
  };
  const consent = new Map<string, Choices>();
  const visitor = new Map<string, { first: string; personalized: boolean; returned: boolean }>();
  const clicks = new Map<string, number>();
  const accepts = new Map<string, Map<string, number>>();
  const exposures = new Map<string, { variant: string; day: string; at: number; converted: boolean }>();

  for (const visit of visits) {
    const who = visit.anonymousId;
    if (visit.consent) {
      consent.set(who, visit.consent);
      const day = dayOf(visit.at);
      add(day, 'decisions');
      for (const category of CATEGORIES) if (visit.consent[category]) add(day, `optin.${category}`);
    }
    // The server stores a browser's events only under a recorded analytics grant.
    if (!consent.get(who)?.analytics) continue;
    for (const m of visit.messages) {
      const at = Date.parse(m.timestamp);
      const day = dayOf(at);
      const known = visitor.get(who);
      if (!known) {
        const personalized = consent.get(who)!.personalization;
        visitor.set(who, { first: day, personalized, returned: false });
        add(day, personalized ? 'cohort.p' : 'cohort.o');
      } else if (!known.returned) {
        const gap = Math.round((Date.parse(day) - Date.parse(known.first)) / DAY);
        if (gap >= 1 && gap <= 28) {
          known.returned = true;
          add(known.first, known.personalized ? 'retained.p' : 'retained.o');
        }
      }
      mark('active', who, day);
      const p = m.properties;
      switch (m.event) {
        case 'Dashboard Viewed':
          add(day, 'dashboardViews');
          mark('dashboard', who, day);
          break;
        case 'Widgets Reordered':
          add(day, 'reorders');
          mark('reorder', who, day);
          break;
        case 'Preferences Updated':
          add(day, 'preferenceUpdates');
          mark('preferences', who, day);
          break;
        case 'Tour Started':
          add(day, 'toursStarted');
          break;
        case 'Tour Completed':
          add(day, 'toursCompleted');
          break;
        case 'Product List Viewed':
          add(day, 'lists');
          add(day, 'impressions', (p.products as unknown[]).length);
          break;
        case 'Product Clicked': {
          add(day, 'clicks');
          const key = `${who}/${p.product_id}`;
          clicks.set(key, Math.max(clicks.get(key) ?? 0, at));
          for (const [experiment, exposure] of exposures) {
            if (experiment.startsWith(`${who}/`) && !exposure.converted && exposure.at <= at) {
              exposure.converted = true;
              const variants = out.experiments.get(exposure.day)!;
              variants.get(exposure.variant)!.converted++;
            }
          }
          break;
        }
        case 'Order Completed': {
          add(day, 'orders');
          add(day, 'revenue', p.revenue as number);
          const lines = p.products as { product_id: string; price: number; quantity: number; request_id?: string }[];
          const attributed = lines.filter((line) => {
            const clickedAt = clicks.get(`${who}/${line.product_id}`);
            return line.request_id !== undefined || (clickedAt !== undefined && clickedAt >= at - WINDOW);
          });
          if (attributed.length > 0) {
            add(day, 'attributedOrders');
            add(
              day,
              'attributedRevenue',
              attributed.reduce((sum, line) => sum + line.price * line.quantity, 0),
            );
          }
          const mine = accepts.get(who) ?? new Map<string, number>();
          for (const [action, acceptedAt] of mine) {
            if (acceptedAt >= at - WINDOW && acceptedAt <= at) {
              add(day, 'actionsConverted');
              mine.delete(action);
            }
          }
          break;
        }
        case 'Action Shown':
          add(day, 'actionsShown');
          break;
        case 'Action Accepted': {
          add(day, 'actionsAccepted');
          const mine = accepts.get(who) ?? new Map<string, number>();
          mine.set(p.action_id as string, at);
          accepts.set(who, mine);
          break;
        }
        case 'Experiment Viewed': {
          if (p.forced === true) break;
          const key = `${who}/${p.experiment_id}`;
          if (exposures.has(key)) break;
          exposures.set(key, { variant: p.variant_id as string, day, at, converted: false });
          const variants = out.experiments.get(day) ?? new Map<string, { exposed: number; converted: number }>();
          const counts = variants.get(p.variant_id as string) ?? { exposed: 0, converted: 0 };
          counts.exposed++;
          variants.set(p.variant_id as string, counts);
          out.experiments.set(day, variants);
          break;
        }
      }
    }
  }
  return out;
}
