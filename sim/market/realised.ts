/**
 * The BTC price as it was: month-end closes, joined log-linearly (a constant growth rate within each
 * month). A close belongs to the end of its month's last day, i.e. midnight UTC starting the next month.
 * As a PriceModel it gives the same path whatever the random stream: backtests and fits condition on it.
 */
import type { MonthlyCloses } from './history.js';
import type { PriceModel } from './price-model.js';

const MS_PER_DAY = 86_400_000;

export class RealisedPrices {
  /** Days since 1970-01-01 (UTC) of each close. */
  readonly unixDays: Float64Array;
  private readonly lnClose: Float64Array;

  constructor(readonly closes: MonthlyCloses, readonly file: string) {
    this.unixDays = Float64Array.from(closes.months, (m) => {
      const [y, mo] = m.split('-').map(Number);
      return Date.UTC(y, mo, 1) / MS_PER_DAY; // month index mo (1-based) is the next month, 0-based
    });
    this.lnClose = closes.closesUSD.map(Math.log);
  }

  get firstUnixDay(): number {
    return this.unixDays[0];
  }

  get lastUnixDay(): number {
    return this.unixDays[this.unixDays.length - 1];
  }

  /** Price (USD) at `unixDay`, inside [firstUnixDay, lastUnixDay]. */
  priceAt(unixDay: number): number {
    const t = this.unixDays;
    if (!(unixDay >= t[0] && unixDay <= t[t.length - 1])) {
      throw new RangeError(`realised prices: day ${new Date(unixDay * MS_PER_DAY).toISOString().slice(0, 10)} is outside the closes (${this.closes.months[0]} … ${this.closes.months[t.length - 1]})`);
    }
    let k = 1;
    while (k < t.length - 1 && t[k] < unixDay) k++;
    const u = (unixDay - t[k - 1]) / (t[k] - t[k - 1]);
    return Math.exp(this.lnClose[k - 1] + u * (this.lnClose[k] - this.lnClose[k - 1]));
  }
}

/** The realised path as a price model for a world starting on `startUnixDay`. */
export class RealisedPriceModel implements PriceModel {
  readonly kind = 'realised';

  private last?: { horizonH: number; stepH: number; path: Float64Array };

  constructor(readonly prices: RealisedPrices, readonly startUnixDay: number) {}

  /** The same path for every replication, computed once (callers read it, never write it). */
  path(horizonH: number, stepH: number): Float64Array {
    if (this.last?.horizonH === horizonH && this.last.stepH === stepH) return this.last.path;
    const n = Math.ceil(horizonH / stepH - 1e-9) + 1;
    const path = Float64Array.from({ length: n }, (_, k) => this.prices.priceAt(Math.min(this.startUnixDay + (k * stepH) / 24, this.prices.lastUnixDay)));
    this.last = { horizonH, stepH, path };
    return path;
  }
}
