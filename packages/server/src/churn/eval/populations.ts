/**
 * Synthetic guest populations with known behaviour for the churn bench and tests: each guest has a hidden order
 * rhythm and a hidden way of leaving, so the truth of "did they order again within their interval" comes from the
 * simulation itself, never from the model. Each population stresses something else; none is the one the model is
 * built around.
 *
 * - `steady`: buy-till-you-die (BG/NBD's own story): a personal rate, gamma-spread gaps, a fixed chance of leaving
 *   after each order.
 * - `drifting`: a third of the leavers slow down and spend less over their last orders before they go.
 * - `mixed`: very different rhythms (daily lunch guests to monthly families), irregular gaps, holidays that pause a
 *   guest for weeks without them leaving.
 * - `small`: a small restaurant, 150 guests, noisy.
 */
import type { GuestHistory, GuestOrder } from '../features.ts';
import { DAY } from '../features.ts';
import { type Draw, draws } from './sampling.ts';

export interface PopulationOptions {
  guests: number;
  seed: number;
  /** Days simulated; the evaluation's "now" is `days − futureDays`. */
  days?: number;
  futureDays?: number;
}

export interface Population {
  name: string;
  /** Every guest's full history, past and future of `now`. */
  histories: GuestHistory[];
  now: number;
  start: number;
}

interface Behaviour {
  /** Median of the guests' mean intervals (days) and its spread (log sd). */
  intervalMedian: number;
  intervalSpread: number;
  /** Median gamma shape of the gaps (1 is memoryless, higher is more regular); each guest's varies around it. */
  gapShape: number;
  /** Beta(a, b) of the chance to leave after an order. */
  leave: [number, number];
  /** Share of leavers who drift first (slower, cheaper) over 2–4 orders. */
  drift: number;
  /** Chance per order of a 2–5 week pause (holiday) that is not leaving. */
  pause: number;
}

const BEHAVIOURS: Record<string, Behaviour> = {
  steady: { intervalMedian: 12, intervalSpread: 0.6, gapShape: 2, leave: [1, 12], drift: 0, pause: 0 },
  drifting: { intervalMedian: 10, intervalSpread: 0.5, gapShape: 3, leave: [1, 10], drift: 0.35, pause: 0 },
  mixed: { intervalMedian: 9, intervalSpread: 1, gapShape: 1.3, leave: [1, 14], drift: 0.15, pause: 0.03 },
  small: { intervalMedian: 14, intervalSpread: 0.8, gapShape: 1.5, leave: [1, 9], drift: 0.2, pause: 0.02 },
};

export const POPULATION_NAMES = Object.keys(BEHAVIOURS);
const START = Date.parse('2025-01-01T00:00:00.000Z');

function simulateGuest(d: Draw, b: Behaviour, index: number, start: number, end: number): GuestHistory {
  const meanInterval = Math.min(90, Math.max(1.2, d.lognormal(b.intervalMedian, b.intervalSpread)));
  const leaveChance = d.beta(b.leave[0], b.leave[1]);
  const spend = d.lognormal(28, 0.4);
  // Some guests keep a rhythm (the same weekday every week), some order whenever.
  const gapShape = b.gapShape * d.lognormal(1, 0.5);
  const orders: GuestOrder[] = [];
  let at = start + d.uniform() * (end - start) * 0.85;
  let drifting = -1;
  const leavesAfterDrift = 2 + Math.floor(d.uniform() * 3);
  while (at < end) {
    const slow = drifting >= 0 ? 1.5 ** (drifting + 1) : 1;
    const cheaper = drifting >= 0 ? 0.8 ** (drifting + 1) : 1;
    orders.push({ at, revenue: Math.round(spend * cheaper * d.lognormal(1, 0.2) * 100) / 100 });
    if (drifting >= 0 && ++drifting >= leavesAfterDrift) break;
    if (drifting < 0 && d.chance(leaveChance)) {
      if (!d.chance(b.drift)) break;
      drifting = 0;
    }
    const pause = d.chance(b.pause) ? (14 + d.uniform() * 21) * DAY : 0;
    at += d.gamma(gapShape, (meanInterval * slow) / gapShape) * DAY + pause;
  }
  return { guest: `u:guest-${index}`, restaurant: 'r1', orders };
}

export function population(name: string, options: PopulationOptions): Population {
  const behaviour = BEHAVIOURS[name];
  if (!behaviour) throw new Error(`unknown population ${name}`);
  const days = options.days ?? 540;
  const future = options.futureDays ?? 120;
  const d = draws(options.seed * 7919 + name.length);
  const end = START + days * DAY;
  const guests = name === 'small' ? Math.min(options.guests, 150) : options.guests;
  const histories = Array.from({ length: guests }, (_, i) => simulateGuest(d, behaviour, i, START, end));
  return { name, histories, now: end - future * DAY, start: START };
}

/** The histories as they were known at `now` (the model must never see the future). */
export const knownAt = (histories: readonly GuestHistory[], now: number): GuestHistory[] =>
  histories.map((h) => ({ ...h, orders: h.orders.filter((o) => o.at < now) }));
