import type { KpiExperiment, KpiVariant } from '@matbakh/contract';
import { twoProportionZTest } from '../experiments-report.ts';

const Z95 = 1.959963984540054;

/** numerator / denominator, null when nothing was counted under it. */
export const rate = (numerator: number, denominator: number) => (denominator === 0 ? null : numerator / denominator);

/**
 * Relative lift of a variant's rate over the control's, with the 95 % confidence interval of the risk ratio by
 * Katz's log method: ln(RR) ± 1.96 · √(1/x₁ − 1/n₁ + 1/x₀ − 1/n₀). Null where it is undefined (an empty group or no
 * conversion on either side).
 */
export function liftInterval(
  converted: number,
  exposed: number,
  controlConverted: number,
  controlExposed: number,
): { lift: number; low: number; high: number } | null {
  if (converted === 0 || controlConverted === 0 || exposed === 0 || controlExposed === 0) return null;
  const ratio = converted / exposed / (controlConverted / controlExposed);
  const se = Math.sqrt(1 / converted - 1 / exposed + 1 / controlConverted - 1 / controlExposed);
  const log = Math.log(ratio);
  return { lift: ratio - 1, low: Math.exp(log - Z95 * se) - 1, high: Math.exp(log + Z95 * se) - 1 };
}

export interface VariantCount {
  variant: string;
  exposed: number;
  converted: number;
}

/** The control: `control` when present, else the alphabetically first variant that is not the holdout (as experiments-report.ts). */
function controlOf(variants: readonly VariantCount[]): VariantCount {
  const sorted = [...variants].sort((a, b) => (a.variant < b.variant ? -1 : a.variant > b.variant ? 1 : 0));
  return sorted.find((v) => v.variant === 'control') ?? sorted.find((v) => v.variant !== 'holdout') ?? sorted[0]!;
}

export function experimentResult(experiment: string, counts: readonly VariantCount[]): KpiExperiment {
  const sorted = [...counts].sort((a, b) => (a.variant < b.variant ? -1 : a.variant > b.variant ? 1 : 0));
  const control = controlOf(sorted);
  return {
    experiment,
    control: control.variant,
    variants: sorted.map((v): KpiVariant => {
      const isControl = v.variant === control.variant;
      const interval = isControl ? null : liftInterval(v.converted, v.exposed, control.converted, control.exposed);
      const controlRate = rate(control.converted, control.exposed);
      const own = rate(v.converted, v.exposed);
      const test = isControl ? null : twoProportionZTest(v.converted, v.exposed, control.converted, control.exposed);
      return {
        variant: v.variant,
        exposed: v.exposed,
        converted: v.converted,
        rate: own,
        isControl,
        lift: isControl || own === null || !controlRate ? null : own / controlRate - 1,
        liftLow: interval?.low ?? null,
        liftHigh: interval?.high ?? null,
        pValue: test?.pValue ?? null,
      };
    }),
  };
}
