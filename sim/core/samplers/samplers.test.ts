import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomStream } from '../stream.js';
import { Constant } from './constant.js';
import { Discrete } from './discrete.js';
import type { Distribution } from './distribution.js';
import { Empirical } from './empirical.js';
import { Exponential } from './exponential.js';
import { Gamma } from './gamma.js';
import { LogNormal } from './lognormal.js';
import { Mixture } from './mixture.js';
import { Normal } from './normal.js';
import { Pareto } from './pareto.js';
import { Poisson } from './poisson.js';
import { Triangular } from './triangular.js';
import { Uniform } from './uniform.js';
import { Weibull } from './weibull.js';

// Every check allows K standard errors: with fixed seeds the outcome is fixed, and a correct sampler
// lands outside ±4 SE with probability 6e-5, so a failure means a wrong sampler, not bad luck.
const K = 4;
const N = 200_000;

/**
 * Draws N values and checks the sample mean against the theoretical mean (SE = σ/√n) and the sample
 * variance against the theoretical variance (SE of s² = √((m₄ − s⁴)/n), m₄ the sample 4th central moment).
 */
function checkMoments(d: Distribution, seed = 1): void {
  const rng = randomStream(seed, 0, d.label);
  const xs = new Float64Array(N);
  let sum = 0;
  for (let i = 0; i < N; i++) sum += xs[i] = d.sample(rng);
  const mean = sum / N;
  let m2 = 0, m4 = 0;
  for (const x of xs) {
    const d2 = (x - mean) ** 2;
    m2 += d2;
    m4 += d2 * d2;
  }
  const s2 = m2 / (N - 1);
  m4 /= N;
  const meanSE = Math.sqrt(d.variance / N);
  const varSE = Math.sqrt((m4 - s2 * s2) / N);
  assert.ok(Math.abs(mean - d.mean) <= K * meanSE, `${d.label}: mean ${mean} vs ${d.mean} (SE ${meanSE})`);
  assert.ok(Math.abs(s2 - d.variance) <= K * varSE, `${d.label}: variance ${s2} vs ${d.variance} (SE ${varSE})`);
}

test('uniform(2, 5) has mean 3.5 and variance 0.75', () => {
  const d = new Uniform(2, 5);
  assert.is(d.mean, 3.5);
  assert.is(d.variance, 0.75);
  checkMoments(d);
});

test('exponential(rate 4) has mean 1/4 and variance 1/16', () => checkMoments(new Exponential(4)));

test('normal(10, 3) matches its mean and variance', () => checkMoments(new Normal(10, 3)));

test('lognormal(0.2, 0.6) matches exp(μ+σ²/2) and (e^{σ²}−1)e^{2μ+σ²}; fromMoments round-trips', () => {
  checkMoments(new LogNormal(0.2, 0.6));
  const d = LogNormal.fromMoments(5, 2);
  assert.ok(Math.abs(d.mean - 5) < 1e-12 && Math.abs(Math.sqrt(d.variance) - 2) < 1e-12);
});

test('gamma matches kθ and kθ² for shapes below and above 1', () => {
  checkMoments(new Gamma(0.3, 2));
  checkMoments(new Gamma(3.7, 0.5));
  const cv = Gamma.fromMeanCv(10, 2);
  assert.ok(Math.abs(Math.sqrt(cv.variance) / cv.mean - 2) < 1e-12);
});

test('poisson matches mean = variance = λ by inversion (λ = 3.2) and by PTRS (λ = 47.5, 2500)', () => {
  checkMoments(new Poisson(3.2));
  checkMoments(new Poisson(47.5));
  checkMoments(new Poisson(2500));
  const rng = randomStream(1, 0, 'int');
  const p = new Poisson(47.5);
  for (let i = 0; i < 1000; i++) {
    const k = p.sample(rng);
    if (!Number.isInteger(k) || k < 0) assert.unreachable(`not a count: ${k}`);
  }
  assert.is(new Poisson(0).sample(rng), 0);
});

test('poisson(12) frequencies match the pmf (each within 4 binomial SEs)', () => {
  const d = new Poisson(12);
  const rng = randomStream(2, 0, 'pmf');
  const counts = new Array(60).fill(0);
  for (let i = 0; i < N; i++) counts[d.sample(rng)]++;
  let pmf = Math.exp(-12);
  for (let k = 0; k < 30; k++) {
    const se = Math.sqrt((N * pmf * (1 - pmf)));
    assert.ok(Math.abs(counts[k] - N * pmf) <= K * se + 1, `k=${k}: ${counts[k]} vs ${N * pmf}`);
    pmf *= 12 / (k + 1);
  }
});

test('weibull matches λΓ(1+1/k) and λ²[Γ(1+2/k) − Γ(1+1/k)²]', () => {
  checkMoments(new Weibull(1.5, 2));
  const w = new Weibull(1, 3); // shape 1 is the exponential with mean 3
  assert.ok(Math.abs(w.mean - 3) < 1e-12 && Math.abs(w.variance - 9) < 1e-10);
});

test('pareto(1, 6) matches αx/(α−1) and x²α/((α−1)²(α−2)); heavy tails report infinite moments', () => {
  checkMoments(new Pareto(1, 6));
  assert.is(new Pareto(1, 1).mean, Infinity);
  assert.is(new Pareto(1, 2).variance, Infinity);
});

test('triangular(1, 2, 6) matches (a+b+c)/3 and its variance; samples stay in [min, max]', () => {
  const d = new Triangular(1, 2, 6);
  checkMoments(d);
  const rng = randomStream(1, 0, 'tri-range');
  for (let i = 0; i < 10_000; i++) {
    const x = d.sample(rng);
    if (x < 1 || x > 6) assert.unreachable(`out of range ${x}`);
  }
  checkMoments(new Triangular(0, 0, 1)); // mode at an end
});

test('discrete (alias method) draws each value with its probability', () => {
  const probabilities = [0.932, 0.022, 0.023, 0.02, 0.003];
  const d = new Discrete([1, 2, 4, 8, 16], probabilities);
  checkMoments(d);
  const rng = randomStream(4, 0, 'alias');
  const counts = [0, 0, 0, 0, 0];
  for (let i = 0; i < N; i++) counts[d.sampleIndex(rng)]++;
  probabilities.forEach((p, i) => {
    const se = Math.sqrt(N * p * (1 - p));
    assert.ok(Math.abs(counts[i] - N * p) <= K * se, `value ${i}: ${counts[i]} vs ${N * p}`);
  });
});

test('empirical resamples its data: mean and population variance of the data', () => {
  const data = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
  const d = new Empirical(data);
  checkMoments(d);
  const rng = randomStream(1, 0, 'emp');
  for (let i = 0; i < 1000; i++) if (!data.includes(d.sample(rng))) assert.unreachable('value not in data');
});

test('a mixture matches Σwμ and Σw(σ² + μ²) − mean² (a Gavel-like short/long job mix)', () => {
  const d = new Mixture([new LogNormal(0, 0.5), new LogNormal(3, 0.4)], [0.8, 0.2]);
  checkMoments(d);
  assert.throws(() => new Mixture([new Constant(1)], [0.5]), /probabilities must be a list summing to 1/);
});

test('constant always returns its value', () => {
  const d = new Constant(2.5);
  assert.is(d.sample(randomStream(1, 0, 'c')), 2.5);
  assert.is(d.variance, 0);
});

test('impossible parameters fail with the parameter and the accepted range', () => {
  assert.throws(() => new Exponential(-1), /exponential: rate must be a finite number > 0, got -1/);
  assert.throws(() => new Normal(0, -2), /normal: sd must be a finite number ≥ 0, got -2/);
  assert.throws(() => new Gamma(0, 1), /gamma: shape/);
  assert.throws(() => new Uniform(3, 1), /uniform: max must be a finite number ≥ min \(3\)/);
  assert.throws(() => new Triangular(0, 5, 4), /triangular: mode must be a number in \[0, 4\]/);
  assert.throws(() => new Poisson(NaN), /poisson: mean/);
  assert.throws(() => new Discrete([1, 2], [0.5, 0.6]), /discrete: probabilities must be a list summing to 1, got a sum of 1\.1/);
  assert.throws(() => new Discrete([1, 2], [1]), /2 entries, one per value/);
  assert.throws(() => new Empirical([]), /empirical: data must be a non-empty list/);
  assert.throws(() => new Pareto(0, 2), /pareto: minimum/);
  assert.throws(() => new Weibull(1, -1), /weibull: scale/);
});

test.run();
