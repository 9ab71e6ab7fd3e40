// Churn bench (issue 21): `node --import tsx tests/bench/churn.mjs`
//
// Synthetic guest populations with known behaviour (packages/server/src/churn/eval/populations.ts: steady
// buy-till-you-die, drifting leavers, mixed rhythms with holidays, a small noisy restaurant), several seeds each.
// Per run the model is fitted on what was known at `now` (its own past cut-offs) and scores the regulars at `now`;
// the truth is what each guest did in the simulated future (held-out period): no order within their usual interval.
// Compared with a recency-only baseline (days since the last order) on the same guests.
// Targets (issue 21): AUC ≥ 1.1 × the baseline's, calibration error (ECE, 10 bins) ≤ 0.05 — judged on the seeds
// pooled per population (one small restaurant's 60 guests cannot measure a calibration error of 0.05 by themselves).
import { cpus, loadavg } from 'node:os';
import { evaluate } from '../../packages/server/src/churn/eval/evaluate.ts';
import { auc, calibrationError, reliability } from '../../packages/server/src/churn/eval/metrics.ts';
import { POPULATION_NAMES, population } from '../../packages/server/src/churn/eval/populations.ts';

const GUESTS = Number(process.env.BENCH_CHURN_GUESTS ?? 2_000);
const SEEDS = (process.env.BENCH_CHURN_SEEDS ?? '1,2,3,4,5').split(',').map(Number);
// A small restaurant has few guests per run: more runs, so the pooled numbers mean something.
const SMALL_SEEDS = Array.from({ length: 4 * SEEDS.length }, (_, i) => 100 + i);
const AUC_RATIO_TARGET = 1.1;
const ECE_TARGET = 0.05;

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
const f3 = (v) => v.toFixed(3);

function table(title, header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${title}\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

console.log(`Churn bench: ${cpus().length} cores, load average (1/5/15 min) ${load()}`);
const started = performance.now();
const summary = [];
for (const name of POPULATION_NAMES) {
  const seeds = name === 'small' ? SMALL_SEEDS : SEEDS;
  const runs = [];
  const pooled = { probabilities: [], recency: [], labels: [] };
  for (const seed of seeds) {
    const result = evaluate(population(name, { guests: GUESTS, seed }));
    if (!result) {
      runs.push([seed, '–', '–', '–', '–', '–', '–', 'no model: too little history']);
      continue;
    }
    for (const key of Object.keys(pooled)) pooled[key].push(...result[key]);
    runs.push([
      seed,
      result.guests,
      f3(result.churnRate),
      f3(result.auc),
      f3(result.recencyAuc),
      f3(result.auc / result.recencyAuc),
      f3(result.calibrationError),
      `${result.trainingRows} + ${result.calibrationRows} rows, ${result.ms} ms`,
    ]);
  }
  table(
    `${name}: per seed (held-out period: the 120 days after now)`,
    ['seed', 'guests', 'churn rate', 'AUC', 'recency AUC', 'ratio', 'ECE', 'fit'],
    runs,
  );
  const bins = reliability(pooled.probabilities, pooled.labels);
  table(
    `${name}: reliability, ${seeds.length} seeds pooled (${pooled.labels.length} guests)`,
    ['predicted', 'guests', 'mean predicted', 'observed', 'gap'],
    bins.map((b) => [
      `${b.from.toFixed(1)}–${b.to.toFixed(1)}`,
      b.count,
      b.count ? f3(b.meanPredicted) : '–',
      b.count ? f3(b.observed) : '–',
      b.count ? f3(b.observed - b.meanPredicted) : '–',
    ]),
  );
  const modelAuc = auc(pooled.probabilities, pooled.labels);
  const recencyAuc = auc(pooled.recency, pooled.labels);
  summary.push({ name, modelAuc, recencyAuc, ece: calibrationError(bins), guests: pooled.labels.length });
}

table(
  `Summary (pooled per population): targets AUC ≥ ${AUC_RATIO_TARGET} × recency-only, ECE ≤ ${ECE_TARGET}`,
  ['population', 'guests', 'AUC', 'recency AUC', 'ratio', 'ratio target', 'ECE', 'ECE target'],
  summary.map((s) => {
    const ratio = s.modelAuc / s.recencyAuc;
    return [
      s.name,
      s.guests,
      f3(s.modelAuc),
      f3(s.recencyAuc),
      f3(ratio),
      ratio >= AUC_RATIO_TARGET ? 'met' : 'MISSED',
      f3(s.ece),
      s.ece <= ECE_TARGET ? 'met' : 'MISSED',
    ];
  }),
);
console.log(
  `\nChurn bench done in ${((performance.now() - started) / 1000).toFixed(1)} s; load average (1/5/15 min) ${load()}`,
);
