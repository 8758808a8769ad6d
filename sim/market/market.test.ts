import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RunningStats } from '../core/stats/running-stats.js';
import { randomStream } from '../core/stream.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import { HistoricalBootstrap } from './bootstrap.js';
import { FeeShare } from './fees.js';
import { monthlyLogReturns, parseMonthlyCloses, readMonthlyCloses } from './history.js';
import { Kou } from './kou.js';
import { Merton } from './merton.js';
import type { PriceModel } from './price-model.js';
import { RegimeSwitching } from './regime-switching.js';

const K = 4; // standard errors allowed; seeds are fixed

/** Log returns over `stepH` steps from many paths, pooled. */
function logReturns(model: PriceModel, stepH: number, paths: number, steps: number): RunningStats {
  const s = new RunningStats();
  for (let r = 0; r < paths; r++) {
    const p = model.path(steps * stepH, stepH, randomStream(11, r, model.kind));
    for (let i = 1; i < p.length; i++) s.push(Math.log(p[i] / p[i - 1]));
  }
  return s;
}

/** Checks mean and variance of log returns against formulas; SE of the variance from 2σ⁴/n plus the jump kurtosis margin. */
function checkMoments(s: RunningStats, expected: { mean: number; variance: number }, excessKurtosis: number, what: string): void {
  const seMean = Math.sqrt(expected.variance / s.count);
  assert.ok(Math.abs(s.mean - expected.mean) <= K * seMean, `${what} mean ${s.mean} vs ${expected.mean}`);
  // Var(s²) ≈ σ⁴ (2/(n−1) + κ/n) with κ the excess kurtosis of one return.
  const seVar = expected.variance * Math.sqrt(2 / (s.count - 1) + excessKurtosis / s.count);
  assert.ok(Math.abs(s.variance - expected.variance) <= K * seVar, `${what} variance ${s.variance} vs ${expected.variance}`);
}

test('Merton: first two moments of daily log returns match the formulas', () => {
  const m = new Merton({ priceUSD: 90000, driftPerYear: 0.1, volatilityPerSqrtYear: 0.4, jumpsPerYear: 12, jumpMean: -0.05, jumpSd: 0.08 });
  const dt = 24 / HOURS_PER_YEAR;
  const th = m.logReturnMoments(dt);
  // Excess kurtosis of a compound-Poisson-plus-normal return: λΔ·E[Y⁴]/Var².
  const ey4 = 0.05 ** 4 + 6 * 0.05 ** 2 * 0.08 ** 2 + 3 * 0.08 ** 4;
  checkMoments(logReturns(m, 24, 200, 1000), th, (12 * dt * ey4) / th.variance ** 2, 'merton');
});

test('Kou: first two moments of daily log returns match the formulas', () => {
  const k = new Kou({ priceUSD: 90000, driftPerYear: 0, volatilityPerSqrtYear: 0.45, jumpsPerYear: 8, upProbability: 0.4, upRate: 10, downRate: 8 });
  const dt = 24 / HOURS_PER_YEAR;
  const th = k.logReturnMoments(dt);
  const ey4 = 0.4 * 24 / 10 ** 4 + 0.6 * 24 / 8 ** 4; // E[Y⁴] of the double exponential: 4!/η⁴ per side
  checkMoments(logReturns(k, 24, 200, 1000), th, (8 * dt * ey4) / th.variance ** 2, 'kou');
});

test('jump models keep E[S(t)] = S(0)·e^{μt}: the drift is compensated for the jumps', () => {
  const k = new Kou({ priceUSD: 100, driftPerYear: 0.05, volatilityPerSqrtYear: 0.3, jumpsPerYear: 10, upProbability: 0.5, upRate: 12, downRate: 9 });
  const finals = new RunningStats();
  for (let r = 0; r < 4000; r++) {
    const p = k.path(8766, 24 * 7, randomStream(3, r, 'kou-mean'));
    finals.push(p[p.length - 1] / Math.exp((0.05 * (p.length - 1) * 24 * 7) / 8766));
  }
  assert.ok(Math.abs(finals.mean - 100) <= K * finals.standardError, `discounted mean ${finals.mean} ± ${finals.standardError}`);
});

test('regime switching: time spent in each regime matches the stationary distribution', () => {
  const model = new RegimeSwitching({
    priceUSD: 90000,
    regimes: [
      { name: 'bull', driftPerYear: 0.6, volatilityPerSqrtYear: 0.5 },
      { name: 'bear', driftPerYear: -0.4, volatilityPerSqrtYear: 0.7 },
      { name: 'crash', driftPerYear: -2, volatilityPerSqrtYear: 1.2 },
    ],
    ratesPerYear: [
      [-1, 0.8, 0.2],
      [1.5, -2, 0.5],
      [4, 2, -6],
    ],
    initialRegime: 0,
  });
  const pi = model.stationary();
  assert.ok(Math.abs(pi.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  // Independent replications, each long enough to forget where it started (mixing time < 1 year).
  const per = pi.map(() => new RunningStats());
  for (let r = 0; r < 200; r++) {
    const { occupancy } = model.pathWithRegimes(20 * 8766, 24, randomStream(5, r, 'regimes'));
    const steps = occupancy.length / 3;
    const burnIn = Math.floor(steps / 4);
    const share = [0, 0, 0];
    for (let i = burnIn; i < steps; i++) for (let j = 0; j < 3; j++) share[j] += occupancy[i * 3 + j];
    share.forEach((s, j) => per[j].push(s / (steps - burnIn)));
  }
  per.forEach((s, j) => assert.ok(Math.abs(s.mean - pi[j]) <= K * s.standardError, `regime ${j}: ${s.mean} vs π = ${pi[j]}`));
});

test('historical bootstrap preserves the historical mean monthly log return', () => {
  const history = readMonthlyCloses('scenarios/data/btc-month-end-closes.csv');
  assert.is(history.months.length, 186);
  const returns = monthlyLogReturns(history, '2015-01', '2025-12');
  const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
  const sd = Math.sqrt(returns.reduce((a, b) => a + (b - mean) ** 2, 0) / returns.length);
  const model = new HistoricalBootstrap({ priceUSD: 88364, logReturns: returns, blockMonths: 6 });
  const means = new RunningStats();
  for (let r = 0; r < 2000; r++) {
    const m = model.months(60, randomStream(8, r, 'bootstrap'));
    means.push(m.reduce((a, b) => a + b, 0) / m.length);
  }
  // Circular blocks make every month equally likely: E[resampled mean] is the historical mean exactly.
  assert.ok(Math.abs(means.mean - mean) <= K * means.standardError, `${means.mean} vs ${mean}`);
  // And a path's price follows its monthly returns at month ends.
  const path = model.path(2 * 8766, 24, randomStream(8, 0, 'bootstrap'));
  assert.ok(path.every((x) => x > 0));
  assert.ok(sd > 0.1, 'BTC months are volatile');
});

test('the fee share stays in (0, 1) and reverts to its median', () => {
  const fees = new FeeShare({ median: 0.0055, reversionPerYear: 4, volatilityPerSqrtYear: 1.5, initial: 0.05 });
  const late = new RunningStats();
  for (let r = 0; r < 300; r++) {
    const p = fees.path(3 * 8766, 24, randomStream(2, r, 'fees'));
    for (const f of p) if (!(f > 0 && f < 1)) assert.unreachable(`share ${f}`);
    late.push(Math.log(p[p.length - 1] / (1 - p[p.length - 1])));
  }
  // After 3 years (12 half-lives) the logit is stationary: mean logit(median), var σ²/(2κ).
  const theta = Math.log(0.0055 / (1 - 0.0055));
  assert.ok(Math.abs(late.mean - theta) <= K * Math.sqrt(1.5 ** 2 / 8 / 300), `logit mean ${late.mean} vs ${theta}`);
});

test('impossible parameters fail naming the parameter and the accepted range', () => {
  const base = { priceUSD: 1, driftPerYear: 0, volatilityPerSqrtYear: 0.5 };
  assert.throws(() => new Merton({ ...base, volatilityPerSqrtYear: -0.1, jumpsPerYear: 1, jumpMean: 0, jumpSd: 0.1 }), /merton: volatility must be an annualised volatility in \[0, 5\], got -0.1/);
  assert.throws(() => new Kou({ ...base, jumpsPerYear: 1, upProbability: 0.5, upRate: 0.5, downRate: 1 }), /kou: upRate must be a rate > 1/);
  assert.throws(
    () => new RegimeSwitching({ priceUSD: 1, regimes: [{ name: 'a', driftPerYear: 0, volatilityPerSqrtYear: 0.1 }, { name: 'b', driftPerYear: 0, volatilityPerSqrtYear: 0.1 }], ratesPerYear: [[-1, 1], [2, -1]], initialRegime: 0 }),
    /regime-switching: rates\[1\] must be a generator row summing to 0.*got a row summing to 1/,
  );
  assert.throws(() => parseMonthlyCloses('month_end,close_usd\n', 'empty.csv'), /empty\.csv: needs at least two monthly closes, found 0/);
  assert.throws(() => parseMonthlyCloses('month_end,close_usd\n2020-01-31,abc\n', 'bad.csv'), /bad\.csv:2: expected 'YYYY-MM-DD,<close > 0>'/);
  const h = parseMonthlyCloses('month_end,close_usd\n2020-01-31,1\n2020-02-29,2\n2020-03-31,3\n', 'x.csv');
  assert.throws(() => monthlyLogReturns(h, '2021-01'), /holds 0 monthly returns; needs at least 2/);
  assert.throws(() => new HistoricalBootstrap({ priceUSD: 1, logReturns: new Float64Array([0.1, 0.2]), blockMonths: 5 }), /blockMonths must be an integer in \[1, 2\]/);
  assert.throws(() => new FeeShare({ median: 1.2, reversionPerYear: 1, volatilityPerSqrtYear: 1 }), /fees: median must be a share in \(0, 1\)/);
});

test.run();
