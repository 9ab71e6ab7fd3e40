/**
 * Per-variant results of the A/B experiments, from stored events (`scripts/experiment-report.mjs` prints them).
 *
 * - **Exposed**: distinct subjects with an `Experiment Viewed` (properties `experiment_id`, `variant_id`; forced QA
 *   exposures, `forced: true`, are left out). A subject is the userId when the event has one, else the
 *   anonymousId — the identifier the SDK buckets by. A subject counts once per experiment, in the variant of
 *   its first exposure.
 * - **Converted**: exposed subjects with a recommendation click — `Product Clicked` carrying a `request_id` (the
 *   recommendations API's attribution id) — at or after their first exposure.
 * - **p-value**: two-sided two-proportion z-test (pooled) of each variant against the control: the variant
 *   `control` (or `options.control`), else the alphabetically first one that is not the holdout.
 */
import type { Db } from './db.ts';

export interface VariantResult {
  variant: string;
  exposed: number;
  converted: number;
  /** converted / exposed (0 when nobody was exposed). */
  rate: number;
  isControl: boolean;
  /** Relative change of the rate vs the control (0.1 = +10 %); null for the control or a control at 0 %. */
  lift: number | null;
  z: number | null;
  pValue: number | null;
}

export interface ExperimentResult {
  experiment: string;
  control: string;
  variants: VariantResult[];
}

export interface ReportOptions {
  /** Only this tenant's events (default: all tenants in the file). */
  tenantId?: string;
  /** The control variant's key (default `control`). */
  control?: string;
}

interface Row {
  experiment: string;
  variant: string;
  exposed: number;
  converted: number;
}

/**
 * Per experiment and variant: subjects exposed (first exposure decides the variant) and those who clicked a
 * recommendation after it. Portable SQL (a window function instead of SQLite's bare column next to MIN).
 */
const reportSql = (db: Db, tenant: string | null) => {
  const json = db.sql.jsonText;
  const tenantFilter = (alias: string) => (tenant === null ? '' : `AND ${alias}tenant_id = ?`);
  return `
WITH exposure AS (
  SELECT coalesce(user_id, anonymous_id) AS subject,
         ${json('payload', 'properties', 'experiment_id')} AS experiment,
         ${json('payload', 'properties', 'variant_id')} AS variant,
         timestamp, payload
  FROM events
  WHERE type = 'track' AND event = 'Experiment Viewed' ${tenantFilter('')}
    AND coalesce(${json('payload', 'properties', 'forced')}, 'false') NOT IN ('true', '1')
    AND coalesce(user_id, anonymous_id) IS NOT NULL
), ranked AS (
  SELECT experiment, subject, variant, timestamp AS at,
         row_number() OVER (PARTITION BY experiment, subject ORDER BY timestamp) AS n
  FROM exposure
  WHERE experiment IS NOT NULL AND variant IS NOT NULL
), first AS (
  SELECT experiment, subject, variant, at FROM ranked WHERE n = 1
)
SELECT experiment, variant, count(*) AS exposed,
  sum(CASE WHEN EXISTS (
    SELECT 1 FROM events click
    WHERE click.type = 'track' AND click.event = 'Product Clicked' ${tenantFilter('click.')}
      AND ${json('click.payload', 'properties', 'request_id')} IS NOT NULL
      AND coalesce(click.user_id, click.anonymous_id) = first.subject
      AND click.timestamp >= first.at
  ) THEN 1 ELSE 0 END) AS converted
FROM first
GROUP BY experiment, variant
ORDER BY experiment, variant`;
};

export async function experimentReport(db: Db, options: ReportOptions = {}): Promise<ExperimentResult[]> {
  const tenant = options.tenantId ?? null;
  const rows = await db.all<Row>(reportSql(db, tenant), tenant === null ? [] : [tenant, tenant]);
  const byExperiment = new Map<string, Row[]>();
  for (const row of rows) byExperiment.set(row.experiment, [...(byExperiment.get(row.experiment) ?? []), row]);
  return [...byExperiment].map(([experiment, variants]) => {
    const wanted = options.control ?? 'control';
    const control =
      variants.find((v) => v.variant === wanted) ?? variants.find((v) => v.variant !== 'holdout') ?? variants[0]!;
    return {
      experiment,
      control: control.variant,
      variants: variants.map((v) => {
        const isControl = v === control;
        const test = isControl ? null : twoProportionZTest(v.converted, v.exposed, control.converted, control.exposed);
        const rate = v.exposed ? v.converted / v.exposed : 0;
        const controlRate = control.exposed ? control.converted / control.exposed : 0;
        return {
          variant: v.variant,
          exposed: v.exposed,
          converted: v.converted,
          rate,
          isControl,
          lift: isControl || controlRate === 0 ? null : rate / controlRate - 1,
          z: test?.z ?? null,
          pValue: test?.pValue ?? null,
        };
      }),
    };
  });
}

/** Pooled two-proportion z-test, two-sided; null when a group is empty or both rates are 0 % or 100 %. */
export function twoProportionZTest(
  successesA: number,
  totalA: number,
  successesB: number,
  totalB: number,
): { z: number; pValue: number } | null {
  if (totalA === 0 || totalB === 0) return null;
  const pooled = (successesA + successesB) / (totalA + totalB);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / totalA + 1 / totalB));
  if (se === 0) return null;
  const z = (successesA / totalA - successesB / totalB) / se;
  return { z, pValue: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) };
}

/** Φ(x) by erf (Abramowitz & Stegun 7.1.26, absolute error < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

const pct = (value: number) => `${(value * 100).toFixed(2)} %`;

/** A plain-text table per experiment, for the terminal. */
export function formatReport(results: readonly ExperimentResult[]): string {
  if (results.length === 0) return 'No experiment exposures (Experiment Viewed) in these events.\n';
  const out: string[] = [];
  for (const result of results) {
    out.push(`experiment ${result.experiment} (control: ${result.control})`);
    const table = [
      ['variant', 'exposed users', 'rec-click users', 'conversion', 'lift', 'z', 'p-value'],
      ...result.variants.map((v) => [
        v.isControl ? `${v.variant} *` : v.variant,
        String(v.exposed),
        String(v.converted),
        pct(v.rate),
        v.lift === null ? '—' : `${v.lift >= 0 ? '+' : ''}${(v.lift * 100).toFixed(1)} %`,
        v.z === null ? '—' : v.z.toFixed(2),
        v.pValue === null ? '—' : v.pValue < 0.0001 ? '< 0.0001' : v.pValue.toFixed(4),
      ]),
    ];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
    for (const row of table) out.push(`  ${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd());
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
