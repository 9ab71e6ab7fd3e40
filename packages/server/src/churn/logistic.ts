/**
 * L2-regularised logistic regression by Newton's method (IRLS) on standardised inputs, and Platt scaling. A few
 * features and at most tens of thousands of rows per tenant: an exact solve of a 9×9 system per step converges in
 * under ten steps, with no library and no learning rate to tune.
 */
export interface LogisticModel {
  /** Per feature: mean and standard deviation of the training rows (inputs are standardised with them). */
  means: number[];
  scales: number[];
  /** Intercept first, then one weight per standardised feature. */
  weights: number[];
}

export const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
const logit = (p: number) => Math.log(p / (1 - p));

/** Solves A·x = b (A symmetric positive definite, small) by Gaussian elimination with partial pivoting. */
export function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const lead = m[col]![col]!;
    if (Math.abs(lead) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = m[r]![col]! / lead;
      if (factor === 0) continue;
      for (let k = col; k <= n; k++) m[r]![k]! -= factor * m[col]![k]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}

function standardiser(rows: readonly number[][]): { means: number[]; scales: number[] } {
  const width = rows[0]?.length ?? 0;
  const means = new Array<number>(width).fill(0);
  const scales = new Array<number>(width).fill(0);
  for (const row of rows) for (let j = 0; j < width; j++) means[j]! += row[j]! / rows.length;
  for (const row of rows) for (let j = 0; j < width; j++) scales[j]! += (row[j]! - means[j]!) ** 2 / rows.length;
  // A constant feature (e.g. no guest with four orders yet) gets scale 1: its weight is then pulled to 0 by L2.
  return { means, scales: scales.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1)) };
}

/** The standardised row with a leading 1 for the intercept. */
export const design = (model: Pick<LogisticModel, 'means' | 'scales'>, x: readonly number[]) => [
  1,
  ...x.map((v, j) => (v - model.means[j]!) / model.scales[j]!),
];

/**
 * Maximum a posteriori weights: log-likelihood minus `lambda`/2 · ‖w‖² (the intercept is not penalised).
 * `y[i]` is 1 for the event being predicted.
 */
export function fitLogistic(rows: readonly number[][], y: readonly number[], lambda = 1): LogisticModel {
  const { means, scales } = standardiser(rows);
  const xs = rows.map((x) => design({ means, scales }, x));
  const width = xs[0]?.length ?? 1;
  let w = new Array<number>(width).fill(0);
  const positives = y.reduce((s, v) => s + v, 0);
  w[0] = logit(Math.min(0.99, Math.max(0.01, positives / Math.max(1, y.length))));
  for (let step = 0; step < 50; step++) {
    const hessian = Array.from({ length: width }, (_, i) =>
      Array.from({ length: width }, (_, j) => (i === j && i > 0 ? lambda : 0)),
    );
    const gradient = w.map((wj, j) => (j > 0 ? -lambda * wj : 0));
    for (let i = 0; i < xs.length; i++) {
      const xi = xs[i]!;
      const p = sigmoid(xi.reduce((s, v, j) => s + v * w[j]!, 0));
      const r = p * (1 - p);
      for (let j = 0; j < width; j++) {
        gradient[j]! += (y[i]! - p) * xi[j]!;
        for (let k = j; k < width; k++) hessian[j]![k]! += r * xi[j]! * xi[k]!;
      }
    }
    for (let j = 0; j < width; j++) for (let k = 0; k < j; k++) hessian[j]![k] = hessian[k]![j]!;
    const delta = solve(hessian, gradient);
    w = w.map((wj, j) => wj + delta[j]!);
    if (Math.max(...delta.map(Math.abs)) < 1e-8) break;
  }
  return { means, scales, weights: w };
}

/** The model's linear score (log-odds) for one feature vector. */
export const logOdds = (model: LogisticModel, x: readonly number[]) =>
  design(model, x).reduce((s, v, j) => s + v * model.weights[j]!, 0);

/** Platt scaling: p = σ(a · score + b), fitted on held-out rows; `{ a: 1, b: 0 }` leaves the scores as they are. */
export interface Platt {
  a: number;
  b: number;
}

export const IDENTITY_PLATT: Platt = { a: 1, b: 0 };

/**
 * Fits (a, b) by the same Newton steps with a weak pull towards the identity, so a small calibration set corrects
 * the model's drift between the cut-offs without overfitting it. Platt's target smoothing ((n₊+1)/(n₊+2)) keeps a
 * perfectly separated set from driving `a` to infinity.
 */
export function fitPlatt(scores: readonly number[], y: readonly number[], pull = 1): Platt {
  const positives = y.reduce((s, v) => s + v, 0);
  const negatives = y.length - positives;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  let a = 1;
  let b = 0;
  for (let step = 0; step < 50; step++) {
    let ga = -pull * (a - 1);
    let gb = -pull * b;
    let haa = pull;
    let hab = 0;
    let hbb = pull;
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i]!;
      const p = sigmoid(a * s + b);
      const target = y[i] === 1 ? hi : lo;
      const r = p * (1 - p);
      ga += (target - p) * s;
      gb += target - p;
      haa += r * s * s;
      hab += r * s;
      hbb += r;
    }
    const [da, db] = solve(
      [
        [haa, hab],
        [hab, hbb],
      ],
      [ga, gb],
    );
    a += da!;
    b += db!;
    if (Math.abs(da!) + Math.abs(db!) < 1e-9) break;
  }
  return { a, b };
}
