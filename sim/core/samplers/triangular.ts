import type { RandomStream } from '../stream.js';
import { type Distribution, isFiniteNumber, requireParameter } from './distribution.js';

/** Triangular on [min, max] with the given mode, by inversion of its piecewise-quadratic CDF. */
export class Triangular implements Distribution {
  readonly label: string;
  readonly mean: number;
  readonly variance: number;
  private readonly modeFraction: number;

  constructor(readonly min: number, readonly mode: number, readonly max: number) {
    requireParameter(isFiniteNumber(min), 'triangular', 'min', min, 'a finite number');
    requireParameter(isFiniteNumber(max) && max > min, 'triangular', 'max', max, `a finite number > min (${min})`);
    requireParameter(isFiniteNumber(mode) && mode >= min && mode <= max, 'triangular', 'mode', mode, `a number in [${min}, ${max}]`);
    this.label = `triangular(${min}, ${mode}, ${max})`;
    this.modeFraction = (mode - min) / (max - min);
    this.mean = (min + mode + max) / 3;
    this.variance = (min * min + mode * mode + max * max - min * mode - min * max - mode * max) / 18;
  }

  sample(rng: RandomStream): number {
    const u = rng.next();
    const { min, mode, max } = this;
    return u < this.modeFraction
      ? min + Math.sqrt(u * (max - min) * (mode - min))
      : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
  }
}
