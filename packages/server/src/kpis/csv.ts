/**
 * The KPI report as CSV (RFC 4180): one row per period, metric and dimension — `period_start, period_end, metric,
 * dimension, value` — so categories and experiment variants need no columns of their own and a spreadsheet pivots
 * it as it likes. Numbers as JavaScript writes them (`.` decimal point, no grouping), an empty cell for an undefined
 * rate; text cells that a spreadsheet would run as a formula are prefixed with `'`.
 */
import { CONSENT_CATEGORIES, type KpiExperiment, type KpiPeriod, type KpiReport } from '@matbakh/contract';

export const CSV_HEADER = ['period_start', 'period_end', 'metric', 'dimension', 'value'] as const;

type Row = [metric: string, dimension: string, value: number | boolean | null];

function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** `section.field` rows of a flat group of numbers. */
function group(section: string, values: object): Row[] {
  return Object.entries(values).map(([field, value]) => [`${section}.${field}`, '', value as number | null]);
}

function experimentRows(experiments: readonly KpiExperiment[]): Row[] {
  const rows: Row[] = [];
  for (const experiment of experiments) {
    for (const v of experiment.variants) {
      const dimension = `${experiment.experiment}/${v.variant}`;
      for (const field of [
        'exposed',
        'converted',
        'rate',
        'lift',
        'liftLow',
        'liftHigh',
        'pValue',
        'isControl',
      ] as const) {
        rows.push([`experiments.${field}`, dimension, v[field]]);
      }
    }
  }
  return rows;
}

export function periodRows(period: KpiPeriod): Row[] {
  const { recommendations, actions, tours, retention } = period;
  return [
    ...group('adoption', period.adoption),
    ['consent.decisions', '', period.consent.decisions],
    ...CONSENT_CATEGORIES.flatMap((category): Row[] => [
      ['consent.optIn.granted', category, period.consent.optIn[category].granted],
      ['consent.optIn.rate', category, period.consent.optIn[category].rate],
    ]),
    ...group('recommendations', recommendations),
    ...group('search', period.search),
    ...group('actions', actions),
    ...group('tours', tours),
    ['retention.windowComplete', '', retention.windowComplete],
    ...group('retention.personalized', retention.personalized),
    ...group('retention.nonPersonalized', retention.nonPersonalized),
    ...experimentRows(period.experiments),
  ];
}

export function reportCsv(report: KpiReport): string {
  const lines = [CSV_HEADER.join(',')];
  for (const period of report.periods) {
    for (const [metric, dimension, value] of periodRows(period)) {
      lines.push([period.start, period.end, metric, dimension, value].map(cell).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
