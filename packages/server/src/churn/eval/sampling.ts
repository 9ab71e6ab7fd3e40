/** Seeded draws for the synthetic populations (the same seed gives the same guests everywhere). */
import { prng } from '../../recommend/prng.ts';

export interface Draw {
  uniform(): number;
  normal(): number;
  /** Gamma(shape, scale) by Marsaglia–Tsang (shape < 1 by the boost u^(1/shape)). */
  gamma(shape: number, scale: number): number;
  beta(a: number, b: number): number;
  lognormal(median: number, sigma: number): number;
  chance(p: number): boolean;
}

export function draws(seed: number): Draw {
  const uniform = prng(seed);
  const normal = () => {
    const u = Math.max(uniform(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
  const gamma = (shape: number, scale: number): number => {
    if (shape < 1) return gamma(shape + 1, scale) * uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = normal();
      const v = (1 + c * x) ** 3;
      if (v <= 0) continue;
      const u = uniform();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * scale;
    }
  };
  return {
    uniform,
    normal,
    gamma,
    beta: (a, b) => {
      const x = gamma(a, 1);
      return x / (x + gamma(b, 1));
    },
    lognormal: (median, sigma) => median * Math.exp(sigma * normal()),
    chance: (p) => uniform() < p,
  };
}
