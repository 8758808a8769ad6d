/** Student's t distribution function and its inverse, for confidence intervals of means. */
import { invertCdf, regularizedBeta } from '../special.js';

/** P(T ≤ t) for ν degrees of freedom: the tail is ½·I_{ν/(ν+t²)}(ν/2, ½) (Abramowitz & Stegun 26.7.1). */
export function studentTCdf(t: number, degreesOfFreedom: number): number {
  const nu = degreesOfFreedom;
  const tail = 0.5 * regularizedBeta(nu / (nu + t * t), nu / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/** The p-quantile of Student's t with ν > 0 degrees of freedom. */
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`t quantile needs 0 < p < 1, got ${p}`);
  if (!(degreesOfFreedom > 0)) throw new RangeError(`t quantile needs degrees of freedom > 0, got ${degreesOfFreedom}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, degreesOfFreedom);
  let hi = 1;
  while (studentTCdf(hi, degreesOfFreedom) < p) hi *= 2;
  return invertCdf((t) => studentTCdf(t, degreesOfFreedom), p, 0, hi);
}
