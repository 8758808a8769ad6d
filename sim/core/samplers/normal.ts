import type { RandomStream } from '../stream.js';
import { type Distribution, isFiniteNumber, requireParameter } from './distribution.js';

/** Normal with mean μ and standard deviation σ ≥ 0. */
export class Normal implements Distribution {
  readonly label: string;
  readonly variance: number;

  constructor(readonly mean: number, readonly sd: number) {
    requireParameter(isFiniteNumber(mean), 'normal', 'mean', mean, 'a finite number');
    requireParameter(isFiniteNumber(sd) && sd >= 0, 'normal', 'sd', sd, 'a finite number ≥ 0');
    this.label = `normal(${mean}, ${sd})`;
    this.variance = sd * sd;
  }

  sample(rng: RandomStream): number {
    return this.mean + this.sd * rng.standardNormal();
  }
}
