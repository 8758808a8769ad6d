import { logGamma } from '../special.js';
import type { RandomStream } from '../stream.js';
import { type Distribution, isFiniteNumber, requireParameter } from './distribution.js';

// Below this mean inversion by sequential search is fastest; above it, transformed rejection.
const SMALL_MEAN = 10;

/**
 * Poisson with mean λ ≥ 0. Small means by inversion; large means by Hörmann's transformed rejection
 * with squeeze, PTRS (Insurance: Mathematics and Economics 12, 1993), exact for any λ ≥ 10.
 */
export class Poisson implements Distribution {
  readonly label: string;
  readonly variance: number;
  private readonly expMinusMean: number;
  private readonly b: number;
  private readonly a: number;
  private readonly invAlpha: number;
  private readonly vr: number;
  private readonly logMean: number;

  constructor(readonly mean: number) {
    requireParameter(isFiniteNumber(mean) && mean >= 0, 'poisson', 'mean', mean, 'a finite number ≥ 0');
    this.label = `poisson(${mean})`;
    this.variance = mean;
    this.expMinusMean = Math.exp(-mean);
    const slam = Math.sqrt(mean);
    this.b = 0.931 + 2.53 * slam;
    this.a = -0.059 + 0.02483 * this.b;
    this.invAlpha = 1.1239 + 1.1328 / (this.b - 3.4);
    this.vr = 0.9277 - 3.6224 / (this.b - 2);
    this.logMean = Math.log(mean);
  }

  sample(rng: RandomStream): number {
    return this.mean < SMALL_MEAN ? this.inversion(rng) : this.ptrs(rng);
  }

  private inversion(rng: RandomStream): number {
    let k = 0;
    let p = this.expMinusMean;
    let cumulative = p;
    const u = rng.next();
    while (u > cumulative && p > 0) {
      k++;
      p *= this.mean / k;
      cumulative += p;
    }
    return k;
  }

  private ptrs(rng: RandomStream): number {
    const { a, b, invAlpha, vr, mean } = this;
    for (;;) {
      const u = rng.next() - 0.5;
      const v = rng.nextOpen();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * this.logMean - logGamma(k + 1)) {
        return k;
      }
    }
  }
}
