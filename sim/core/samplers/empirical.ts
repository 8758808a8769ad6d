import type { RandomStream } from '../stream.js';
import { type Distribution, isFiniteNumber, requireParameter } from './distribution.js';

/** Resamples a given data set uniformly with replacement (the bootstrap distribution of the data). */
export class Empirical implements Distribution {
  readonly label: string;
  readonly mean: number;
  /** Variance of the resampling distribution: the population (n-denominator) variance of the data. */
  readonly variance: number;
  readonly data: Float64Array;

  constructor(data: ArrayLike<number>) {
    requireParameter(data.length > 0, 'empirical', 'data', '[]', 'a non-empty list of numbers');
    this.data = Float64Array.from(data);
    let mean = 0;
    for (let i = 0; i < this.data.length; i++) {
      requireParameter(isFiniteNumber(this.data[i]), 'empirical', `data[${i}]`, this.data[i], 'a finite number');
      mean += this.data[i];
    }
    mean /= this.data.length;
    let ss = 0;
    for (const x of this.data) ss += (x - mean) * (x - mean);
    this.label = `empirical(${this.data.length} values)`;
    this.mean = mean;
    this.variance = ss / this.data.length;
  }

  sample(rng: RandomStream): number {
    return this.data[Math.floor(rng.next() * this.data.length)];
  }
}
