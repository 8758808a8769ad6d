/** Confidence interval for a mean from its running statistics. */
import type { RunningStats } from './running-stats.js';
import { studentTQuantile } from './student-t.js';

export interface MeanInterval {
  mean: number;
  /** Half-width of the two-sided interval; NaN with fewer than two values. */
  halfWidth: number;
  lower: number;
  upper: number;
  count: number;
}

/** Student-t interval mean ± t_{(1+c)/2, n−1} · s/√n at confidence level `confidence`. */
export function meanInterval(stats: RunningStats, confidence: number): MeanInterval {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const n = stats.count;
  const halfWidth = n > 1 ? studentTQuantile((1 + confidence) / 2, n - 1) * stats.standardError : NaN;
  return { mean: stats.mean, halfWidth, lower: stats.mean - halfWidth, upper: stats.mean + halfWidth, count: n };
}
