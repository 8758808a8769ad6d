/**
 * A derate curve: the fraction of something (a hall's cooling capacity, an ASIC's hashrate) still
 * available at an ambient temperature. Piecewise linear between points, flat beyond the first and
 * last, never rising with temperature, and dropping to a floor (0: shut down) at a hard limit.
 */
import { finite, requireModelParameter } from '../market/check.js';

export interface DerateCurveSpec {
  /** [temperature °C, fraction in [0, 1]] with temperatures strictly increasing, fractions non-increasing. */
  readonly points: ReadonlyArray<readonly [number, number]>;
  /** At and above this temperature the fraction is `floorFraction` (Infinity: no limit). */
  readonly hardLimitC: number;
  /** What is left above the hard limit: 0 for a trip, more for a protected minimum. */
  readonly floorFraction: number;
}

/**
 * Throws a RangeError naming the field (`<prefix>.points[2]`, `<prefix>.hardLimitC`, …) and the
 * accepted range. `model` and `prefix` say whose curve it is, e.g. ('cooling', 'capacity').
 */
export function checkDerateCurve(c: DerateCurveSpec, model: string, prefix: string): void {
  const at = (k: string) => `${prefix}.${k}`;
  requireModelParameter(Array.isArray(c.points) && c.points.length > 0, model, at('points'), c.points, 'a list of at least one [temperature °C, fraction] point');
  c.points.forEach((p, i) => {
    const field = at(`points[${i}]`);
    requireModelParameter(Array.isArray(p) && p.length === 2 && finite(p[0]) && finite(p[1]), model, field, p, 'a pair [temperature °C, fraction]');
    requireModelParameter(p[1] >= 0 && p[1] <= 1, model, field, p[1], 'a fraction in [0, 1]');
    if (i === 0) return;
    const prev = c.points[i - 1];
    requireModelParameter(p[0] > prev[0], model, field, p[0], `a temperature above the previous point's ${prev[0]} °C (points in increasing temperature)`);
    requireModelParameter(p[1] <= prev[1], model, field, p[1], `a fraction ≤ the previous point's ${prev[1]} (a derate never rises with temperature)`);
  });
  const first = c.points[0][0];
  requireModelParameter(typeof c.hardLimitC === 'number' && (finite(c.hardLimitC) || c.hardLimitC === Infinity) && c.hardLimitC > first, model, at('hardLimitC'), c.hardLimitC, `a temperature above the first point's ${first} °C, or Infinity`);
  const atLimit = finite(c.hardLimitC) ? derateAt(c, c.hardLimitC - 1e-9) : 0;
  requireModelParameter(finite(c.floorFraction) && c.floorFraction >= 0 && c.floorFraction <= atLimit, model, at('floorFraction'), c.floorFraction, `a fraction in [0, ${atLimit}] (no more than the curve gives at the hard limit)`);
}

/** The fraction at `tempC`. Linear scan (curves have a handful of points); no allocation. */
export function derateAt(c: DerateCurveSpec, tempC: number): number {
  if (tempC >= c.hardLimitC) return c.floorFraction;
  const pts = c.points;
  if (tempC <= pts[0][0]) return pts[0][1];
  for (let i = 1; i < pts.length; i++) {
    const hi = pts[i];
    if (tempC <= hi[0]) {
      const lo = pts[i - 1];
      return lo[1] + ((hi[1] - lo[1]) * (tempC - lo[0])) / (hi[0] - lo[0]);
    }
  }
  return pts[pts.length - 1][1];
}

/** The fraction at every temperature of a series (one value per hour), validated first. */
export function derateSeries(c: DerateCurveSpec, tempsC: Float64Array, model: string, prefix: string): Float64Array {
  checkDerateCurve(c, model, prefix);
  const out = new Float64Array(tempsC.length);
  for (let h = 0; h < tempsC.length; h++) out[h] = derateAt(c, tempsC[h]);
  return out;
}
