/**
 * One daily series → a forecast with 80 % and 95 % prediction intervals.
 *
 * - **Model selection** by rolling origin: every candidate of {@link CANDIDATES} (Holt-Winters, additive or
 *   multiplicative weekly seasonality, none or damped trend, with or without the yearly profile) forecasts 1–7
 *   days ahead from each of the last {@link SELECT_DAYS} days, and the one with the smallest absolute error wins. So
 *   nothing is tuned to one data set: each restaurant's own recent past chooses.
 * - **Holidays** do not update the state; their effect is a factor (actual / forecast over past holidays, shrunk
 *   towards 1 by one pseudo-holiday), applied on holiday dates.
 * - **Yearly seasonality** (with at least a year and eight weeks of history): last year's 28-day mean around the
 *   target date over the one around the forecast origin, a ratio the candidate may use.
 * - **Intervals** from the model's own h-step errors over the last {@link INTERVAL_DAYS} origins (per horizon step,
 *   pooled ±2 steps, scaled by √forecast since demand counts vary with their level), so a band is as wide as the
 *   model's recent misses were — not a textbook normal band that assumes the model is right.
 */
import { forecastFrom, type HwParams, type HwState, PERIOD, type StateTrail, smooth } from './holt-winters.ts';

export interface SeriesInput {
  /** Observed daily values, oldest first; index 0 is the first day. */
  values: readonly number[];
  /** Per day index from 0 to `values.length + horizon − 1`: true on a public holiday. */
  holiday: readonly boolean[];
  horizon: number;
}

export interface ModelPoint {
  mean: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}

export interface SeriesForecast {
  points: ModelPoint[];
  params: HwParams & { yearly: boolean };
  holidayFactor: number;
}

/** Fewer days than this: no forecast of its own (the outlook from similar restaurants stands in). */
export const MIN_HISTORY_DAYS = 28;
const SELECT_DAYS = 56;
const SELECT_HORIZON = 7;
const INTERVAL_DAYS = 182;
/** A yearly ratio needs last year's 28-day window around the origin. */
const YEARLY_MIN_DAYS = 364 + 14 + SELECT_DAYS;
const YEARLY_HALF = 14;

function candidates(): HwParams[] {
  const list: HwParams[] = [];
  for (const seasonal of ['add', 'mult'] as const)
    for (const alpha of [0.05, 0.15, 0.3, 0.5])
      for (const gamma of [0.05, 0.15, 0.3])
        for (const [beta, phi] of [
          [0, 1],
          [0.02, 0.9],
          [0.02, 0.98],
          [0.1, 0.9],
        ] as const)
          list.push({ alpha, beta, gamma, phi, seasonal });
  return list;
}
export const CANDIDATES: readonly HwParams[] = candidates();

/**
 * The smaller grid for a restaurant's secondary series (revenue, dishes): the trend the orders series chose (the
 * same restaurant grows or shrinks in all of them), smoothing and seasonal kind their own. A fourth of the cost.
 */
export function secondaryCandidates(orders: HwParams): HwParams[] {
  const list: HwParams[] = [];
  for (const seasonal of ['add', 'mult'] as const)
    for (const alpha of [0.05, 0.15, 0.3])
      for (const gamma of [0.05, 0.15]) list.push({ alpha, beta: orders.beta, gamma, phi: orders.phi, seasonal });
  return list;
}

/** Mean of non-holiday values in [from, to), by prefix sums (the yearly profile). */
class WindowMeans {
  private readonly sum: Float64Array;
  private readonly count: Float64Array;
  constructor(values: readonly number[], holiday: readonly boolean[]) {
    this.sum = new Float64Array(values.length + 1);
    this.count = new Float64Array(values.length + 1);
    for (let t = 0; t < values.length; t++) {
      const use = holiday[t] ? 0 : 1;
      this.sum[t + 1] = (this.sum[t] as number) + use * (values[t] as number);
      this.count[t + 1] = (this.count[t] as number) + use;
    }
  }
  around(center: number): number | undefined {
    const from = Math.max(0, center - YEARLY_HALF);
    const to = Math.min(this.sum.length - 1, center + YEARLY_HALF);
    if (center - YEARLY_HALF < 0 || to <= from) return undefined;
    const count = (this.count[to] as number) - (this.count[from] as number);
    return count < 7 ? undefined : ((this.sum[to] as number) - (this.sum[from] as number)) / count;
  }
}

/** Last year's level around the target over last year's level around the origin (1 when unknown). */
function yearlyRatio(windows: WindowMeans, origin: number, target: number): number {
  const then = windows.around(origin - 364);
  const ahead = windows.around(target - 364);
  if (then === undefined || ahead === undefined || then <= 0) return 1;
  return Math.min(3, Math.max(1 / 3, ahead / then));
}

interface Fit {
  params: HwParams;
  trail: StateTrail;
  final: HwState;
}

/** Mean absolute 1–7-step error of one candidate over the selection window (holiday targets left out). */
function selectionError(fit: Fit, input: SeriesInput, windows: WindowMeans | undefined): number {
  const { values, holiday } = input;
  const n = values.length;
  let total = 0;
  let count = 0;
  for (let origin = Math.max(fit.trail.firstKept, n - 1 - SELECT_DAYS); origin < n - 1; origin++) {
    const state = fit.trail.at(origin);
    for (let h = 1; h <= SELECT_HORIZON && origin + h < n; h++) {
      const target = origin + h;
      if (holiday[target]) continue;
      const yearly = windows ? yearlyRatio(windows, origin, target) : 1;
      total += Math.abs((values[target] as number) - forecastFrom(state, fit.params, origin, h) * yearly);
      count++;
    }
  }
  return count === 0 ? Number.POSITIVE_INFINITY : total / count;
}

/** Actual over forecast on past holidays (one-step-free: the state simply skipped them), shrunk towards 1. */
function holidayFactor(values: readonly number[], holiday: readonly boolean[], fit: Fit): number {
  const { params, trail } = fit;
  const n = values.length;
  let actual = 0;
  let expected = 0;
  let seen = 0;
  for (let t = Math.max(PERIOD * 2, trail.firstKept + 1); t < n; t++) {
    if (!holiday[t]) continue;
    const f = forecastFrom(trail.at(t - 1), params, t - 1, 1);
    if (f <= 0) continue;
    actual += values[t] as number;
    expected += f;
    seen++;
  }
  if (seen === 0 || expected <= 0) return 1;
  const ratio = actual / expected;
  return (seen * ratio + 1) / (seen + 1);
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

const scale = (forecast: number) => Math.sqrt(Math.max(forecast, 1));

/** Scaled errors per horizon step 1…H from the interval window (index h − 1). */
function scaledErrors(fit: Fit, input: SeriesInput, windows: WindowMeans | undefined, factor: number): number[][] {
  const { values, holiday, horizon } = input;
  const n = values.length;
  const byStep: number[][] = Array.from({ length: horizon }, () => []);
  for (let origin = Math.max(fit.trail.firstKept, n - 1 - INTERVAL_DAYS); origin < n - 1; origin++) {
    const state = fit.trail.at(origin);
    for (let h = 1; h <= horizon && origin + h < n; h++) {
      const target = origin + h;
      const yearly = windows ? yearlyRatio(windows, origin, target) : 1;
      const f = forecastFrom(state, fit.params, origin, h) * yearly * (holiday[target] ? factor : 1);
      (byStep[h - 1] as number[]).push(((values[target] as number) - f) / scale(f));
    }
  }
  return byStep;
}

type Bounds = [lo95: number, lo80: number, hi80: number, hi95: number];
const LEVELS = [0.025, 0.1, 0.9, 0.975] as const;

/** The errors of steps [from, to) in one typed array, sorted (natively: a comparator callback cost more than the model). */
function pooledSorted(byStep: number[][], from: number, to: number): Float64Array {
  let size = 0;
  for (let h = from; h < to; h++) size += (byStep[h] as number[]).length;
  const pooled = new Float64Array(size);
  let offset = 0;
  for (let h = from; h < to; h++) {
    pooled.set(byStep[h] as number[], offset);
    offset += (byStep[h] as number[]).length;
  }
  return pooled.sort();
}

/** Too little history for errors of its own: a Poisson-like band, wider than √mean to admit the unknown. */
const FALLBACK_BAND: Bounds = [-3, -1.9, 1.9, 3];
const MIN_ERRORS = 20;

/** Quantiles of the scaled errors per step, pooled ±2 steps, widening (never narrowing) with the horizon. */
function errorBands(byStep: number[][]): Bounds[] {
  const bands: Bounds[] = [];
  let previous: Bounds | undefined;
  for (let h = 0; h < byStep.length; h++) {
    const sample = pooledSorted(byStep, Math.max(0, h - 2), Math.min(byStep.length, h + 3));
    let band = sample.length >= MIN_ERRORS ? (LEVELS.map((q) => quantile(sample, q)) as Bounds) : FALLBACK_BAND;
    if (previous)
      band = [
        Math.min(band[0], previous[0]),
        Math.min(band[1], previous[1]),
        Math.max(band[2], previous[2]),
        Math.max(band[3], previous[3]),
      ];
    bands.push(band);
    previous = band;
  }
  return bands;
}

/** The forecast of one daily series for `horizon` days after its last observed day. */
export function forecastSeries(
  input: SeriesInput,
  candidates: readonly HwParams[] = CANDIDATES,
): SeriesForecast | undefined {
  const { values, holiday, horizon } = input;
  const n = values.length;
  if (n < MIN_HISTORY_DAYS) return undefined;
  const windows = n >= YEARLY_MIN_DAYS ? new WindowMeans(values, holiday) : undefined;

  let best: { params: HwParams; yearly: boolean; error: number } | undefined;
  for (const params of candidates) {
    const fit = { params, ...smooth(values, holiday, params, SELECT_DAYS + 1) };
    for (const yearly of windows ? [false, true] : [false]) {
      const error = selectionError(fit, input, yearly ? windows : undefined);
      if (!best || error < best.error - 1e-12) best = { params, yearly, error };
    }
  }
  if (!best) return undefined;
  const { yearly } = best;
  // The winner once more, keeping every state: past holidays and the interval window.
  const fit: Fit = { params: best.params, ...smooth(values, holiday, best.params, n) };
  const yearlyWindows = yearly ? windows : undefined;
  const factor = holidayFactor(values, holiday, fit);
  const bands = errorBands(scaledErrors(fit, input, yearlyWindows, factor));

  const origin = n - 1;
  const points: ModelPoint[] = [];
  for (let h = 1; h <= horizon; h++) {
    const target = origin + h;
    const ratio = yearlyWindows ? yearlyRatio(yearlyWindows, origin, target) : 1;
    const mean = forecastFrom(fit.final, fit.params, origin, h) * ratio * (holiday[target] ? factor : 1);
    const [lo95, lo80, hi80, hi95] = (bands[h - 1] as Bounds).map((z) => Math.max(0, mean + z * scale(mean)));
    points.push({
      mean,
      lo80: Math.min(lo80 as number, mean),
      hi80: Math.max(hi80 as number, mean),
      lo95: Math.min(lo95 as number, lo80 as number, mean),
      hi95: Math.max(hi95 as number, hi80 as number, mean),
    });
  }
  return { points, params: { ...fit.params, yearly }, holidayFactor: factor };
}
