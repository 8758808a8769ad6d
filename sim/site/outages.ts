/**
 * Grid outages: Poisson arrivals, lognormal durations (US customers see ~1.0–1.4 interruptions and
 * 2–8 hours a year, EIA). Drawn once per replication as non-overlapping [start, end) intervals.
 */
import { LogNormal } from '../core/samplers/lognormal.js';
import type { RandomStream } from '../core/stream.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import { finite, requireModelParameter } from '../market/check.js';

export interface OutageSpec {
  perYear: number;
  meanHours: number;
  sdHours: number;
}

export function outageIntervals(s: OutageSpec, horizonH: number, rng: RandomStream): Array<[number, number]> {
  requireModelParameter(finite(s.perYear) && s.perYear >= 0, 'outages', 'rate', s.perYear, 'a rate ≥ 0 per year');
  requireModelParameter(finite(s.meanHours) && s.meanHours > 0, 'outages', 'duration', s.meanHours, 'a mean duration > 0 h');
  requireModelParameter(finite(s.sdHours) && s.sdHours >= 0, 'outages', 'durationSd', s.sdHours, 'a spread ≥ 0 h');
  const out: Array<[number, number]> = [];
  if (s.perYear === 0) return out;
  const duration = LogNormal.fromMoments(s.meanHours, s.sdHours);
  let t = 0;
  for (;;) {
    // Arrivals while the grid is up: an outage can't begin during another.
    t += (rng.standardExponential() * HOURS_PER_YEAR) / s.perYear;
    if (t >= horizonH) return out;
    const end = Math.min(horizonH, t + duration.sample(rng));
    out.push([t, end]);
    t = end;
  }
}
