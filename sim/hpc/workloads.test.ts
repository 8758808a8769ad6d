import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Constant } from '../core/samplers/constant.js';
import { Discrete } from '../core/samplers/discrete.js';
import { calendarMonths } from '../core/calendar.js';
import { Arrivals } from './arrivals.js';
import type { JobClassSpec } from './cluster-spec.js';
import { RUNNING } from './job-table.js';
import { gpuHourPriceFromTokens, gpusWanted } from './inference.js';
import { leaseIncome, type LeaseSpec } from './lease.js';
import { simulateHpc } from './simulate.js';

const CLUSTER = { gpus: 64, gpusPerNode: 8, gpuMtbfH: Infinity, repairH: new Constant(1), nodePowerKW: 10.2 };
const FIFO = { policy: 'fifo' as const, backfillDepth: 0 };

const reserved = (gpus: number, termH: number): JobClassSpec => ({
  name: 'reserved',
  fixedJobs: [{ atH: 0, gpus, workH: termH }],
  gpus: new Discrete([gpus], [1]),
  durationH: new Constant(termH),
  checkpointH: 0, // a reservation loses nothing when cut: it resumes where it stopped
  priceUSDPerGPUH: () => 2.0,
});
const training = (ratePerH: number): JobClassSpec => ({
  name: 'training',
  arrivals: new Arrivals({ kind: 'poisson', ratePerH }),
  gpus: new Discrete([8], [1]),
  durationH: new Constant(5),
  checkpointH: 1,
  priceUSDPerGPUH: () => 2.35,
});

test('inference takes its GPUs ahead of training; what it cannot get is counted as shortfall', () => {
  const wanted = (t: number) => (t < 100 ? 24 : 80); // from hour 100 it wants more than the hall has
  const r = simulateHpc({
    cluster: CLUSTER,
    classes: [training(2)],
    scheduler: FIFO,
    horizonH: 200,
    seed: 1,
    replication: 0,
    inference: { rank: 0, gpusWanted: wanted, priceUSDPerGPUH: () => 3, creditUSDPerGPUHMissed: 5 },
  });
  const inf = r.metrics.inference!;
  assert.ok(Math.abs(inf.slaCreditsUSD - 5 * 100 * 16) < 1e-6, 'credits for every GPU-hour missed');
  assert.ok(Math.abs(inf.wantedGpuHours - (100 * 24 + 100 * 80)) < 1e-6);
  // Until hour 100 it is served in full; after, it holds all 64 GPUs and misses 16 an hour.
  assert.ok(Math.abs(inf.servedGpuHours - (100 * 24 + 100 * 64)) < 1e-6, `served ${inf.servedGpuHours}`);
  assert.ok(Math.abs(inf.shortfallGpuHours - 100 * 16) < 1e-6);
  assert.ok(Math.abs(inf.revenueUSD - 3 * inf.servedGpuHours) < 1e-6);
  assert.ok(r.metrics.classes[0].preempted > 0, 'training was preempted to make room');
  assert.ok(r.metrics.utilisation <= 1 + 1e-12);
  // Energy: busy node-hours at 10.2 kW plus idle ones at 30 % of it.
  const m = r.metrics;
  const expected = ((m.busyGpuHours + 0.3 * (64 * 200 - m.busyGpuHours)) / 8) * 10.2 / 1000;
  assert.ok(Math.abs(m.itEnergyMWh - expected) < 1e-9, `${m.itEnergyMWh} MWh`);
});

test('a power cut takes training first, then inference, then the reserved block', () => {
  const r = simulateHpc({
    cluster: CLUSTER,
    classes: [reserved(16, 1000), training(5)],
    scheduler: FIFO,
    horizonH: 60,
    seed: 2,
    replication: 0,
    inference: { rank: 1, gpusWanted: () => 16, priceUSDPerGPUH: () => 3 },
    caps: [{ atH: 20, gpus: 24 }, { atH: 30, gpus: 8 }, { atH: 40, gpus: 64 }],
  });
  const jobs = r.cluster.jobs;
  const m = r.metrics;
  // At 24 GPUs: reserved 16 + inference 8 (shrunk from 16), no training. At 8 GPUs the 16-GPU block
  // cannot run at all, so inference, next in line, takes the 8 (the cluster stays work-conserving).
  assert.ok(m.classes[1].preempted > 0, 'training preempted at the first cut');
  assert.ok(Math.abs(m.inference!.shortfallGpuHours - (10 * 8 + 10 * 8)) < 1e-9, `inference short 8 GPUs from 20 h to 40 h, got ${m.inference!.shortfallGpuHours}`);
  assert.is(m.classes[0].preempted, 1, 'the reserved block stopped once, at the 8-GPU cut');
  // The reservation resumes afterwards and, checkpointing continuously, loses nothing.
  assert.is(m.classes[0].gpuHoursLost, 0);
  const block = [...Array(jobs.count).keys()].find((j) => jobs.cls[j] === 0)!;
  assert.is(jobs.state[block], RUNNING);
});

test('inference GPUs follow the request rate and its daily profile; token prices convert to GPU-hours', () => {
  const hours = [...Array(24).keys()].map((h) => (h < 12 ? 0.5 : 1.5)); // mean 1
  const want = gpusWanted({ requestsPerSecond: 700, hourOfDay: hours, requestsPerSecondPerGPU: 5, targetUtilisation: 0.7, growthPerYear: 0 });
  assert.is(want(3), 100, '350 req/s ÷ 3.5 per GPU');
  assert.is(want(13), 300, '1,050 req/s ÷ 3.5');
  assert.is(want(24 + 3), 100, 'the profile repeats daily');
  assert.ok(Math.abs(gpuHourPriceFromTokens(2, 1000, 0.5) - 3.6) < 1e-12, '$2/M tokens × 1,000 tok/s × 50 % × 3,600 s');
});

test('a negative price curve is refused before the run', () => {
  const falling: JobClassSpec = { ...training(1), priceUSDPerGPUH: (t) => 2.35 - t / 1000 };
  assert.throws(() => simulateHpc({ cluster: CLUSTER, classes: [falling], scheduler: FIFO, horizonH: 5000, seed: 1, replication: 0 }), /training: price must be a price ≥ 0 USD per GPU-hour at every hour, got -0\.\d+ at hour 2352/);
});

// Calendar months from 2026-01-01: January 744 h, February 672, March 744, April 720, May 744, June 720 …
const JAN_2026 = Date.UTC(2026, 0, 1) / 1000;

test('lease rent by calendar month with a yearly escalator, and SLA credits on the months with outages (by hand)', () => {
  const spec: LeaseSpec = { leasedKW: 100_000, priceUSDPerKWMonth: 150, escalatorPerYear: 0.03, slaAvailability: 0.9999, creditPerStep: 0.05, stepAvailability: 0.001, maxCredit: 0.5 };
  // Two years (17,520 h); one 3-hour outage in March 2026 (from hour 1,416) and a 100-hour one in March 2027 (from 8,760 + 1,416).
  const mar26 = 1416, mar27 = 8760 + 1416;
  const months = calendarMonths(JAN_2026, 17_520);
  assert.is(months.count, 24);
  const income = leaseIncome(spec, months, [[mar26 + 10, mar26 + 13], [mar27 + 5, mar27 + 105]]);
  const monthRent = 100_000 * 150; // $15.0M a month in year 1, February (672 h) as much as January (744 h)
  assert.ok(Math.abs(income.monthly.rentUSD[0] - monthRent) < 1e-6);
  assert.ok(Math.abs(income.monthly.rentUSD[1] - monthRent) < 1e-6);
  assert.ok(Math.abs(income.monthly.rentUSD[12] - monthRent * 1.03) < 1e-6, 'January 2027: the second year, escalated');
  assert.ok(Math.abs(income.rentUSD - 12 * monthRent * (1 + 1.03)) < 1e-3);
  // March: 3 h of 744 h down → availability 0.995968, 0.3932 % short of 99.99 % → 4 steps → 20 %.
  assert.ok(Math.abs(income.monthly.creditUSD[2] - 0.2 * monthRent) < 1e-6, `March credit ${income.monthly.creditUSD[2]}`);
  // March 2027: 100 h down → 86.6 % available → capped at 50 % of the escalated rent.
  assert.ok(Math.abs(income.monthly.creditUSD[14] - 0.5 * monthRent * 1.03) < 1e-6);
  assert.ok(Math.abs(income.creditsUSD - (0.2 * monthRent + 0.5 * monthRent * 1.03)) < 1e-6);
  assert.throws(() => leaseIncome({ ...spec, priceUSDPerKWMonth: -1 }, calendarMonths(JAN_2026, 100), []), /lease: price must be a price ≥ 0 USD\/kW-month/);
});

test('a lease starting or a horizon ending inside a month pays that month’s share by days (by hand)', () => {
  const spec: LeaseSpec = { leasedKW: 1000, priceUSDPerKWMonth: 100, escalatorPerYear: 0, slaAvailability: 0.9999, creditPerStep: 0.05, stepAvailability: 0.001, maxCredit: 0.5, startH: 744 + 7 * 24 };
  // Rent starts on 8 February 2026 and the horizon ends on 11 April (2,400 h): February pays 21 of
  // its 28 days, March whole, April 10 of its 30 days; January nothing.
  const income = leaseIncome(spec, calendarMonths(JAN_2026, 2400), []);
  const rent = Array.from(income.monthly.rentUSD);
  const want = [0, (100_000 * 21) / 28, 100_000, (100_000 * 10) / 30];
  assert.ok(rent.every((x, m) => Math.abs(x - want[m]) < 1e-6), `${rent}`);
});

test('lease availability counts hot hours by the share the cooling could not hold, and a dark hour once (by hand)', () => {
  const spec: LeaseSpec = { leasedKW: 100_000, priceUSDPerKWMonth: 150, escalatorPerYear: 0, slaAvailability: 0.9999, creditPerStep: 0.05, stepAvailability: 0.001, maxCredit: 0.5 };
  const year = 8760, monthRent = 100_000 * 150;
  const months = calendarMonths(JAN_2026, year);
  const short = new Float64Array(year);
  short.fill(0.2, 2500, 2510); // April (hours 2,160–2,880): ten hours at 80 % of the leased IT
  short.fill(0.1, 4000, 4010); // June (3,624–4,344): ten hours at 90 %, an outage in the middle of them
  short[743] = 0.75; // the last hour of January and the first of February, each a quarter short
  short[744] = 0.75;
  const outages: Array<[number, number]> = [[4005, 4006.5]];
  const income = leaseIncome(spec, months, outages, short);
  const a = income.monthly.availability;
  // April: 10 h × 0.2 = 2 h of the contract lost → 1 − 2/720 = 0.997222, 0.2678 % short → 3 steps → 15 %.
  assert.ok(Math.abs(a[3] - (1 - 2 / 720)) < 1e-15, `${a[3]}`);
  assert.ok(Math.abs(income.monthly.creditUSD[3] - 0.15 * monthRent) < 1e-6);
  // June: 1.5 h dark, and 0.1 of the other 8.5 hot hours → 2.35 h → 0.996736, 0.3164 % short → 4 steps → 20 %.
  assert.ok(Math.abs(a[5] - (1 - 2.35 / 720)) < 1e-15, `${a[5]}`);
  assert.ok(Math.abs(income.monthly.creditUSD[5] - 0.2 * monthRent) < 1e-6);
  // The same 0.75 h lost weighs more in the shorter month: January 0.75/744 → 0.0908 % short → 1
  // step → 5 %; February 0.75/672 → 0.1016 % short → 2 steps → 10 %.
  assert.ok(Math.abs(a[0] - (1 - 0.75 / 744)) < 1e-15 && Math.abs(a[1] - (1 - 0.75 / 672)) < 1e-15, `${a[0]}, ${a[1]}`);
  assert.ok(Math.abs(income.monthly.creditUSD[0] - 0.05 * monthRent) < 1e-6);
  assert.ok(Math.abs(income.monthly.creditUSD[1] - 0.1 * monthRent) < 1e-6);
  assert.ok(Math.abs(income.undeliveredKWh - 100_000 * (2 + 2.35 + 1.5)) < 1e-6, `${income.undeliveredKWh}`);
  // No hot hours: the outages alone, to the bit.
  assert.equal(leaseIncome(spec, months, outages, new Float64Array(year)), leaseIncome(spec, months, outages));
  assert.throws(() => leaseIncome(spec, months, [], short.map((x) => x * 2)), /lease: heatShortShare\[743\] must be a share of the leased IT in \[0, 1\], got 1\.5/);
});

test.run();
