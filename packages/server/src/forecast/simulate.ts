/**
 * Restaurants with known structure, reproducible from a seed: the forecast's tests and bench (tests/bench/forecast.mjs)
 * measure against them. Four kinds, as issue 21 asks: `stable` (weekly pattern, noise), `trending` (±20–60 % a
 * year), `seasonal` (a yearly wave, strong holiday effects), `small` (2–5 orders a day, overdispersed, closed days
 * now and then). Counts are Poisson with gamma-mixed rates (negative binomial), so noise grows with the level as
 * real demand does; the generator draws each restaurant's parameters, so no two are alike.
 */

import { zoneClock } from '../local-day.ts';
import { prng } from '../recommend/prng.ts';
import type { Order } from '../restaurant-orders.ts';
import { GERMAN_STATES, holidayCalendar } from './holidays-de.ts';

export type PopulationKind = 'stable' | 'trending' | 'seasonal' | 'small';
export const POPULATION_KINDS: readonly PopulationKind[] = ['stable', 'trending', 'seasonal', 'small'];

const DAY = 86_400_000;

export interface SimulatedRestaurant {
  kind: PopulationKind;
  region: string;
  /** The zone of the restaurant's days (German regions: Europe/Berlin); orders are at local opening hours. */
  timeZone: string;
  /** First local day (the UTC midnight of its date, ms) and one entry per day. */
  start: number;
  /** The rate the counts were drawn from (the "truth" a perfect model would forecast). */
  rate: number[];
  orders: Order[];
}

function poisson(random: () => number, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 40) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(random)));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, 1) for shape ≥ 1 (Marsaglia–Tsang), for the negative binomial mixing. */
function gamma(random: () => number, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(random);
    const v = (1 + c * x) ** 3;
    if (v > 0 && Math.log(1 - random()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

const between = (random: () => number, lo: number, hi: number) => lo + (hi - lo) * random();

interface Shape {
  base: number;
  weekly: number[];
  growthPerYear: number;
  yearlyAmplitude: number;
  yearlyPeakDay: number;
  holidayFactor: number;
  /** Negative binomial shape: smaller is noisier. */
  dispersion: number;
  closedChance: number;
}

function shapeOf(kind: PopulationKind, random: () => number): Shape {
  const weekly = [0.75, 0.85, 0.9, 1, 1.3, 1.5, 1.1].map((w) => w * between(random, 0.85, 1.15));
  if (random() < 0.3) weekly[0] = 0; // closed on Mondays
  const shape: Shape = {
    base: between(random, 15, 60),
    weekly,
    growthPerYear: 0,
    yearlyAmplitude: between(random, 0, 0.08),
    yearlyPeakDay: between(random, 0, 365),
    holidayFactor: between(random, 0.6, 1.2),
    dispersion: between(random, 15, 40),
    closedChance: 0,
  };
  if (kind === 'trending') shape.growthPerYear = (random() < 0.7 ? 1 : -1) * between(random, 0.2, 0.6);
  if (kind === 'seasonal') {
    shape.yearlyAmplitude = between(random, 0.25, 0.45);
    shape.holidayFactor = random() < 0.5 ? between(random, 0, 0.3) : between(random, 1.4, 1.9);
  }
  if (kind === 'small') {
    shape.base = between(random, 2, 5);
    shape.dispersion = between(random, 4, 10);
    shape.closedChance = 0.02;
  }
  return shape;
}

/** Dishes of a simulated menu: ids `d1`…`d12`, popularity falling off like real menus do. */
const MENU = Array.from({ length: 12 }, (_, i) => ({ id: `d${i + 1}`, weight: 1 / (i + 1), price: 6 + (i % 5) * 3 }));

function pickDish(random: () => number): (typeof MENU)[number] {
  const total = MENU.reduce((sum, d) => sum + d.weight, 0);
  let r = random() * total;
  for (const dish of MENU) {
    r -= dish.weight;
    if (r <= 0) return dish;
  }
  return MENU[0] as (typeof MENU)[number];
}

/** One restaurant of a kind: `days` of orders ending the local day before `end` (the UTC midnight of its date). */
export function simulateRestaurant(kind: PopulationKind, seed: number, end: number, days: number): SimulatedRestaurant {
  const random = prng(seed);
  const shape = shapeOf(kind, random);
  const region = `DE-${GERMAN_STATES[Math.floor(random() * GERMAN_STATES.length)]}`;
  const start = end - days * DAY;
  const clock = zoneClock('Europe/Berlin');
  const calendar = holidayCalendar(region, new Date(start).getUTCFullYear(), new Date(end).getUTCFullYear() + 1);
  const rate: number[] = [];
  const orders: Order[] = [];
  for (let i = 0; i < days; i++) {
    const at = start + i * DAY;
    const date = new Date(at);
    const dayOfYear = (at - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY;
    const years = (i - days) / 365;
    let lambda =
      shape.base *
      (shape.weekly[(date.getUTCDay() + 6) % 7] as number) *
      Math.max(0.2, 1 + shape.growthPerYear * years) *
      (1 + shape.yearlyAmplitude * Math.cos((2 * Math.PI * (dayOfYear - shape.yearlyPeakDay)) / 365));
    if (calendar.has(date.toISOString().slice(0, 10))) lambda *= shape.holidayFactor;
    if (random() < shape.closedChance) lambda = 0;
    rate.push(lambda);
    const count = poisson(random, lambda * (gamma(random, shape.dispersion) / shape.dispersion));
    for (let k = 0; k < count; k++) {
      const items = [pickDish(random)];
      if (random() < 0.5) items.push(pickDish(random));
      const revenue = items.reduce((sum, d) => sum + d.price, 0) * between(random, 0.9, 1.3);
      orders.push({
        // Between 11:00 and 23:00 on the local clock (anchored at 11:00, after any DST switch of the night).
        at: clock.at(at, 11 * 60) + Math.floor((between(random, 11, 22) - 11) * 3_600_000),
        revenue: Math.round(revenue * 100) / 100,
        currency: 'EUR',
        items: items.map((d) => d.id),
      });
    }
  }
  return { kind, region, timeZone: clock.timeZone, start, rate, orders };
}
