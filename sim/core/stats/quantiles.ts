/**
 * Sample quantiles and their distribution-free confidence intervals.
 *
 * Point estimates use Hyndman & Fan's type 7 (linear interpolation between order statistics, the
 * default of R and NumPy): Q(p) = x₍ⱼ₎ + (h − j)(x₍ⱼ₊₁₎ − x₍ⱼ₎), h = (n − 1)p + 1, j = ⌊h⌋.
 * Intervals are order statistics [x₍ₗ₎, x₍ᵤ₎] chosen from Binomial(n, p) so that they cover the true
 * p-quantile with at least the stated confidence, whatever the distribution (Hahn & Meeker,
 * Statistical Intervals, §5.2).
 */
import { binomialCdf } from './binomial.js';

/** Type-7 quantile of an ascending array. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const j = Math.floor(h);
  return j + 1 < n ? sorted[j] + (h - j) * (sorted[j + 1] - sorted[j]) : sorted[n - 1];
}

export interface QuantileEstimate {
  p: number;
  value: number;
  /** Bounds of the order-statistic interval; ±Infinity when n is too small for the confidence. */
  lower: number;
  upper: number;
}

/**
 * Ranks (1-based) l and u with P(X₍ₗ₎ ≤ ξₚ ≤ X₍ᵤ₎) ≥ confidence, splitting the miss probability
 * evenly between the tails: l is the largest rank with P(Bin(n,p) ≤ l − 1) ≤ α/2, u the smallest with
 * P(Bin(n,p) ≤ u − 1) ≥ 1 − α/2. A rank of 0 or n + 1 means the interval is unbounded on that side.
 */
export function orderStatisticRanks(n: number, p: number, confidence: number): { lower: number; upper: number } {
  const tail = (1 - confidence) / 2;
  // Binary search on the monotone binomial CDF.
  const firstAtLeast = (target: number): number => {
    let lo = 0, hi = n + 1; // find smallest k in [0, n+1] with cdf(k − 1) ≥ target
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (binomialCdf(mid - 1, n, p) >= target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  // Largest l with cdf(l − 1) ≤ tail = (smallest k with cdf(k − 1) > tail) − 1.
  let lo = 0, hi = n + 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (binomialCdf(mid - 1, n, p) > tail) hi = mid;
    else lo = mid + 1;
  }
  return { lower: lo - 1, upper: firstAtLeast(1 - tail) };
}

/** Type-7 estimate and order-statistic interval of the p-quantile of an ascending array. */
export function quantileEstimate(sorted: ArrayLike<number>, p: number, confidence: number): QuantileEstimate {
  const n = sorted.length;
  const { lower, upper } = orderStatisticRanks(n, p, confidence);
  return {
    p,
    value: quantileSorted(sorted, p),
    lower: lower >= 1 ? sorted[lower - 1] : -Infinity,
    upper: upper <= n ? sorted[upper - 1] : Infinity,
  };
}

/** Mean of the lowest ⌈αn⌉ values of an ascending array: the expected outcome in the worst α tail (CVaR). */
export function lowerTailMean(sorted: ArrayLike<number>, alpha: number): number {
  const k = Math.max(1, Math.ceil(alpha * sorted.length));
  let sum = 0;
  for (let i = 0; i < k; i++) sum += sorted[i];
  return sum / k;
}
