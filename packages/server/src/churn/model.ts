/**
 * The churn model: a calibrated logistic regression, fitted per tenant on its own past.
 *
 * Why logistic and not BG/NBD: the question the owner asks is a yes/no over a horizon that differs per guest
 * ("not again within their usual interval"), and the reasons the owner needs are per feature. A logistic model
 * answers exactly that question, takes the trend features BG/NBD has no place for (slowing down, lower spend),
 * and its per-feature contributions are the reasons. Its probabilities are only as good as their calibration,
 * so the newest cut-offs are held back and a Platt scaling fitted on them corrects the drift between the older
 * training cut-offs and now.
 *
 * Training rows: every regular at each past cut-off `T − k·14 d` whose outcome is already known (the cut-off plus
 * the guest's horizon lies before `T`); label 1 when they did not order within the horizon.
 */
import type { ChurnReasonCode } from '@matbakh/contract';
import { type BgNbd, fitBgNbd } from './bgnbd.ts';
import { DAY, type GuestHistory, type GuestStats, guestFeatures, orderedWithin, ordersBefore } from './features.ts';
import {
  design,
  fitLogistic,
  fitPlatt,
  IDENTITY_PLATT,
  type LogisticModel,
  logOdds,
  type Platt,
  sigmoid,
} from './logistic.ts';

export const CUTOFF_STEP_DAYS = 14;
export const CUTOFFS = 12;
/** Share of the training rows (the newest cut-offs) held back for the calibration. */
export const CALIBRATION_SHARE = 0.3;
/** Fewer rows of either outcome than this and the tenant gets no model: a guess is not a score. */
export const MIN_CLASS_ROWS = 10;
/** At-risk threshold of the owner's list (contract: probability ≥ 0.5). */
export const AT_RISK = 0.5;

export interface ChurnModel {
  logistic: LogisticModel;
  platt: Platt;
  trainingRows: number;
  calibrationRows: number;
  /** The base rate of the training rows (share that did not order again within their interval). */
  baseRate: number;
}

export interface GuestScore {
  guest: string;
  restaurant: string;
  probability: number;
  stats: GuestStats;
  reasons: ChurnReasonCode[];
}

interface Row {
  cutoff: number;
  x: number[];
  y: number;
}

/** The tenant's BG/NBD fit on every guest (also the ones who left) as known at `t`. */
export function bgNbdAt(histories: readonly GuestHistory[], t: number, start?: BgNbd): BgNbd | undefined {
  const guests = [];
  for (const history of histories) {
    const orders = ordersBefore(history, t);
    if (orders.length === 0) continue;
    const first = orders[0]!.at;
    guests.push({ x: orders.length - 1, tx: (orders.at(-1)!.at - first) / DAY, T: (t - first) / DAY });
  }
  return fitBgNbd(guests, start);
}

/** The rows at past cut-offs whose outcome is known by `now`. */
export function trainingRows(histories: readonly GuestHistory[], now: number): Row[] {
  const rows: Row[] = [];
  let bg: BgNbd | undefined;
  for (let k = 1; k <= CUTOFFS; k++) {
    const cutoff = now - k * CUTOFF_STEP_DAYS * DAY;
    // Fitted on what was known at the cut-off (a row never sees the future its label comes from), starting from
    // the newer cut-off's fit.
    bg = bgNbdAt(histories, cutoff, bg);
    for (const history of histories) {
      const features = guestFeatures(history, cutoff, bg);
      if (!features || cutoff + features.horizonDays * DAY > now) continue;
      rows.push({ cutoff, x: features.x, y: orderedWithin(history, cutoff, features.horizonDays) ? 0 : 1 });
    }
  }
  return rows;
}

const enough = (rows: readonly Row[]) => {
  const positives = rows.filter((r) => r.y === 1).length;
  return positives >= MIN_CLASS_ROWS && rows.length - positives >= MIN_CLASS_ROWS;
};

/** The L2 strengths tried: a small tenant needs a strong pull to zero, a big one hardly any. */
export const LAMBDAS = [0.3, 3, 30, 300];

const logLoss = (model: LogisticModel, rows: readonly Row[]) =>
  rows.reduce((sum, r) => {
    const p = Math.min(1 - 1e-9, Math.max(1e-9, sigmoid(logOdds(model, r.x))));
    return sum - (r.y === 1 ? Math.log(p) : Math.log(1 - p));
  }, 0);

/** The fit whose regularisation predicts the newer, held-back cut-offs best (the middle one without them). */
function chooseFit(train: readonly Row[], calibrate: readonly Row[]): LogisticModel {
  const fit = (lambda: number) =>
    fitLogistic(
      train.map((r) => r.x),
      train.map((r) => r.y),
      lambda,
    );
  if (!enough(calibrate)) return fit(LAMBDAS[2]!);
  let best: { model: LogisticModel; loss: number } | undefined;
  for (const lambda of LAMBDAS) {
    const model = fit(lambda);
    const loss = logLoss(model, calibrate);
    if (!best || loss < best.loss) best = { model, loss };
  }
  return best!.model;
}

/** Fits the tenant's model on its guests' histories as of `now`; undefined when the history is too thin. */
export function fitChurnModel(histories: readonly GuestHistory[], now: number): ChurnModel | undefined {
  const rows = trainingRows(histories, now);
  // Newest cut-offs first into the calibration set, whole cut-offs at a time, until it holds its share.
  const cutoffs = [...new Set(rows.map((r) => r.cutoff))].sort((a, b) => b - a);
  const held = new Set<number>();
  let heldRows = 0;
  for (const cutoff of cutoffs) {
    if (heldRows >= rows.length * CALIBRATION_SHARE || held.size === cutoffs.length - 1) break;
    held.add(cutoff);
    heldRows += rows.filter((r) => r.cutoff === cutoff).length;
  }
  let train = rows.filter((r) => !held.has(r.cutoff));
  let calibrate = rows.filter((r) => held.has(r.cutoff));
  if (!enough(train)) {
    // A small tenant: every row trains, and the model's own (in-sample calibrated) probabilities stand.
    train = rows;
    calibrate = [];
  }
  if (!enough(train)) return undefined;
  const logistic = chooseFit(train, calibrate);
  const platt = enough(calibrate)
    ? fitPlatt(
        calibrate.map((r) => logOdds(logistic, r.x)),
        calibrate.map((r) => r.y),
      )
    : IDENTITY_PLATT;
  return {
    logistic,
    platt,
    trainingRows: train.length,
    calibrationRows: calibrate.length,
    baseRate: train.filter((r) => r.y === 1).length / train.length,
  };
}

/** Calibrated probability that the guest does not order within their horizon, from a feature vector. */
export const churnProbability = (model: ChurnModel, x: readonly number[]) =>
  sigmoid(model.platt.a * logOdds(model.logistic, x) + model.platt.b);

/** Which features speak for which reason (the interval's own length is no reason an owner can act on). */
const REASON_FEATURES: Record<ChurnReasonCode, number[]> = {
  // Lateness and its interactions with the number of orders and the rhythm, and BG/NBD's lateness for the guest's
  // own rate (features.ts, FEATURE_NAMES order).
  overdue: [0, 1, 8, 9, 11, 12, 13],
  short_history: [2, 3],
  slowing_down: [5],
  lower_spend: [6],
  fewer_orders: [7],
};

/** A reason is named only when it is true in the guest's own numbers, not just pushing the score. */
const HOLDS: Record<ChurnReasonCode, (s: GuestStats) => boolean> = {
  overdue: (s) => s.daysSinceLastOrder > s.usualIntervalDays,
  short_history: (s) => s.orders < 4 || s.tenureDays < 60,
  slowing_down: (s) => s.recentIntervalDays > 1.25 * s.usualIntervalDays,
  lower_spend: (s) => s.recentSpend < 0.85 * s.earlierSpend,
  fewer_orders: (s) => s.recentOrders < 0.75 * s.expectedRecentOrders,
};
const MAX_REASONS = 3;

/** The reasons that raise this guest's risk most (by their share of the log-odds), most important first. */
export function topReasons(model: ChurnModel, x: readonly number[], stats: GuestStats): ChurnReasonCode[] {
  const z = design(model.logistic, x);
  const weight = (j: number) => model.platt.a * model.logistic.weights[j + 1]! * z[j + 1]!;
  const held = (Object.keys(REASON_FEATURES) as ChurnReasonCode[])
    .filter((code) => HOLDS[code](stats))
    .map((code) => ({ code, push: REASON_FEATURES[code].reduce((s, j) => s + weight(j), 0) }))
    .sort((a, b) => b.push - a.push);
  const pushing = held.filter(({ push }) => push > 0);
  // A guest at risk mostly through the base rate (e.g. two orders, last one recent) still gets the truest reason
  // there is, rather than a list without any.
  return (pushing.length > 0 ? pushing.slice(0, MAX_REASONS) : held.slice(0, 1)).map(({ code }) => code);
}

/** Every regular's score at `now` (regulars only: fewer than two orders, or gone for months, get none). */
export function scoreGuests(model: ChurnModel, histories: readonly GuestHistory[], now: number): GuestScore[] {
  const scores: GuestScore[] = [];
  const bg = bgNbdAt(histories, now);
  for (const history of histories) {
    const features = guestFeatures(history, now, bg);
    if (!features) continue;
    scores.push({
      guest: history.guest,
      restaurant: history.restaurant,
      probability: churnProbability(model, features.x),
      stats: features.stats,
      reasons: topReasons(model, features.x, features.stats),
    });
  }
  return scores;
}
