/**
 * Job arrival processes: Poisson; a renewal process with gamma inter-arrival times whose CV sets the
 * burstiness (shape 1/CV²: CV 1 is Poisson, Azure's code-completion traces reach CV ≈ 13); or a
 * non-homogeneous Poisson process with hour-of-day and day-of-week profiles, drawn by thinning
 * (Lewis & Shedler 1979). Profiles are normalised to mean 1, so `ratePerH` stays the average rate.
 */
import { standardGamma } from '../core/samplers/gamma.js';
import type { RandomStream } from '../core/stream.js';
import { finite, requireModelParameter } from '../market/check.js';

export type ArrivalSpec =
  | { kind: 'poisson'; ratePerH: number }
  | { kind: 'gamma'; ratePerH: number; cv: number }
  | { kind: 'profile'; ratePerH: number; hourOfDay: readonly number[]; dayOfWeek: readonly number[] };

export class Arrivals {
  private readonly shape: number;
  private readonly hourly: Float64Array;
  private readonly daily: Float64Array;
  private readonly peak: number;

  constructor(readonly spec: ArrivalSpec, readonly name = 'arrivals') {
    requireModelParameter(finite(spec.ratePerH) && spec.ratePerH > 0, name, 'rate', spec.ratePerH, 'a rate > 0 per hour');
    this.shape = 1;
    this.hourly = new Float64Array(24).fill(1);
    this.daily = new Float64Array(7).fill(1);
    if (spec.kind === 'gamma') {
      requireModelParameter(finite(spec.cv) && spec.cv > 0 && spec.cv <= 100, name, 'cv', spec.cv, 'a coefficient of variation in (0, 100]');
      this.shape = 1 / (spec.cv * spec.cv);
    }
    if (spec.kind === 'profile') {
      this.hourly = normalised(spec.hourOfDay, 24, name, 'hourOfDay');
      this.daily = normalised(spec.dayOfWeek, 7, name, 'dayOfWeek');
    }
    this.peak = Math.max(...this.hourly) * Math.max(...this.daily);
  }

  /** Time of the next arrival after `nowH` (hours since the start, which is a Monday 00:00). */
  next(nowH: number, rng: RandomStream): number {
    const { spec } = this;
    if (spec.kind === 'poisson') return nowH + rng.standardExponential() / spec.ratePerH;
    if (spec.kind === 'gamma') return nowH + standardGamma(rng, this.shape) / (this.shape * spec.ratePerH);
    const max = spec.ratePerH * this.peak;
    let t = nowH;
    for (;;) {
      t += rng.standardExponential() / max;
      const hour = Math.floor(t) % 24, day = Math.floor(t / 24) % 7;
      if (rng.next() * this.peak < this.hourly[hour] * this.daily[day]) return t;
    }
  }
}

function normalised(values: readonly number[], length: number, name: string, key: string): Float64Array {
  requireModelParameter(values.length === length, name, key, `${values.length} values`, `${length} values`);
  values.forEach((v, i) => requireModelParameter(finite(v) && v >= 0, name, `${key}[${i}]`, v, 'a multiplier ≥ 0'));
  const mean = values.reduce((a, b) => a + b, 0) / length;
  requireModelParameter(mean > 0, name, key, 'all zeros', 'some multiplier > 0');
  return Float64Array.from(values, (v) => v / mean);
}
