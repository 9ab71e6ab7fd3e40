import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../src/churn/eval/evaluate.ts';
import { auc, calibrationError, reliability } from '../src/churn/eval/metrics.ts';
import { population } from '../src/churn/eval/populations.ts';
import { draws } from '../src/churn/eval/sampling.ts';
import { DAY, type GuestHistory, guestFeatures, orderedWithin } from '../src/churn/features.ts';
import { fitLogistic, fitPlatt, sigmoid, solve } from '../src/churn/logistic.ts';
import { bgNbdAt, fitChurnModel, scoreGuests, topReasons } from '../src/churn/model.ts';
import { reasonTexts } from '../src/churn/texts.ts';

const T = Date.parse('2026-06-01T12:00:00.000Z');
const history = (days: number[], revenue: number[] = days.map(() => 20)): GuestHistory => ({
  guest: 'u:g',
  restaurant: 'r1',
  orders: days.map((d, i) => ({ at: T + d * DAY, revenue: revenue[i]! })),
});

describe('churn features', () => {
  it('reads recency, frequency, tenure and the usual interval from the orders before the cut-off', () => {
    const h = history([-45, -35, -25, -15, 3]);
    const f = guestFeatures(h, T);
    assert.ok(f);
    assert.equal(f.stats.orders, 4, 'the order after the cut-off is not known yet');
    assert.equal(f.stats.usualIntervalDays, 10);
    assert.equal(f.stats.daysSinceLastOrder, 15);
    assert.equal(f.stats.tenureDays, 45);
    assert.equal(f.stats.gapVariation, 0);
    assert.equal(f.horizonDays, 10);
    assert.equal(orderedWithin(h, T, f.horizonDays), true);
    assert.equal(orderedWithin(h, T, 2), false);
  });

  it('a daily guest is judged over a week, and one order is no regular', () => {
    assert.equal(guestFeatures(history([-3, -2, -1]), T)?.horizonDays, 7);
    assert.equal(guestFeatures(history([-3]), T), undefined);
  });

  it('a guest gone for more than three usual intervals has left already and gets no score', () => {
    assert.equal(guestFeatures(history([-50, -45, -40]), T), undefined);
    assert.ok(guestFeatures(history([-24, -19, -14]), T));
  });

  it('sees a slowing rhythm and a falling spend', () => {
    const f = guestFeatures(history([-80, -70, -60, -50, -30, -5], [30, 30, 30, 30, 15, 15]), T)!;
    assert.equal(f.stats.recentIntervalDays, 22.5);
    assert.equal(f.stats.recentSpend, 15);
    assert.equal(f.stats.earlierSpend, 30);
  });
});

describe('logistic regression', () => {
  it('solves a linear system', () => {
    const x = solve(
      [
        [4, 1],
        [1, 3],
      ],
      [1, 2],
    );
    assert.ok(Math.abs(x[0]! - 1 / 11) < 1e-12 && Math.abs(x[1]! - 7 / 11) < 1e-12);
  });

  it('recovers the weights of data drawn from a known logistic model', () => {
    const d = draws(5);
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const x = d.normal();
      rows.push([x]);
      y.push(d.chance(sigmoid(-0.5 + 2 * x)) ? 1 : 0);
    }
    const model = fitLogistic(rows, y, 1e-6);
    // Weights are on the standardised input: back to the raw scale to compare.
    const slope = model.weights[1]! / model.scales[0]!;
    const intercept = model.weights[0]! - slope * model.means[0]!;
    assert.ok(Math.abs(slope - 2) < 0.1, `slope ${slope}`);
    assert.ok(Math.abs(intercept + 0.5) < 0.1, `intercept ${intercept}`);
  });

  it('Platt scaling undoes a known distortion of the scores', () => {
    const d = draws(9);
    const scores: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const s = 3 * d.normal();
      scores.push(s);
      y.push(d.chance(sigmoid(0.5 * s + 1)) ? 1 : 0);
    }
    const { a, b } = fitPlatt(scores, y, 1e-6);
    assert.ok(Math.abs(a - 0.5) < 0.05 && Math.abs(b - 1) < 0.08, `a=${a} b=${b}`);
  });
});

describe('churn metrics', () => {
  it('AUC: 1 for a perfect ranking, 0 for a reversed one, 0.5 for ties', () => {
    assert.equal(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]), 1);
    assert.equal(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1]), 0);
    assert.equal(auc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1]), 0.5);
    assert.equal(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), 0.75);
  });

  it('calibration error: the weighted gap between what was said and what happened', () => {
    const table = reliability([0.15, 0.15, 0.15, 0.15, 0.85, 0.85], [0, 0, 0, 1, 1, 1]);
    assert.equal(table[1]!.count, 4);
    assert.equal(table[1]!.observed, 0.25);
    assert.equal(table[8]!.observed, 1);
    assert.ok(Math.abs(calibrationError(table) - ((4 / 6) * 0.1 + (2 / 6) * 0.15)) < 1e-12);
  });
});

describe('churn model', () => {
  it('ranks better than recency alone on held-out behaviour, with honest probabilities', () => {
    const result = evaluate(population('steady', { guests: 1500, seed: 4 }));
    assert.ok(result);
    assert.ok(result.auc > result.recencyAuc, `AUC ${result.auc} vs recency ${result.recencyAuc}`);
    assert.ok(result.calibrationError < 0.07, `calibration error ${result.calibrationError}`);
  });

  it('gives no model (and so no scores) when the history is too thin to learn from', () => {
    const few = population('steady', { guests: 8, seed: 1 });
    assert.equal(fitChurnModel(few.histories, few.now), undefined);
  });

  it('a regular who is far past their rhythm scores above one who just ordered, and hears why', () => {
    const world = population('drifting', { guests: 1500, seed: 2 });
    const known = world.histories.map((h) => ({ ...h, orders: h.orders.filter((o) => o.at < world.now) }));
    const model = fitChurnModel(known, world.now);
    assert.ok(model);
    const rhythm = (lastDaysAgo: number): GuestHistory => ({
      guest: `u:${lastDaysAgo}`,
      restaurant: 'r1',
      orders: Array.from({ length: 8 }, (_, i) => ({ at: world.now - (lastDaysAgo + (7 - i) * 7) * DAY, revenue: 25 })),
    });
    const [late, fresh] = scoreGuests(model, [rhythm(18), rhythm(1)], world.now);
    assert.ok(late && fresh);
    assert.ok(late.probability > fresh.probability + 0.2, `${late.probability} vs ${fresh.probability}`);
    assert.ok(late.probability >= 0.5);
    assert.ok(late.reasons.includes('overdue'));
    assert.equal(fresh.reasons.includes('overdue'), false);
    const [text] = reasonTexts(['overdue'], late.stats, 'en', 'EUR');
    assert.equal(text!.text, 'Usually orders every 7 days; last order 18 days ago');
    const features = guestFeatures(rhythm(18), world.now, bgNbdAt([...known, rhythm(18), rhythm(1)], world.now))!;
    assert.deepEqual(topReasons(model, features.x, features.stats), late.reasons);
  });

  it("states a falling spend with the guest's own amounts, formatted for the locale", () => {
    const stats = guestFeatures(history([-60, -50, -40, -30, -20], [30, 30, 30, 12, 12]), T)!.stats;
    const [de] = reasonTexts(['lower_spend'], stats, 'de', 'EUR');
    // Intl puts a no-break space before the euro sign.
    assert.equal(de!.text.replace(/\s/g, ' '), 'Zuletzt 12,00 € pro Bestellung statt 30,00 € zuvor');
    const [ar] = reasonTexts(['lower_spend'], stats, 'ar', 'EUR');
    assert.match(ar!.text, /^مؤخرًا .+ لكل طلب بدلًا من .+ سابقًا$/);
  });
});
