/** Standard normal distribution function and its inverse. */
import { invertCdf, regularizedGammaQ } from '../special.js';

/** Φ(x), through Φ(x) = ½·Q(½, x²/2) for x < 0, which keeps the lower tail accurate. */
export function normalCdf(x: number): number {
  const tail = 0.5 * regularizedGammaQ(0.5, 0.5 * x * x);
  return x < 0 ? tail : 1 - tail;
}

/** Φ⁻¹(p) for 0 < p < 1. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normal quantile needs 0 < p < 1, got ${p}`);
  if (p === 0.5) return 0;
  return invertCdf(normalCdf, p, -40, 40);
}
