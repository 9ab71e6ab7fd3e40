/**
 * A seeded data set for the KPI report test, and the KPIs computed from it in plain code — independently of the
 * worker's tables and SQL (kpis/): visitors making consent decisions, visiting over several weeks, seeing
 * dashboards, recommendations and actions, clicking, ordering, starting tours and joining an experiment.
 */
import { type Choices, type SimMessage, simulateVisits, type Visit } from '../src/demo/engagement.ts';

export type { SimMessage, Visit };

const DAY = 86_400_000;
const WINDOW = 7 * DAY;
const CATEGORIES = ['necessary', 'preferences', 'personalization', 'analytics', 'marketing'] as const;

const PRODUCTS = Array.from({ length: 10 }, (_, i) => ({ product_id: `dish-${i}`, price: 5 + i * 1.3 }));

/** Visits sorted by time, from `start` (a UTC midnight) over `days` days. */
export function simulate(seed: number, start: number, days: number, visitors: number, prefix = 'v'): Visit[] {
  return simulateVisits({
    seed,
    start,
    days,
    visitors,
    prefix,
    products: PRODUCTS,
    experiment: { id: 'cta', variants: ['control', 'treatment'] },
    actions: ['reorder', 'upsell'],
    tourId: 'welcome',
    retentionEdges: true,
  });
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
