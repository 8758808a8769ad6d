import type { RandomStream } from '../stream.js';
import { type Distribution, isFiniteNumber, requireParameter } from './distribution.js';

/** Exponential with the given rate (mean 1/rate), by inversion. */
export class Exponential implements Distribution {
  readonly label: string;
  readonly mean: number;
  readonly variance: number;

  constructor(readonly rate: number) {
    requireParameter(isFiniteNumber(rate) && rate > 0, 'exponential', 'rate', rate, 'a finite number > 0');
    this.label = `exponential(${rate})`;
    this.mean = 1 / rate;
    this.variance = 1 / (rate * rate);
  }

  sample(rng: RandomStream): number {
    return rng.standardExponential() / this.rate;
  }
}
