import { gammaFunction } from '../special.js';
import type { RandomStream } from '../stream.js';
import { type Distribution, isFiniteNumber, requireParameter } from './distribution.js';

/** Weibull with shape k > 0 and scale λ > 0, by inversion: λ·(−ln U)^(1/k). */
export class Weibull implements Distribution {
  readonly label: string;
  readonly mean: number;
  readonly variance: number;

  constructor(readonly shape: number, readonly scale: number) {
    requireParameter(isFiniteNumber(shape) && shape > 0, 'weibull', 'shape', shape, 'a finite number > 0');
    requireParameter(isFiniteNumber(scale) && scale > 0, 'weibull', 'scale', scale, 'a finite number > 0');
    this.label = `weibull(${shape}, ${scale})`;
    const g1 = gammaFunction(1 + 1 / shape);
    this.mean = scale * g1;
    this.variance = scale * scale * (gammaFunction(1 + 2 / shape) - g1 * g1);
  }

  sample(rng: RandomStream): number {
    return this.scale * Math.pow(-Math.log(rng.nextOpen()), 1 / this.shape);
  }
}
