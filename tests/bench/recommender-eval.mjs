// Recommender evaluation bench (issue 15): `node --import tsx tests/bench/recommender-eval.mjs`
//
// 1. Seven synthetic populations, each with its own hidden structure (packages/server/src/recommend/eval/
//    populations.ts), BENCH_EVAL_GUESTS guests each, seeded: the same data on every run.
// 2. Per population, two splits: each guest's last order held out ("last"), and a time split ("time": train before
//    the 85th percentile of order times, test each guest's first order after it). Our weights are fitted on the
//    training orders only; baselines (global and regional popularity, the issue's simple ranker with and without
//    the guests' diet/allergen filters) are scored on the same test orders.
// 3. The refit of a 200 k-order tenant (10 k guests, the demo generator: fit + held-out check), timed.
// Prints tables and the issue's targets per population; no thresholds enforced here (the CI regression test is
// packages/server/test/recommend-eval.test.ts).
import { cpus, loadavg } from 'node:os';
import { syntheticCatalog, syntheticOrders } from '../../packages/server/src/demo/synthetic.ts';
import { buildCatalog } from '../../packages/server/src/recommend/catalog.ts';
import { evaluate, RANKERS, SEGMENTS, targets } from '../../packages/server/src/recommend/eval/harness.ts';
import { POPULATIONS } from '../../packages/server/src/recommend/eval/populations.ts';
import { fitAndCheck } from '../../packages/server/src/recommend/refit.ts';

const GUESTS = Number(process.env.BENCH_EVAL_GUESTS ?? 1_500);
const SEED = Number(process.env.BENCH_EVAL_SEED ?? 11);
const FIT_USERS = Number(process.env.BENCH_FIT_USERS ?? 10_000);
const FIT_ORDERS = Number(process.env.BENCH_FIT_ORDERS ?? 200_000);
const ONLY = process.env.BENCH_EVAL_POPULATIONS?.split(',');
// Features left out of the fit: a feature's worth is the difference of two runs, with and without it.
const EXCLUDE = process.env.BENCH_EVAL_EXCLUDE?.split(',') ?? [];

const fmt = (value, digits = 3) => value.toFixed(digits);
const pct = (value) => `${(value * 100).toFixed(1)} %`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

function table(title, header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${title}\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

const started = performance.now();
console.log(
  `Recommender evaluation: ${cpus().length} cores, load average (1/5/15 min) ${load()}${EXCLUDE.length ? `; fitted without ${EXCLUDE.join(', ')}` : ''}`,
);
const summary = [];
for (const [name, make] of Object.entries(POPULATIONS)) {
  if (ONLY && !ONLY.includes(name)) continue;
  const population = make({ guests: GUESTS, seed: SEED });
  for (const split of ['last', 'time']) {
    const result = evaluate(population, { split, exclude: EXCLUDE });
    table(
      `${name} / ${split === 'last' ? 'leave-last-out' : 'time split'}: ${result.trainOrders.toLocaleString('en')} training orders, ${result.testOrders.toLocaleString('en')} tests, ${population.catalog.dishes.length} dishes (${result.ms} ms; weights ${result.fit.source}: ${result.fit.why})`,
      ['ranker', 'hit@10', 'NDCG@10', 'MRR', 'coverage', 'novelty', 'violations', ...SEGMENTS.map((s) => `hit ${s}`)],
      RANKERS.map((ranker) => {
        const m = result.rankers[ranker];
        return [
          ranker,
          fmt(m.hit),
          fmt(m.ndcg),
          fmt(m.mrr),
          pct(m.coverage),
          fmt(m.novelty, 2),
          m.violations,
          ...SEGMENTS.map((s) => (m.segments[s].n === 0 ? '–' : `${fmt(m.segments[s].hit)} (${m.segments[s].n})`)),
        ];
      }),
    );
    const checks = targets(result);
    const missed = checks.filter((c) => !c.ok);
    console.log(
      missed.length === 0
        ? 'targets: all met'
        : `targets missed: ${missed.map((c) => `${c.name} (${c.detail})`).join('; ')}`,
    );
    const ours = result.rankers.ours;
    const simple = result.rankers['simple + filters'];
    const global = result.rankers['global popularity'];
    summary.push([
      name,
      split,
      fmt(ours.hit),
      fmt(simple.hit),
      fmt(ours.hit / simple.hit, 2),
      fmt(ours.ndcg / simple.ndcg, 2),
      fmt(ours.hit / global.hit, 1),
      ours.violations,
      `${pct(ours.coverage)} / ${pct(simple.coverage)}`,
      result.fit.source,
      missed.length === 0 ? 'yes' : 'NO',
    ]);
  }
}
table(
  `Summary (${GUESTS.toLocaleString('en')} guests per population, seed ${SEED}; targets: ≥ 1.05 × simple + filters, ≥ 3 × global, 0 violations, coverage ≥ simple + filters)`,
  [
    'population',
    'split',
    'ours hit',
    'simple+f hit',
    'hit ×simple+f',
    'NDCG ×simple+f',
    'hit ×global',
    'violations',
    'coverage ours / simple+f',
    'weights',
    'all met',
  ],
  summary,
);

// Refit time for a 200 k-order tenant.
const NOW = Date.parse('2026-11-25T18:00:00.000Z');
const synthetic = syntheticCatalog(NOW, 5);
const catalog = buildCatalog(synthetic.items);
const orders = syntheticOrders(synthetic, { users: FIT_USERS, orders: FIT_ORDERS, days: 90, seed: 7, now: NOW }).map(
  (order) => ({
    userId: null,
    anonymousId: `anon-guest-${order.user}`,
    at: order.at,
    hour: order.hour,
    items: order.items.map((item) => item.product_id),
  }),
);
const loadBefore = load();
const t = performance.now();
// The worker's refit without the database: hold out a fifth of the guests' last orders (≤ 1,000), fit on the rest,
// keep the fit only if it ranks the held-out orders at least as well as the defaults.
const refit = fitAndCheck(orders, catalog, () => undefined);
const fitMs = Math.round(performance.now() - t);
const metrics = refit.metrics;
table(
  `Refit for one tenant (fitWeights + held-out check): ${orders.length.toLocaleString('en')} orders, ${FIT_USERS.toLocaleString('en')} guests, ${catalog.dishes.length} dishes (load before ${loadBefore})`,
  [
    'ms',
    'target',
    'kept',
    'fit on (train + validation)',
    'held-out orders',
    'held-out NDCG@10 / hit@10: learned vs defaults',
  ],
  [
    [
      fitMs,
      '≤ 60,000 ms',
      refit.source,
      metrics ? `${metrics.validation.trainOrders} + ${metrics.validation.validationOrders}` : '–',
      refit.testOrders,
      metrics
        ? `${fmt(metrics.fitted.ndcgAt10)} / ${fmt(metrics.fitted.hitAt10)} vs ${fmt(metrics.defaults.ndcgAt10)} / ${fmt(metrics.defaults.hitAt10)}`
        : '–',
    ],
  ],
);
console.log(`\nweights: ${JSON.stringify(refit.weights)}`);
console.log(`\nload average at the end ${load()}; total ${Math.round(performance.now() - started)} ms`);
