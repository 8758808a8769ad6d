import type { RandomStream } from '../stream.js';
import { type Distribution, isFiniteNumber, requireParameter } from './distribution.js';

/** Pareto (type I) with minimum x_m > 0 and tail index α > 0, by inversion: x_m / U^(1/α). */
export class Pareto implements Distribution {
  readonly label: string;
  readonly mean: number;
  readonly variance: number;

  constructor(readonly minimum: number, readonly alpha: number) {
    requireParameter(isFiniteNumber(minimum) && minimum > 0, 'pareto', 'minimum', minimum, 'a finite number > 0');
    requireParameter(isFiniteNumber(alpha) && alpha > 0, 'pareto', 'alpha', alpha, 'a finite number > 0');
    this.label = `pareto(${minimum}, ${alpha})`;
    this.mean = alpha > 1 ? (alpha * minimum) / (alpha - 1) : Infinity;
    this.variance = alpha > 2 ? (minimum * minimum * alpha) / ((alpha - 1) ** 2 * (alpha - 2)) : Infinity;
  }

  sample(rng: RandomStream): number {
    return this.minimum / Math.pow(rng.nextOpen(), 1 / this.alpha);
  }
}
