/**
 * Historical bootstrap: the future is stitched from blocks of past monthly log returns. Circular
 * block bootstrap (Politis & Romano 1992): each block starts at a uniformly chosen month and wraps
 * around the end, so every month is equally likely and the expected return equals the historical
 * mean exactly; blocks keep the months' serial dependence (momentum, volatility clusters). Within a
 * month the log price moves linearly: the model reproduces month-to-month behaviour, not intra-month.
 */
import type { RandomStream } from '../core/stream.js';
import { HOURS_PER_MONTH } from '../core/time.js';
import { finite, requireModelParameter } from './check.js';
import { pathLength, type PriceModel } from './price-model.js';

export interface BootstrapParameters {
  priceUSD: number;
  /** Monthly log returns to resample (see history.ts). */
  logReturns: Float64Array;
  /** Months per block. */
  blockMonths: number;
}

export class HistoricalBootstrap implements PriceModel {
  readonly kind = 'bootstrap';

  constructor(readonly p: BootstrapParameters) {
    requireModelParameter(finite(p.priceUSD) && p.priceUSD > 0, 'bootstrap', 'price', p.priceUSD, 'a finite price > 0 USD');
    requireModelParameter(p.logReturns.length >= 2, 'bootstrap', 'history', `${p.logReturns.length} monthly returns`, 'at least 2 monthly returns');
    requireModelParameter(Number.isInteger(p.blockMonths) && p.blockMonths >= 1 && p.blockMonths <= p.logReturns.length, 'bootstrap', 'blockMonths', p.blockMonths, `an integer in [1, ${p.logReturns.length}] (the months in the window)`);
  }

  /** Monthly log returns for `months` months, resampled in circular blocks. */
  months(months: number, rng: RandomStream): Float64Array {
    const history = this.p.logReturns;
    const n = history.length;
    const out = new Float64Array(months);
    let k = 0;
    while (k < months) {
      const start = Math.floor(rng.next() * n);
      for (let j = 0; j < this.p.blockMonths && k < months; j++, k++) out[k] = history[(start + j) % n];
    }
    return out;
  }

  path(horizonH: number, stepH: number, rng: RandomStream): Float64Array {
    const points = pathLength(horizonH, stepH);
    const monthly = this.months(Math.ceil(((points - 1) * stepH) / HOURS_PER_MONTH) + 1, rng);
    const out = new Float64Array(points);
    const log0 = Math.log(this.p.priceUSD);
    let cumulative = 0; // log return up to the start of month `m`
    let m = 0;
    for (let i = 0; i < points; i++) {
      const months = (i * stepH) / HOURS_PER_MONTH;
      while (m + 1 <= months) cumulative += monthly[m++];
      out[i] = Math.exp(log0 + cumulative + monthly[m] * (months - m));
    }
    return out;
  }
}
