/** The binomial distribution function, for distribution-free quantile intervals. */
import { regularizedBeta } from '../special.js';

/** P(X ≤ k) for X ~ Binomial(n, p), through P(X ≤ k) = I_{1−p}(n − k, k + 1) (A&S 26.5.24). */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  return regularizedBeta(1 - p, n - k, k + 1);
}
