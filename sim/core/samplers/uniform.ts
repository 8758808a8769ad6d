import type { RandomStream } from '../stream.js';
import { type Distribution, isFiniteNumber, requireParameter } from './distribution.js';

/** Continuous uniform on [min, max). */
export class Uniform implements Distribution {
  readonly label: string;
  readonly mean: number;
  readonly variance: number;
  private readonly width: number;

  constructor(readonly min: number, readonly max: number) {
    requireParameter(isFiniteNumber(min), 'uniform', 'min', min, 'a finite number');
    requireParameter(isFiniteNumber(max) && max >= min, 'uniform', 'max', max, `a finite number ≥ min (${min})`);
    this.width = max - min;
    this.label = `uniform(${min}, ${max})`;
    this.mean = (min + max) / 2;
    this.variance = (this.width * this.width) / 12;
  }

  sample(rng: RandomStream): number {
    return this.min + this.width * rng.next();
  }
}
