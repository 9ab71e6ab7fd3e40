/**
 * The held-out evaluation of the bench and its regression test: fit on what was known at `now`, score the regulars
 * at `now`, and compare with what they did in the simulated future (no order within their horizon = churned).
 */
import { guestFeatures, orderedWithin } from '../features.ts';
import { fitChurnModel, scoreGuests } from '../model.ts';
import { auc, calibrationError, type ReliabilityBin, reliability } from './metrics.ts';
import { knownAt, type Population } from './populations.ts';

export interface Evaluation {
  guests: number;
  churnRate: number;
  auc: number;
  recencyAuc: number;
  calibrationError: number;
  table: ReliabilityBin[];
  trainingRows: number;
  calibrationRows: number;
  ms: number;
  /** Per scored guest, for pooling across seeds: the model's probability, days since the last order, the outcome. */
  probabilities: number[];
  recency: number[];
  labels: number[];
}

export function evaluate(population: Population): Evaluation | undefined {
  const started = performance.now();
  const known = knownAt(population.histories, population.now);
  const model = fitChurnModel(known, population.now);
  if (!model) return undefined;
  const scores = scoreGuests(model, known, population.now);
  const ms = Math.round(performance.now() - started);
  const full = new Map(population.histories.map((h) => [`${h.restaurant}|${h.guest}`, h]));
  const probabilities: number[] = [];
  const recency: number[] = [];
  const labels: number[] = [];
  for (const score of scores) {
    const history = full.get(`${score.restaurant}|${score.guest}`)!;
    const horizon = guestFeatures(history, population.now)!.horizonDays;
    probabilities.push(score.probability);
    recency.push(score.stats.daysSinceLastOrder);
    labels.push(orderedWithin(history, population.now, horizon) ? 0 : 1);
  }
  const table = reliability(probabilities, labels);
  return {
    guests: scores.length,
    churnRate: labels.reduce((s, y) => s + y, 0) / labels.length,
    auc: auc(probabilities, labels),
    recencyAuc: auc(recency, labels),
    calibrationError: calibrationError(table),
    table,
    trainingRows: model.trainingRows,
    calibrationRows: model.calibrationRows,
    ms,
    probabilities,
    recency,
    labels,
  };
}
