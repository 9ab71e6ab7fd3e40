/**
 * Sample-ratio mismatch: are the exposures per variant as far from an even split as chance allows? A chi-square
 * goodness-of-fit test against equal allocation; p < 0.001 (the usual SRM threshold) means the assignment or the
 * logging is broken and the experiment's results should not be trusted.
 */
export const SRM_P_THRESHOLD = 0.001;

/**
 * Upper tail of the chi-square distribution: exact for one and two degrees of freedom (two and three variants),
 * the Wilson–Hilferty approximation above that (ample for a warning).
 */
export function chiSquareP(statistic: number, degrees: number): number {
  if (degrees <= 0) return 1;
  if (statistic <= 0) return 1;
  if (degrees === 1) return erfc(Math.sqrt(statistic / 2));
  if (degrees === 2) return Math.exp(-statistic / 2);
  const k = degrees;
  const z = ((statistic / k) ** (1 / 3) - (1 - 2 / (9 * k))) / Math.sqrt(2 / (9 * k));
  return 0.5 * erfc(z / Math.SQRT2);
}

function erfc(x: number): number {
  // Abramowitz & Stegun 7.1.26, |error| < 1.5e-7.
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
    Math.exp(-x * x);
  return x >= 0 ? y : 2 - y;
}

/**
 * The SRM p-value of exposure counts; `weights` are the variants' configured shares (relative), equal when left
 * out. 1 when there is nothing to test.
 */
export function sampleRatioP(exposed: readonly number[], weights?: readonly number[]): number {
  const total = exposed.reduce((sum, n) => sum + n, 0);
  if (exposed.length < 2 || total === 0) return 1;
  const shares = weights && weights.length === exposed.length ? weights : exposed.map(() => 1);
  const weightSum = shares.reduce((sum, w) => sum + w, 0);
  if (!(weightSum > 0)) return 1;
  let statistic = 0;
  for (const [i, n] of exposed.entries()) {
    const expected = (total * shares[i]!) / weightSum;
    // A variant configured with weight 0 that still got exposures is as mismatched as it gets.
    if (expected === 0) {
      if (n > 0) return 0;
      continue;
    }
    statistic += (n - expected) ** 2 / expected;
  }
  return chiSquareP(statistic, shares.filter((w) => w > 0).length - 1);
}
