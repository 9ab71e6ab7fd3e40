/**
 * Holt-Winters exponential smoothing (ETS with damped additive trend and weekly seasonality, additive or
 * multiplicative) for daily series, in the error-correction form of Hyndman & Athanasopoulos, "Forecasting:
 * Principles and Practice", ch. 8.3.
 *
 * Days marked `skip` (public holidays) do not update the state: a closed Easter Monday must not teach the model that
 * Mondays are weak. The state is kept for the last `keep` origins so that h-step forecasts from each of them can be
 * compared with what happened (model selection and honest intervals, model.ts).
 */

export type SeasonalKind = 'add' | 'mult';

export interface HwParams {
  alpha: number;
  /** 0: no trend. */
  beta: number;
  gamma: number;
  /** Damping of the trend (1: none). */
  phi: number;
  seasonal: SeasonalKind;
}

/** The state after observing day `t`: what a forecast made at the end of that day knows. */
export interface HwState {
  level: number;
  trend: number;
  /** Seasonal index by day index mod 7. */
  season: Float64Array;
}

export const PERIOD = 7;
const TINY = 1e-9;

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/**
 * Level, trend and weekly indices from the first (up to four) weeks, per weekday so that a skipped holiday does
 * not bias a week's mean: level = mean of the weekday means, trend = weekday-matched change from the first to the
 * last of those weeks.
 */
export function initialState(y: ArrayLike<number>, skip: ArrayLike<boolean>, kind: SeasonalKind): HwState {
  const weeks = Math.max(1, Math.min(4, Math.floor(y.length / PERIOD)));
  const weekdayMeans: number[] = [];
  const changes: number[] = [];
  for (let d = 0; d < PERIOD; d++) {
    const seen: number[] = [];
    for (let w = 0; w < weeks; w++) {
      const t = w * PERIOD + d;
      if (t < y.length && !skip[t]) seen.push(y[t] as number);
    }
    if (seen.length > 0) weekdayMeans[d] = mean(seen);
    const first = d;
    const last = (weeks - 1) * PERIOD + d;
    if (weeks > 1 && last < y.length && !skip[first] && !skip[last])
      changes.push(((y[last] as number) - (y[first] as number)) / ((weeks - 1) * PERIOD));
  }
  const known = weekdayMeans.filter((m) => m !== undefined);
  const level = mean(known);
  const season = new Float64Array(PERIOD);
  for (let d = 0; d < PERIOD; d++) {
    const m = weekdayMeans[d];
    season[d] = m === undefined ? (kind === 'add' ? 0 : 1) : kind === 'add' ? m - level : level > TINY ? m / level : 1;
  }
  return { level, trend: mean(changes), season };
}

/** Sum of φ + φ² + … + φ^h: how much of the trend an h-step forecast carries. */
export function dampedSteps(phi: number, h: number): number {
  if (phi >= 1) return h;
  return (phi * (1 - phi ** h)) / (1 - phi);
}

/** The h-step forecast (h ≥ 1) from the state after day `t`, for day index `t + h`; never below 0. */
export function forecastFrom(state: HwState, params: HwParams, t: number, h: number): number {
  const base = Math.max(0, state.level + dampedSteps(params.phi, h) * state.trend);
  const s = state.season[(t + h) % PERIOD] as number;
  return Math.max(0, params.seasonal === 'add' ? base + s : base * s);
}

/** States after each of the last days, flat (level, trend, 7 seasonal indices per day): no allocation per day. */
export class StateTrail {
  static readonly WIDTH = 2 + PERIOD;
  constructor(
    readonly firstKept: number,
    readonly data: Float64Array,
  ) {}
  /** The state after day `t` (t ≥ firstKept), as a view on the trail. */
  at(t: number): HwState {
    const offset = (t - this.firstKept) * StateTrail.WIDTH;
    return {
      level: this.data[offset] as number,
      trend: this.data[offset + 1] as number,
      season: this.data.subarray(offset + 2, offset + StateTrail.WIDTH),
    };
  }
}

/**
 * Runs the smoother over `y` and returns the states after each of the last `keep` days (index `n − keep` … `n − 1`;
 * fewer when the series is shorter) and the final state.
 */
export function smooth(
  y: ArrayLike<number>,
  skip: ArrayLike<boolean>,
  params: HwParams,
  keep: number,
): { trail: StateTrail; final: HwState } {
  const { alpha, beta, gamma, phi, seasonal } = params;
  const init = initialState(y, skip, seasonal);
  let level = init.level;
  let trend = init.trend;
  const season = init.season;
  const n = y.length;
  const firstKept = Math.max(0, n - keep);
  const data = new Float64Array((n - firstKept) * StateTrail.WIDTH);
  for (let t = 0; t < n; t++) {
    const slot = t % PERIOD;
    const s = season[slot] as number;
    const prior = level + phi * trend;
    if (!skip[t]) {
      const value = y[t] as number;
      let nextLevel: number;
      if (seasonal === 'add') nextLevel = alpha * (value - s) + (1 - alpha) * prior;
      else if (s > 1e-6) nextLevel = alpha * (value / s) + (1 - alpha) * prior;
      else nextLevel = prior; // a closed weekday says nothing about the level
      nextLevel = Math.max(nextLevel, 0);
      trend = beta > 0 ? beta * (nextLevel - level) + (1 - beta) * phi * trend : 0;
      level = nextLevel;
      if (seasonal === 'add') season[slot] = gamma * (value - level) + (1 - gamma) * s;
      else if (level > TINY) season[slot] = gamma * (value / level) + (1 - gamma) * s;
    } else {
      level = Math.max(prior, 0);
      trend = beta > 0 ? phi * trend : 0;
    }
    if (t >= firstKept) {
      const offset = (t - firstKept) * StateTrail.WIDTH;
      data[offset] = level;
      data[offset + 1] = trend;
      data.set(season, offset + 2);
    }
  }
  return { trail: new StateTrail(firstKept, data), final: { level, trend, season: Float64Array.from(season) } };
}
