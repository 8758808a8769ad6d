import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomStream } from '../stream.js';
import { pearson, ranks, spearman } from './rank-correlation.js';

test('ranks: ties share the mean of the ranks they span', () => {
  assert.equal(Array.from(ranks([10, 30, 20, 30, 5])), [2, 4.5, 3, 4.5, 1]);
});

test('Spearman is 1 for any increasing transform and −1 for a decreasing one', () => {
  const xs = Array.from({ length: 50 }, (_, i) => Math.sin(i) * 10);
  assert.ok(Math.abs(spearman(xs, xs.map((x) => Math.exp(x)), 0.95).rho - 1) < 1e-12);
  assert.ok(Math.abs(spearman(xs, xs.map((x) => -(x ** 3)), 0.95).rho + 1) < 1e-12);
  assert.ok(Number.isNaN(pearson([1, 2, 3], [5, 5, 5])), 'a constant sample has no correlation');
});

test('bivariate normal: the interval covers the population Spearman ρ = (6/π)·asin(r/2) (Pearson 1907)', () => {
  const rng = randomStream(11, 0, 'spearman');
  for (const r of [0, 0.6, -0.8]) {
    const n = 2000;
    const xs = new Float64Array(n), ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = rng.standardNormal(), b = rng.standardNormal();
      xs[i] = a;
      ys[i] = r * a + Math.sqrt(1 - r * r) * b;
    }
    const population = (6 / Math.PI) * Math.asin(r / 2);
    const est = spearman(xs, ys, 0.999);
    assert.ok(est.lower <= population && population <= est.upper, `r ${r}: [${est.lower}, ${est.upper}] vs ${population}`);
    // The interval's width is what 1.06/(n − 3) says: about ±3.3·√(1.06/1997)·(1 − ρ²) wide in ρ.
    assert.ok(est.upper - est.lower < 2 * 3.3 * Math.sqrt(1.06 / (n - 3)) * 1.01);
  }
});

test.run();
