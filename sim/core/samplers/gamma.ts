import type { RandomStream } from '../stream.js';
import { type Distribution, isFiniteNumber, requireParameter } from './distribution.js';

/** Draws a standard gamma (scale 1) of any shape > 0: Marsaglia & Tsang (ACM TOMS 26(3), 2000). */
export function standardGamma(rng: RandomStream, shape: number): number {
  if (shape < 1) {
    // Boost: if X ~ Gamma(a + 1) and U ~ U(0,1) then X·U^(1/a) ~ Gamma(a) (Marsaglia & Tsang §6).
    return standardGamma(rng, shape + 1) * Math.pow(rng.nextOpen(), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number, v: number;
    do {
      x = rng.standardNormal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.nextOpen();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Gamma with shape k > 0 and scale θ > 0 (mean kθ, variance kθ²). */
export class Gamma implements Distribution {
  readonly label: string;
  readonly mean: number;
  readonly variance: number;

  constructor(readonly shape: number, readonly scale: number) {
    requireParameter(isFiniteNumber(shape) && shape > 0, 'gamma', 'shape', shape, 'a finite number > 0');
    requireParameter(isFiniteNumber(scale) && scale > 0, 'gamma', 'scale', scale, 'a finite number > 0');
    this.label = `gamma(${shape}, ${scale})`;
    this.mean = shape * scale;
    this.variance = shape * scale * scale;
  }

  /** The gamma with the given mean and coefficient of variation (shape = 1/CV²). */
  static fromMeanCv(mean: number, cv: number): Gamma {
    requireParameter(isFiniteNumber(cv) && cv > 0, 'gamma', 'cv', cv, 'a finite number > 0');
    const shape = 1 / (cv * cv);
    return new Gamma(shape, mean / shape);
  }

  sample(rng: RandomStream): number {
    return this.scale * standardGamma(rng, this.shape);
  }
}
