import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomStream } from '../stream.js';
import { meanInterval } from './mean-interval.js';
import { RunningStats } from './running-stats.js';
import { TimeIntegral } from './time-integral.js';

test('Welford gives the two-pass mean and variance, and stays exact on a large offset', () => {
  const xs = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16];
  const s = new RunningStats();
  xs.forEach((x) => s.push(x));
  assert.is(s.mean, 1e9 + 10);
  assert.is(s.variance, 30); // (36+9+9+36)/3
  assert.is(s.min, 1e9 + 4);
  assert.is(s.max, 1e9 + 16);
  assert.ok(Number.isNaN(new RunningStats().variance));
});

test('merging accumulators equals pushing every value into one', () => {
  const rng = randomStream(1, 0, 'merge');
  const whole = new RunningStats(), parts = [new RunningStats(), new RunningStats(), new RunningStats()];
  for (let i = 0; i < 1000; i++) {
    const x = rng.standardNormal() * 5 + 3;
    whole.push(x);
    parts[i % 7 === 0 ? 0 : i % 2 === 0 ? 1 : 2].push(x);
  }
  const merged = new RunningStats();
  parts.forEach((p) => merged.merge(p));
  merged.merge(new RunningStats());
  assert.is(merged.count, whole.count);
  assert.ok(Math.abs(merged.mean - whole.mean) < 1e-12);
  assert.ok(Math.abs(merged.variance - whole.variance) < 1e-10);
  assert.is(merged.min, whole.min);
  assert.is(merged.max, whole.max);
});

test('a time integral accumulates value × Δt lazily and averages over elapsed time', () => {
  const power = new TimeIntegral(0, 10); // 10 MW from t = 0
  power.set(2, 4); // 20 MWh so far
  power.add(5, 6); // +12 MWh, then 10 MW
  assert.is(power.integralAt(5), 32);
  assert.is(power.integralAt(8), 62);
  assert.is(power.averageAt(8), 62 / 8);
  assert.throws(() => power.set(4, 0), /before the last update/);
  const late = new TimeIntegral(100, 1);
  assert.is(late.averageAt(110), 1, 'averages from its own start time');
});

test('the mean interval covers with the t quantile: n = 4, 95 % → ±3.182·s/√n', () => {
  const s = new RunningStats();
  [1, 2, 3, 4].forEach((x) => s.push(x));
  const ci = meanInterval(s, 0.95);
  const expected = 3.182446305284263 * Math.sqrt(s.variance / 4);
  assert.ok(Math.abs(ci.halfWidth - expected) < 1e-9);
  assert.is(ci.lower, 2.5 - ci.halfWidth);
  assert.throws(() => meanInterval(s, 1.5), /confidence/);
});

test('95 % t intervals on normal samples cover the mean 95 % of the time (±4 binomial SEs over 4000 repeats)', () => {
  const rng = randomStream(12, 0, 'coverage');
  const repeats = 4000;
  let covered = 0;
  for (let r = 0; r < repeats; r++) {
    const s = new RunningStats();
    for (let i = 0; i < 5; i++) s.push(2 + 3 * rng.standardNormal());
    const ci = meanInterval(s, 0.95);
    if (ci.lower <= 2 && 2 <= ci.upper) covered++;
  }
  // For normal data the t interval is exact at any n, so coverage ~ Binomial(repeats, 0.95)/repeats.
  const se = Math.sqrt((0.95 * 0.05) / repeats);
  assert.ok(Math.abs(covered / repeats - 0.95) <= 4 * se, `coverage ${covered / repeats}`);
});

test.run();
