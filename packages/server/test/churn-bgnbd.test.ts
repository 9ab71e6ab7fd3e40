import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitBgNbd, logGamma, logLikelihood, pAlive, pNoOrderWithin, type Rft } from '../src/churn/bgnbd.ts';
import { draws } from '../src/churn/eval/sampling.ts';

const close = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);

describe('BG/NBD', () => {
  it('ln Γ: known values', () => {
    close(logGamma(5), Math.log(24), 1e-12, 'Γ(5) = 24');
    close(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-12, 'Γ(½) = √π');
    close(logGamma(1), 0, 1e-12, 'Γ(1) = 1');
    close(logGamma(0.1), Math.log(9.513507698668732), 1e-12, 'Γ(0.1)');
  });

  it('P(alive) and P(no order within h): the closed forms by hand', () => {
    const p = { r: 1, alpha: 1, a: 1, b: 2 };
    // 1 / (1 + a/(b+x−1) · ((α+T)/(α+tx))^(r+x)) = 1 / (1 + ½ · (4/2)²) = 1/3.
    const guest: Rft = { x: 1, tx: 1, T: 3 };
    close(pAlive(p, guest), 1 / 3, 1e-12, 'P(alive)');
    // Alive and quiet for 4 more days: ((α+T)/(α+T+h))^(r+x) = (4/8)² = ¼; so 1 − ⅓ · ¾ = ¾.
    close(pNoOrderWithin(p, guest, 4), 0.75, 1e-12, 'P(no order within 4 days)');
    assert.equal(pAlive(p, { x: 0, tx: 0, T: 30 }), 1, 'no repeat order: no chance to have left yet');
    assert.ok(pAlive(p, { x: 5, tx: 10, T: 40 }) < pAlive(p, { x: 5, tx: 35, T: 40 }), 'the later, the less alive');
  });

  it('the likelihood of one guest is the closed form of the paper', () => {
    const p = { r: 2, alpha: 3, a: 1.5, b: 4 };
    const g: Rft = { x: 2, tx: 5, T: 9 };
    // B(a, b+x)/B(a, b) · Γ(r+x) α^r / Γ(r) · [(α+T)^−(r+x) + a/(b+x−1) · (α+tx)^−(r+x)], Γ and B by hand.
    const beta = (a: number, b: number) => Math.exp(logGamma(a) + logGamma(b) - logGamma(a + b));
    const expected = (beta(1.5, 6) / beta(1.5, 4)) * ((6 * 9) / 1) * (12 ** -4 + (1.5 / 5) * 8 ** -4);
    close(logLikelihood(p, [g]), Math.log(expected), 1e-10, 'log-likelihood');
  });

  it('recovers the parameters of guests simulated by its own story', () => {
    const truth = { r: 0.8, alpha: 6, a: 1, b: 6 };
    const d = draws(11);
    const guests: Rft[] = [];
    for (let i = 0; i < 4000; i++) {
      const rate = d.gamma(truth.r, 1 / truth.alpha);
      const leave = d.beta(truth.a, truth.b);
      const T = 60 + d.uniform() * 300;
      let t = 0;
      let x = 0;
      let tx = 0;
      for (;;) {
        t += -Math.log(Math.max(d.uniform(), 1e-12)) / rate;
        if (t >= T) break;
        x++;
        tx = t;
        if (d.chance(leave)) break;
      }
      guests.push({ x, tx, T });
    }
    const fit = fitBgNbd(guests);
    assert.ok(fit);
    close(fit.r, truth.r, 0.15, 'r');
    close(fit.alpha, truth.alpha, 1.5, 'α');
    // a and b are known to trade off; their mean chance to leave, a/(a+b), is what the data pins down.
    close(fit.a / (fit.a + fit.b), truth.a / (truth.a + truth.b), 0.04, 'mean chance to leave');
  });

  it('no repeat order anywhere: nothing to fit', () => {
    assert.equal(fitBgNbd([{ x: 0, tx: 0, T: 10 }]), undefined);
  });
});
