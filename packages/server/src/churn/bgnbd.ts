/**
 * BG/NBD ("buy till you die", Fader, Hardie & Lee 2005), fitted per tenant at a cut-off, as inputs of the churn
 * model. While alive a guest orders at a personal rate λ ~ Gamma(r, α); after each order they leave with a personal
 * chance p ~ Beta(a, b). From a guest's repeat orders x, the time of the last one t_x and their tenure T (all since
 * their first order, in days) it gives in closed form:
 * - P(alive): how likely the guest is still a customer at all, given how late they are for their own rate;
 * - P(no order within h days): the churn model's own question, answered by this model alone.
 * Both shrink a guest with few orders towards the tenant's typical rate — what a plain "days late / own interval"
 * cannot do. The logistic model (model.ts) takes them next to the trend features BG/NBD has no place for.
 */

export interface BgNbd {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** One guest as BG/NBD sees them (days). */
export interface Rft {
  x: number;
  tx: number;
  T: number;
}

/** ln Γ(z) for z > 0 (Lanczos, g = 7, n = 9: ~15 significant digits). */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
export function logGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const zz = z - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) sum += LANCZOS[i]! / (zz + i);
  const t = zz + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (zz + 0.5) * Math.log(t) - t + Math.log(sum);
}

const logBeta = (a: number, b: number) => logGamma(a) + logGamma(b) - logGamma(a + b);

/** The log-likelihood of all guests (x-only terms computed once per distinct x: most guests share a few). */
export function logLikelihood(p: BgNbd, guests: readonly Rft[]): number {
  const { r, alpha, a, b } = p;
  const heads: number[] = [];
  const common = -logGamma(r) + r * Math.log(alpha) - logBeta(a, b);
  let sum = 0;
  for (const { x, tx, T } of guests) {
    let head = heads[x];
    if (head === undefined) {
      head = common + logGamma(r + x) + logBeta(a, b + x);
      heads[x] = head;
    }
    // ln[(α+T)^−(r+x) + δ·a/(b+x−1)·(α+tx)^−(r+x)], factored around the larger term for stability.
    const stay = -(r + x) * Math.log(alpha + T);
    if (x === 0) {
      sum += head + stay;
      continue;
    }
    const tail = Math.log(a / (b + x - 1)) - (r + x) * Math.log(alpha + tx);
    sum += head + Math.max(stay, tail) + Math.log1p(Math.exp(-Math.abs(stay - tail)));
  }
  return sum;
}

/** Minimises f by Nelder–Mead from `start` (small, smooth problems; no gradients needed). */
export function nelderMead(f: (v: number[]) => number, start: number[], step = 0.5, iterations = 400): number[] {
  const n = start.length;
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))].map((v) => ({
    v,
    f: f(v),
  }));
  const towards = (from: number[], to: number[], t: number) => from.map((v, j) => v + t * (to[j]! - v));
  for (let it = 0; it < iterations; it++) {
    simplex.sort((p, q) => p.f - q.f);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    if (Math.abs(worst.f - best.f) < 1e-8 * (1 + Math.abs(best.f))) break;
    const centre = start.map((_, j) => simplex.slice(0, n).reduce((s, p) => s + p.v[j]!, 0) / n);
    const reflected = towards(centre, worst.v, -1);
    const fr = f(reflected);
    if (fr < best.f) {
      const expanded = towards(centre, worst.v, -2);
      const fe = f(expanded);
      simplex[n] = fe < fr ? { v: expanded, f: fe } : { v: reflected, f: fr };
    } else if (fr < simplex[n - 1]!.f) {
      simplex[n] = { v: reflected, f: fr };
    } else {
      const contracted = towards(centre, worst.v, fr < worst.f ? -0.5 : 0.5);
      const fc = f(contracted);
      if (fc < Math.min(fr, worst.f)) simplex[n] = { v: contracted, f: fc };
      else
        simplex = simplex.map((p, i) =>
          i === 0 ? p : { v: towards(best.v, p.v, 0.5), f: f(towards(best.v, p.v, 0.5)) },
        );
    }
  }
  return simplex.sort((p, q) => p.f - q.f)[0]!.v;
}

/**
 * A weak pull of each log-parameter towards a neutral guest (a rate of one order in ~10 days, a ~10 % chance to
 * leave per order): a tenant with a hundred guests still gets sane parameters, a big one is ruled by its data.
 */
const PRIOR_CENTRE = [0, Math.log(10), 0, Math.log(9)];
const PRIOR_SD = 2.5;

/** Maximum a posteriori parameters from the guests known at a cut-off; undefined without any repeat order. */
export function fitBgNbd(guests: readonly Rft[], start?: BgNbd): BgNbd | undefined {
  if (!guests.some((g) => g.x > 0)) return undefined;
  const params = (v: number[]): BgNbd => ({
    r: Math.exp(v[0]!),
    alpha: Math.exp(v[1]!),
    a: Math.exp(v[2]!),
    b: Math.exp(v[3]!),
  });
  const loss = (v: number[]) => {
    if (v.some((x) => Math.abs(x) > 12)) return Number.POSITIVE_INFINITY;
    const prior = v.reduce((s, x, j) => s + (x - PRIOR_CENTRE[j]!) ** 2, 0) / (2 * PRIOR_SD ** 2);
    const ll = logLikelihood(params(v), guests);
    return Number.isFinite(ll) ? prior - ll : Number.POSITIVE_INFINITY;
  };
  // From a neighbouring cut-off's fit, a small first step finds the (nearby) optimum in far fewer evaluations.
  if (start) return params(nelderMead(loss, [start.r, start.alpha, start.a, start.b].map(Math.log), 0.15));
  return params(nelderMead(loss, PRIOR_CENTRE));
}

/** P(the guest is still alive at T). A guest without a repeat order has not had a chance to leave. */
export function pAlive(p: BgNbd, g: Rft): number {
  if (g.x === 0) return 1;
  const logRatio = Math.log(p.a / (p.b + g.x - 1)) + (p.r + g.x) * Math.log((p.alpha + g.T) / (p.alpha + g.tx));
  return 1 / (1 + Math.exp(logRatio));
}

/** P(no order in (T, T + h]): gone, or alive and quiet (λ's posterior is Gamma(r + x, α + T)). */
export function pNoOrderWithin(p: BgNbd, g: Rft, h: number): number {
  const quiet = ((p.alpha + g.T) / (p.alpha + g.T + h)) ** (p.r + g.x);
  return 1 - pAlive(p, g) * (1 - quiet);
}
