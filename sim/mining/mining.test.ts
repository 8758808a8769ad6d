import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RunningStats } from '../core/stats/running-stats.js';
import { randomStream } from '../core/stream.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import { type AsicFailureSpec, asicAvailability, type AvailabilitySteps, averageOverSteps, steadyStateAvailability } from './asic-failures.js';
import { fleetSchedule, stepAt } from './fleet-schedule.js';
import { AIR_COOLED_ASIC_THERMAL, asicHashrateFraction } from './thermal-derate.js';

const K = 4;

/** ∫ fraction dt over [from, to) of a step function, by brute force over its steps. */
function integral(s: AvailabilitySteps, from: number, to: number): number {
  let area = 0;
  for (let i = 0; i < s.changeH.length; i++) {
    const a = Math.max(from, s.changeH[i]);
    const b = Math.min(to, i + 1 < s.changeH.length ? s.changeH[i + 1] : Infinity);
    if (b > a) area += s.availableFraction[i] * (b - a);
  }
  return area;
}

test('ASIC fleet availability ≈ 1 / (1 + AFR · lead time), within 4 SE from renewal theory', () => {
  // Each machine alternates up-times U ~ Exp(λ) (mean μu = 1/λ, variance 1/λ²) with down-times of
  // exactly τ (μd = τ, variance 0): an alternating renewal process, up a share μu/(μu + μd) =
  // 1/(1 + λτ) of the time. Started in that steady state, the time-average over T has that mean
  // exactly and, for large T, variance (μd²·Var U + μu²·Var D)/((μu + μd)³·T) = τ²/λ² / ((1/λ + τ)³·T)
  // per machine — divided by N for N independent machines, and by R for R replications.
  const spec: AsicFailureSpec = { annualFailureRate: 0.05, leadTimeH: 720 };
  const N = 1000, T = 10 * HOURS_PER_YEAR, R = 20;
  const lambda = spec.annualFailureRate / HOURS_PER_YEAR, tau = spec.leadTimeH;
  const expected = steadyStateAvailability(spec);
  assert.ok(Math.abs(expected - 1 / (1 + lambda * tau)) < 1e-15);
  const perRep = Math.sqrt((tau * tau) / (lambda * lambda) / ((1 / lambda + tau) ** 3 * T * N));
  const shares = new RunningStats();
  for (let r = 0; r < R; r++) shares.push(integral(asicAvailability(spec, N, T, randomStream(51, r, 'mining.failures')), 0, T) / T);
  assert.ok(Math.abs(shares.mean - expected) <= (K * perRep) / Math.sqrt(R), `availability ${shares.mean} vs ${expected} ± ${(K * perRep) / Math.sqrt(R)}`);
  // The spread between replications matches the theory too (sd of a sample sd ≈ σ/√(2(R − 1))).
  assert.ok(Math.abs(shares.standardDeviation / perRep - 1) <= K / Math.sqrt(2 * (R - 1)), `sd ${shares.standardDeviation} vs ${perRep}`);
});

test('a new fleet starts whole and settles to the same availability; steps move by one machine', () => {
  const spec: AsicFailureSpec = { annualFailureRate: 0.5, leadTimeH: 2000 };
  const N = 400, T = 12 * HOURS_PER_YEAR;
  const late = new RunningStats();
  for (let r = 0; r < 10; r++) {
    const s = asicAvailability(spec, N, T, randomStream(52, r, 'mining.failures'), 'new');
    assert.is(s.availableFraction[0], 1);
    for (let i = 1; i < s.changeH.length; i++) {
      assert.ok(s.changeH[i] >= s.changeH[i - 1] && s.changeH[i] < T);
      assert.ok(Math.abs(Math.abs(s.availableFraction[i] - s.availableFraction[i - 1]) - 1 / N) < 1e-12);
    }
    // The transient (a few lead times and mean up-times) is long gone after two years.
    late.push(integral(s, 2 * HOURS_PER_YEAR, T) / (T - 2 * HOURS_PER_YEAR));
  }
  const lambda = spec.annualFailureRate / HOURS_PER_YEAR, tau = spec.leadTimeH, span = T - 2 * HOURS_PER_YEAR;
  const se = Math.sqrt((tau * tau) / (lambda * lambda) / ((1 / lambda + tau) ** 3 * span * N) / 10);
  assert.ok(Math.abs(late.mean - steadyStateAvailability(spec)) <= K * se, `${late.mean} vs ${steadyStateAvailability(spec)}`);
  const never = asicAvailability({ annualFailureRate: 0, leadTimeH: 100 }, 10, 1000, randomStream(1, 0, 'x'));
  assert.equal(Array.from(never.availableFraction), [1]);
});

test('averaging over fixed steps keeps the energy of the exact steps', () => {
  const s = asicAvailability({ annualFailureRate: 2, leadTimeH: 300 }, 50, 1000, randomStream(53, 0, 'mining.failures'));
  const daily = averageOverSteps(s, 24, 1000);
  assert.is(daily.length, 42); // 41 whole days and 16 hours
  daily.forEach((avg, k) => {
    const to = Math.min(1000, (k + 1) * 24);
    assert.ok(Math.abs(avg * (to - k * 24) - integral(s, k * 24, to)) < 1e-9, `day ${k}`);
  });
  assert.ok(daily.some((x) => x < 1), 'some machines broke');
});

test('fleet schedule: purchases and retirements give hashrate and power as steps', () => {
  const models = [
    { name: 'S21', hashrateTHs: 200, powerMW: 0.0035 },
    { name: 'S21XP', hashrateTHs: 270, powerMW: 0.003645 },
  ];
  const f = fleetSchedule(models, { S21: 1000 }, [
    { atH: 5000, model: 'S21', change: -400 },
    { atH: 2000, model: 'S21XP', change: 500 },
    { atH: 5000, model: 'S21XP', change: 300 },
  ], 10_000);
  assert.equal(Array.from(f.changeH), [0, 2000, 5000]);
  assert.equal(Array.from(f.machines), [1000, 0, 1000, 500, 600, 800]);
  const near = (a: ArrayLike<number>, b: number[]) => b.every((x, i) => Math.abs(a[i] - x) < 1e-9);
  assert.ok(near(f.hashrateTHs, [200_000, 335_000, 336_000]), `${f.hashrateTHs}`);
  // 1000 × 3.5 kW; + 500 × 3.645 kW; 600 × 3.5 kW + 800 × 3.645 kW = 2.1 + 2.916 MW.
  assert.ok(near(f.powerMW, [3.5, 5.3225, 5.016]), `${f.powerMW}`);
  assert.equal([0, 1999.9, 2000, 4999, 5000, 9999].map((t) => stepAt(f.changeH, t)), [0, 0, 1, 1, 2, 2]);
  assert.throws(() => fleetSchedule(models, { S21: 10 }, [{ atH: 10, model: 'S21', change: -11 }], 100), /fleet: changes\[0\]\.change must be a retirement of at most the 10 S21 machines in service at hour 10, got -11/);
  assert.throws(() => fleetSchedule(models, {}, [{ atH: 10, model: 'S19', change: 5 }], 100), /fleet: changes\[0\]\.model must be one of the models \(S21, S21XP\), got S19/);
  assert.throws(() => fleetSchedule(models, { S21: -1 }, [], 100), /fleet: initial\.S21 must be a whole number of machines ≥ 0, got -1/);
});

test('air-cooled ASICs lose hashrate in a hot spell and get it back after', () => {
  // Ten mild days, five at 44 °C, ten mild again.
  const dryBulbC = new Float64Array(25 * 24).fill(30);
  dryBulbC.fill(44, 240, 360);
  const hashrate = asicHashrateFraction(AIR_COOLED_ASIC_THERMAL, dryBulbC);
  // From the curve: hashrate 1 at 35 °C, 0.75 at 45 °C, so 0.775 at 44 °C.
  assert.ok(Math.abs(hashrate[300] - 0.775) < 1e-12);
  assert.is(hashrate[100], 1);
  assert.is(hashrate[400], 1, 'recovers after the spell');
});

test.run();
