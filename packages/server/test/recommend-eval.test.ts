/**
 * Regression test of the recommender's quality: small versions of the bench's populations (tests/bench/
 * recommender-eval.mjs prints the full tables). Ratios against baselines scored on the same held-out orders, never
 * timing; the populations are seeded, so a failure is a change in the ranker, not luck.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluate } from '../src/recommend/eval/harness.ts';
import { POPULATIONS, type PopulationName } from '../src/recommend/eval/populations.ts';

const GUESTS = 400;

describe('recommender on populations it was not tuned on (leave-last-out, small)', () => {
  for (const name of Object.keys(POPULATIONS) as PopulationName[]) {
    test(`${name}: hit@10 and NDCG@10 within 5 % of the simple ranker with filters, > 2.5 × global, no violations`, () => {
      const population = POPULATIONS[name]({ guests: GUESTS, seed: 5 });
      // "ours" ranks with what the worker's refit would serve. Its 500-guest threshold scaled to these populations
      // (a quarter of the bench's size): the refit fits and checks here too, and keeps the defaults when they win.
      const result = evaluate(population, { split: 'last', fitQueries: 400, minGuests: 200 });
      const ours = result.rankers.ours;
      const simple = result.rankers['simple + filters'];
      const global = result.rankers['global popularity'];
      const detail = `ours ${ours.hit.toFixed(3)}/${ours.ndcg.toFixed(3)}, simple + filters ${simple.hit.toFixed(3)}/${simple.ndcg.toFixed(3)}, global ${global.hit.toFixed(3)}`;
      assert.equal(ours.violations, 0);
      // At 400 guests a difference of a few percent is noise (hit@10 ≈ ±0.02); the bench's 1,500 guests per
      // population carry the 1.05 × target, this guards against a ranker that falls behind. (Where the
      // refit keeps the defaults — small regional: 0.190 vs 0.193 — NDCG@10 is within that noise, not above.)
      assert.ok(ours.ndcg >= 0.95 * simple.ndcg, `NDCG@10: ${detail}`);
      assert.ok(ours.hit >= 0.95 * simple.hit, `hit@10: ${detail}`);
      assert.ok(ours.hit >= 2.5 * global.hit, `hit@10 vs global: ${detail}`);
      // The unfiltered simple ranker does show what a guest excludes, where guests exclude anything.
      if (population.guests.some((g) => g.diet.length > 0 || g.allergens.length > 0)) {
        assert.ok(result.rankers.simple.violations > 0);
      }
    });
  }
});
