/**
 * Simulated visitors of a partner page over some weeks: consent decisions, then what the SDK sends on each visit —
 * dashboard views and reorders, preference changes, experiment exposures, recommendation lists and clicks,
 * next-best-actions, tours and orders. The demo seeds it so the console's KPI report has something to show
 * (seedDemoEngagement); the KPI test sends it through the API and checks the report against its own sums.
 */
import type { ConsentCategoryId, JsonObject } from '@matbakh/contract';
import { prng } from '../recommend/prng.ts';

const DAY = 86_400_000;
const CATEGORIES = ['necessary', 'preferences', 'personalization', 'analytics', 'marketing'] as const;
export type Choices = Record<(typeof CATEGORIES)[number] & ConsentCategoryId, boolean>;

export interface SimMessage {
  type: 'track' | 'page';
  event?: string;
  name?: string;
  messageId: string;
  anonymousId: string;
  timestamp: string;
  properties: JsonObject;
}

/** One visit: an optional consent decision, then a batch of messages, all at `at`. */
export interface Visit {
  at: number;
  anonymousId: string;
  consent?: Choices;
  messages: SimMessage[];
}

export interface SimProduct {
  product_id: string;
  price: number;
}

export interface SimulationOptions {
  seed: number;
  /** A UTC midnight: the first day. */
  start: number;
  days: number;
  visitors: number;
  /** Of anonymousIds and messageIds. */
  prefix?: string;
  products: readonly SimProduct[];
  experiment: { id: string; variants: readonly [string, string] };
  actions: readonly string[];
  tourId: string;
  /**
   * Visitors 0 and 1 come back exactly on the 28th and 29th day after their first: the retention window's edges
   * (needs `days` ≥ 31).
   */
  retentionEdges?: boolean;
}

/** Visits sorted by time. Reproducible: the same options give the same visits. */
export function simulateVisits(options: SimulationOptions): Visit[] {
  const { days, prefix = 'v' } = options;
  const random = prng(options.seed);
  const chance = (p: number) => random() < p;
  const counter = { n: 0 };
  const visits: Visit[] = [];
  for (let v = 0; v < options.visitors; v++) {
    const first = Math.floor(random() * (days - 7));
    const dayList = [first];
    for (let d = first + 1; d < days; d++) if (chance(0.08)) dayList.push(d);
    if (options.retentionEdges && v < 2) dayList.splice(0, dayList.length, v, v + 28 + v);
    const visitor = { v, anonymousId: `${prefix}-${v}`, clicked: [] as string[], analytics: false };
    dayList.forEach((day, index) => {
      const at = options.start + day * DAY + Math.floor(random() * 20 * 3_600_000);
      visits.push(simulateVisit(options, { random, counter, visitor, at, first: index === 0 }));
    });
  }
  return visits.sort((a, b) => a.at - b.at);
}

interface VisitState {
  random: () => number;
  counter: { n: number };
  visitor: { v: number; anonymousId: string; clicked: string[]; analytics: boolean };
  at: number;
  first: boolean;
}

// Long because: one simulated visit's steps in order (arrive, browse, decide consent, order) over the shared random
// state and counters.
function simulateVisit(options: SimulationOptions, state: VisitState): Visit {
  const { random, counter, visitor, at } = state;
  const { prefix = 'v', products } = options;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const visit: Visit = { at, anonymousId: visitor.anonymousId, messages: [] };
  if (state.first || chance(0.1)) {
    visit.consent = {
      necessary: true,
      preferences: chance(0.5),
      personalization: chance(0.6),
      // Withdrawing analytics erases the visitor's stored events (withdrawal.ts): the KPIs counted from them before
      // stay, so a report would depend on when the worker ran. A granted analytics stays.
      analytics: visitor.analytics || chance(0.85),
      marketing: chance(0.35),
    };
    visitor.analytics = visit.consent.analytics;
  }
  let minute = 0;
  const message = (fields: Pick<SimMessage, 'type' | 'event' | 'name' | 'properties'>, offset: number) =>
    visit.messages.push({
      ...fields,
      messageId: `${prefix}-m${++counter.n}`,
      anonymousId: visitor.anonymousId,
      timestamp: new Date(at + offset).toISOString(),
    });
  const add = (event: string, properties: JsonObject = {}) =>
    message({ type: 'track', event, properties }, ++minute * 60_000);
  message({ type: 'page', name: 'Home', properties: {} }, 0);
  if (chance(0.6)) add('Dashboard Viewed', { dashboard_id: 'guest' });
  if (chance(0.15)) add('Widgets Reordered', { dashboard_id: 'guest' });
  if (chance(0.1)) add('Preferences Updated', { keys: ['diet'] });
  const [control, treatment] = options.experiment.variants;
  if (chance(0.5)) {
    add('Experiment Viewed', {
      experiment_id: options.experiment.id,
      variant_id: visitor.v % 2 ? treatment : control,
    });
  }
  if (chance(0.05))
    add('Experiment Viewed', { experiment_id: options.experiment.id, variant_id: treatment, forced: true });
  const requestId = `req-${counter.n}`;
  const shown = [pick(products), pick(products), pick(products)];
  if (chance(0.8)) {
    add('Product List Viewed', {
      list_id: 'home',
      request_id: requestId,
      slot: 'home',
      products: shown.map((p, i) => ({ ...p, position: i + 1 })),
    });
    if (chance(visitor.v % 2 ? 0.45 : 0.3)) {
      const product = pick(shown);
      add('Product Clicked', { ...product, request_id: requestId, slot: 'home' });
      visitor.clicked.push(product.product_id);
    }
  }
  if (chance(0.4)) {
    add('Action Shown', { action_id: pick(options.actions), placement: 'home' });
    if (chance(0.4)) add('Action Accepted', { action_id: pick(options.actions), placement: 'home' });
  }
  if (chance(0.2)) {
    add('Tour Started', { tour_id: options.tourId });
    if (chance(0.5)) add('Tour Completed', { tour_id: options.tourId });
  }
  if (chance(0.3)) {
    const lines = [pick(products)];
    if (visitor.clicked.length > 0 && chance(0.6)) {
      const again = pick(visitor.clicked);
      lines.push(products.find((p) => p.product_id === again)!);
    }
    const ordered = lines.map((p) => ({
      ...p,
      quantity: 1 + Math.floor(random() * 2),
      // The SDK's own stamp for a product clicked earlier on the same page.
      ...(chance(0.05) ? { request_id: 'req-stamped' } : {}),
    }));
    const revenue = Math.round(ordered.reduce((sum, p) => sum + p.price * p.quantity, 0) * 100) / 100;
    add('Order Completed', { order_id: `o-${counter.n}`, products: ordered, revenue, currency: 'EUR' });
  }
  return visit;
}
