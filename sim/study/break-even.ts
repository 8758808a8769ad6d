/**
 * Break-evens across replications: the level of a world driver (mean BTC price, mean hashprice,
 * power price) at which a layout's incremental NPV crosses zero. Each replication is one point
 * (driver, Δ NPV); a least-squares line through them crosses zero at x* = x̄ − ȳ/b, and Fieller's
 * theorem gives the interval of x where the line's zero is not rejected (Draper & Smith,
 * "inverse prediction"). The driver moves together with everything else in its world, so x* is the
 * level at which the layout breaks even on average over the rest of that world, not with all else fixed.
 */
import { studentTQuantile } from '../core/stats/student-t.js';

export interface BreakEven {
  /** Where the fitted line crosses zero (may lie outside the values seen: then it is an extrapolation). */
  value: number;
  /** Fieller interval at the study's confidence; absent when the slope is not clearly away from zero. */
  lower?: number;
  upper?: number;
  /** Δ NPV per unit of the driver. */
  slopeUSDPerUnit: number;
  /** Replications used, and the driver's range over them. */
  n: number;
  min: number;
  max: number;
}

/**
 * The zero of the least-squares line of `y` on `x` (pairs with NaN left out). Undefined when fewer
 * than 10 pairs remain, the driver does not vary, or the slope is not significantly different from
 * zero at `slopeConfidence` (then no level of the driver makes the layout break even more than
 * another). A study tests many (layout, driver) pairs at once, so it asks a stricter slope test than
 * the interval's `confidence` (Bonferroni): a slope that is only chance in one pair of fifteen stays out.
 */
export function breakEven(x: ArrayLike<number>, y: ArrayLike<number>, confidence: number, slopeConfidence = confidence): BreakEven | undefined {
  const xs: number[] = [], ys: number[] = [];
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]) && Number.isFinite(y[i])) (xs.push(x[i]), ys.push(y[i]));
  const n = xs.length;
  if (n < 10) return undefined;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) (mx += xs[i]), (my += ys[i]);
  mx /= n;
  my /= n;
  let sxx = 0, sxy = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
    min = Math.min(min, xs[i]);
    max = Math.max(max, xs[i]);
  }
  if (!(sxx > 0)) return undefined;
  const b = sxy / sxx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (ys[i] - my - b * (xs[i] - mx)) ** 2;
  const s2 = sse / (n - 2);
  const t = studentTQuantile((1 + confidence) / 2, n - 2);
  // The slope must be clearly away from zero, or the line's crossing means nothing.
  if (!(Math.abs(b) > studentTQuantile((1 + slopeConfidence) / 2, n - 2) * Math.sqrt(s2 / sxx))) return undefined;
  const value = mx - my / b;
  // Fieller: u = x − x̄ with (ȳ + b·u)² ≤ t²·s²·(1/n + u²/Sxx), a quadratic a·u² + 2·c·u + d ≤ 0.
  const a = b * b - (t * t * s2) / sxx, c = my * b, d = my * my - (t * t * s2) / n;
  const disc = c * c - a * d;
  const base = { value, slopeUSDPerUnit: b, n, min, max };
  if (!(a > 0) || !(disc >= 0)) return base;
  const root = Math.sqrt(disc);
  return { ...base, lower: mx + (-c - root) / a, upper: mx + (-c + root) / a };
}
