/**
 * Regime-switching GBM: a continuous-time Markov chain over regimes (say bull, bear, crash), each with
 * its own drift and volatility. The chain is simulated exactly — exponential holding times, jumps
 * by the generator's rates — and each step's log return integrates the regimes it spent time in:
 * Σ (μₖ − σₖ²/2)τₖ + √(Σ σₖ²τₖ)·Z.
 */
import type { RandomStream } from '../core/stream.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import { finite, requireModelParameter } from './check.js';
import { pathLength, type PriceModel } from './price-model.js';

export interface Regime {
  name: string;
  driftPerYear: number;
  volatilityPerSqrtYear: number;
}

export interface RegimeSwitchingParameters {
  priceUSD: number;
  regimes: readonly Regime[];
  /** Generator Q per year: Q[i][j] ≥ 0 is the rate of switching i → j; each row sums to 0. */
  ratesPerYear: readonly (readonly number[])[];
  /** Index of the regime at t = 0. */
  initialRegime: number;
}

const ROW_SUM_TOLERANCE = 1e-9;

export class RegimeSwitching implements PriceModel {
  readonly kind = 'regime-switching';
  private readonly leaveRate: Float64Array;

  constructor(readonly p: RegimeSwitchingParameters) {
    const n = p.regimes.length;
    requireModelParameter(finite(p.priceUSD) && p.priceUSD > 0, 'regime-switching', 'price', p.priceUSD, 'a finite price > 0 USD');
    requireModelParameter(n >= 2, 'regime-switching', 'regimes', n, 'at least 2 regimes');
    p.regimes.forEach((r, i) => {
      requireModelParameter(finite(r.driftPerYear) && Math.abs(r.driftPerYear) <= 50, 'regime-switching', `regimes[${i}].drift`, r.driftPerYear, 'a number per year in [-50, 50]');
      requireModelParameter(finite(r.volatilityPerSqrtYear) && r.volatilityPerSqrtYear >= 0 && r.volatilityPerSqrtYear <= 10, 'regime-switching', `regimes[${i}].volatility`, r.volatilityPerSqrtYear, 'an annualised volatility in [0, 10]');
    });
    requireModelParameter(p.ratesPerYear.length === n, 'regime-switching', 'rates', `${p.ratesPerYear.length} rows`, `${n} rows, one per regime`);
    this.leaveRate = new Float64Array(n);
    p.ratesPerYear.forEach((row, i) => {
      requireModelParameter(row.length === n, 'regime-switching', `rates[${i}]`, `${row.length} entries`, `${n} entries`);
      let sum = 0, scale = 0;
      row.forEach((q, j) => {
        requireModelParameter(finite(q), 'regime-switching', `rates[${i}][${j}]`, q, 'a finite rate per year');
        if (i !== j) requireModelParameter(q >= 0, 'regime-switching', `rates[${i}][${j}]`, q, 'a rate ≥ 0 (off the diagonal)');
        sum += q;
        scale += Math.abs(q);
      });
      requireModelParameter(Math.abs(sum) <= ROW_SUM_TOLERANCE * Math.max(1, scale), 'regime-switching', `rates[${i}]`, `a row summing to ${sum}`, 'a generator row summing to 0 (the diagonal is minus the sum of the others)');
      this.leaveRate[i] = -row[i];
    });
    requireModelParameter(Number.isInteger(p.initialRegime) && p.initialRegime >= 0 && p.initialRegime < n, 'regime-switching', 'initial', p.initialRegime, `a regime index in [0, ${n - 1}]`);
  }

  /** The stationary distribution π (πQ = 0, Σπ = 1), by Gaussian elimination on Qᵀ with one row replaced by Σπ = 1. */
  stationary(): number[] {
    const n = this.p.regimes.length;
    const a = Array.from({ length: n }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (j < n ? this.p.ratesPerYear[j][i] : 0)));
    a[n - 1] = Array.from({ length: n + 1 }, () => 1);
    for (let c = 0; c < n; c++) {
      let pivot = c;
      for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
      [a[c], a[pivot]] = [a[pivot], a[c]];
      for (let r = 0; r < n; r++) {
        if (r === c) continue;
        const f = a[r][c] / a[c][c];
        for (let k = c; k <= n; k++) a[r][k] -= f * a[c][k];
      }
    }
    return a.map((row, i) => row[n] / row[i]);
  }

  path(horizonH: number, stepH: number, rng: RandomStream): Float64Array {
    return this.pathWithRegimes(horizonH, stepH, rng).priceUSD;
  }

  /** Prices plus, for each step, the fraction of it spent in each regime (row-major, steps × regimes). */
  pathWithRegimes(horizonH: number, stepH: number, rng: RandomStream): { priceUSD: Float64Array; occupancy: Float64Array } {
    const n = this.p.regimes.length;
    const points = pathLength(horizonH, stepH);
    const out = new Float64Array(points);
    const occupancy = new Float64Array((points - 1) * n);
    const dt = stepH / HOURS_PER_YEAR;
    let regime = this.p.initialRegime;
    let untilSwitch = this.holdingTime(regime, rng);
    let logPrice = Math.log(this.p.priceUSD);
    out[0] = this.p.priceUSD;
    for (let i = 1; i < points; i++) {
      let left = dt, driftSum = 0, varianceSum = 0;
      while (left > 0) {
        const tau = Math.min(left, untilSwitch);
        const r = this.p.regimes[regime];
        driftSum += (r.driftPerYear - 0.5 * r.volatilityPerSqrtYear ** 2) * tau;
        varianceSum += r.volatilityPerSqrtYear ** 2 * tau;
        occupancy[(i - 1) * n + regime] += tau / dt;
        left -= tau;
        untilSwitch -= tau;
        if (untilSwitch <= 0) {
          regime = this.nextRegime(regime, rng);
          untilSwitch = this.holdingTime(regime, rng);
        }
      }
      logPrice += driftSum + Math.sqrt(varianceSum) * rng.standardNormal();
      out[i] = Math.exp(logPrice);
    }
    return { priceUSD: out, occupancy };
  }

  private holdingTime(regime: number, rng: RandomStream): number {
    const q = this.leaveRate[regime];
    return q > 0 ? rng.standardExponential() / q : Infinity;
  }

  private nextRegime(regime: number, rng: RandomStream): number {
    const row = this.p.ratesPerYear[regime];
    let u = rng.next() * this.leaveRate[regime];
    let last = regime;
    for (let j = 0; j < row.length; j++) {
      if (j === regime || row[j] <= 0) continue;
      last = j;
      u -= row[j];
      if (u < 0) return j;
    }
    return last; // rounding left u a hair above zero: take the last possible regime
  }
}
