import type { RandomStream } from '../stream.js';
import { type Distribution, isFiniteNumber, requireParameter } from './distribution.js';

/** Always the same value (deterministic service times, fixed inputs written where a distribution may go). */
export class Constant implements Distribution {
  readonly label: string;
  readonly variance = 0;

  constructor(readonly mean: number) {
    requireParameter(isFiniteNumber(mean), 'constant', 'value', mean, 'a finite number');
    this.label = `constant(${mean})`;
  }

  sample(_rng: RandomStream): number {
    return this.mean;
  }
}
