/**
 * ASIC failures across a fleet, as a birth–death process on the number of broken machines: each
 * working machine fails at rate λ = AFR per year, and each failed one works again a fixed lead time
 * τ later (repaired, or replaced from stock on order). Failure rates are not published (DOMAIN §3):
 * both are scenario inputs.
 *
 * Every machine alternates Exp(λ) up-times with τ down-times, independently, so in the long run it
 * is up a share (1/λ) / (1/λ + τ) = 1 / (1 + λτ) of the time. The fleet's available fraction is a
 * step function changing by 1/N at each failure and repair. It depends on AFR and τ, not on which
 * machines they are, so one path of a representative fleet of N machines serves any fleet size on
 * the campus; N sets how noisy it is.
 */
import type { RandomStream } from '../core/stream.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import { finite, requireModelParameter } from '../market/check.js';

export interface AsicFailureSpec {
  /** AFR: failures per machine-year of running. */
  annualFailureRate: number;
  /** τ: hours from a failure until the machine runs again. */
  leadTimeH: number;
}

/** A piecewise-constant available fraction: availableFraction[i] holds on [changeH[i], changeH[i + 1]). */
export interface AvailabilitySteps {
  readonly changeH: Float64Array;
  readonly availableFraction: Float64Array;
}

export function checkAsicFailures(s: AsicFailureSpec): void {
  requireModelParameter(finite(s.annualFailureRate) && s.annualFailureRate >= 0 && s.annualFailureRate <= 100, 'asicFailures', 'annualFailureRate', s.annualFailureRate, 'a rate in [0, 100] per machine-year');
  requireModelParameter(finite(s.leadTimeH) && s.leadTimeH >= 0, 'asicFailures', 'leadTimeH', s.leadTimeH, 'a lead time ≥ 0 h');
}

/** Long-run share of machines working: 1 / (1 + AFR · τ) with τ in years. */
export function steadyStateAvailability(s: AsicFailureSpec): number {
  return 1 / (1 + (s.annualFailureRate * s.leadTimeH) / HOURS_PER_YEAR);
}

/**
 * The available fraction of `machines` machines over [0, horizonH). `start: 'steady'` begins in the
 * long-run state (an established fleet: each machine broken with probability λτ/(1 + λτ), its
 * remaining down time uniform on (0, τ)); `'new'` begins with every machine working.
 */
export function asicAvailability(s: AsicFailureSpec, machines: number, horizonH: number, rng: RandomStream, start: 'steady' | 'new' = 'steady'): AvailabilitySteps {
  checkAsicFailures(s);
  requireModelParameter(Number.isInteger(machines) && machines > 0, 'asicFailures', 'machines', machines, 'a whole number of machines ≥ 1');
  requireModelParameter(finite(horizonH) && horizonH > 0, 'asicFailures', 'horizonH', horizonH, 'a horizon > 0 h');
  const perHour = s.annualFailureRate / HOURS_PER_YEAR;
  const tau = s.leadTimeH;
  const times = [0];
  const fractions = [1];
  if (perHour === 0 || tau === 0) return { changeH: Float64Array.from(times), availableFraction: Float64Array.from(fractions) };

  // Repairs come due in failure order (a fixed lead time), so a FIFO ring of due times suffices;
  // at most every machine is broken at once.
  const due = new Float64Array(machines);
  let head = 0, count = 0;
  if (start === 'steady') {
    const broken = perHour * tau / (1 + perHour * tau);
    const initial: number[] = [];
    for (let k = 0; k < machines; k++) if (rng.next() < broken) initial.push(rng.next() * tau);
    initial.sort((a, b) => a - b);
    for (const t of initial) due[count++] = t;
    fractions[0] = (machines - count) / machines;
  }

  let t = 0;
  for (;;) {
    const working = machines - count;
    // Memoryless failures: after any change, the next one is a fresh Exp(λ · working) away.
    const failAt = working > 0 ? t + rng.standardExponential() / (perHour * working) : Infinity;
    const repairAt = count > 0 ? due[head] : Infinity;
    if (failAt >= horizonH && repairAt >= horizonH) break;
    if (repairAt <= failAt) {
      t = repairAt;
      head = (head + 1) % machines;
      count--;
    } else {
      t = failAt;
      due[(head + count) % machines] = t + tau;
      count++;
    }
    times.push(t);
    fractions.push((machines - count) / machines);
  }
  return { changeH: Float64Array.from(times), availableFraction: Float64Array.from(fractions) };
}

/**
 * The time-average of a step function over consecutive windows of `stepH` hours up to `horizonH`
 * (the last may be shorter): the same energy as the exact steps, with far fewer events for the
 * campus — a fleet of 80,000 machines changes state every hour or so, daily averages do not.
 */
export function averageOverSteps(steps: AvailabilitySteps, stepH: number, horizonH: number): Float64Array {
  requireModelParameter(finite(stepH) && stepH > 0, 'asicFailures', 'stepH', stepH, 'a step > 0 h');
  const n = Math.ceil(horizonH / stepH - 1e-9);
  const out = new Float64Array(n);
  const { changeH, availableFraction } = steps;
  let i = 0;
  for (let k = 0; k < n; k++) {
    const from = k * stepH, to = Math.min(horizonH, (k + 1) * stepH);
    while (i + 1 < changeH.length && changeH[i + 1] <= from) i++;
    let area = 0, t = from, j = i;
    while (t < to) {
      const next = j + 1 < changeH.length ? Math.min(changeH[j + 1], to) : to;
      area += availableFraction[j] * (next - t);
      t = next;
      j++;
    }
    out[k] = area / (to - from);
  }
  return out;
}
