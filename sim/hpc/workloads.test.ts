import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Constant } from '../core/samplers/constant.js';
import { Discrete } from '../core/samplers/discrete.js';
import { HOURS_PER_MONTH } from '../core/time.js';
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

test('lease rent with a yearly escalator, and SLA credits on the months with outages (by hand)', () => {
  const spec: LeaseSpec = { leasedKW: 100_000, priceUSDPerKWMonth: 150, escalatorPerYear: 0.03, slaAvailability: 0.9999, creditPerStep: 0.05, stepAvailability: 0.001, maxCredit: 0.5 };
  // Two years; one 3-hour outage in month 2 and a 100-hour one in month 14.
  const m2 = 2 * HOURS_PER_MONTH, m14 = 14 * HOURS_PER_MONTH;
  const income = leaseIncome(spec, 2 * 8766, [[m2 + 10, m2 + 13], [m14 + 5, m14 + 105]]);
  const monthRent = 100_000 * 150; // $15.0M a month in year 1
  assert.ok(Math.abs(income.monthly.rentUSD[0] - monthRent) < 1e-6);
  assert.ok(Math.abs(income.monthly.rentUSD[12] - monthRent * 1.03) < 1e-6);
  assert.ok(Math.abs(income.rentUSD - 12 * monthRent * (1 + 1.03)) < 1e-3);
  // Month 2: 3 h of 730.5 h down → availability 0.995893, 0.4007 % short of 99.99 % → 5 steps → 25 %.
  assert.ok(Math.abs(income.monthly.creditUSD[2] - 0.25 * monthRent) < 1e-6, `month 2 credit ${income.monthly.creditUSD[2]}`);
  // Month 14: 100 h down → 86 % available → capped at 50 % of the escalated rent.
  assert.ok(Math.abs(income.monthly.creditUSD[14] - 0.5 * monthRent * 1.03) < 1e-6);
  assert.ok(Math.abs(income.creditsUSD - (0.25 * monthRent + 0.5 * monthRent * 1.03)) < 1e-6);
  assert.throws(() => leaseIncome({ ...spec, priceUSDPerKWMonth: -1 }, 100, []), /lease: price must be a price ≥ 0 USD\/kW-month/);
});

test('lease availability counts hot hours by the share the cooling could not hold, and a dark hour once (by hand)', () => {
  const spec: LeaseSpec = { leasedKW: 100_000, priceUSDPerKWMonth: 150, escalatorPerYear: 0, slaAvailability: 0.9999, creditPerStep: 0.05, stepAvailability: 0.001, maxCredit: 0.5 };
  const year = 8766, monthRent = 100_000 * 150, M = HOURS_PER_MONTH;
  const short = new Float64Array(year);
  short.fill(0.2, 2500, 2510); // month 3: ten hours at 80 % of the leased IT
  short.fill(0.1, 4000, 4010); // month 5: ten hours at 90 %, an outage in the middle of them
  short[730] = 1; // the hour that straddles months 0 and 1 (730.5 h), the hall tripped
  const outages: Array<[number, number]> = [[4005, 4006.5]];
  const income = leaseIncome(spec, year, outages, short);
  const a = income.monthly.availability;
  // Month 3: 10 h × 0.2 = 2 h of the contract lost → 1 − 2/730.5 = 0.997262, 0.2638 % short → 3 steps → 15 %.
  assert.ok(Math.abs(a[3] - (1 - 2 / M)) < 1e-15, `${a[3]}`);
  assert.ok(Math.abs(income.monthly.creditUSD[3] - 0.15 * monthRent) < 1e-6);
  // Month 5: 1.5 h dark, and 0.1 of the other 8.5 hot hours → 2.35 h → 0.996783, 0.3117 % short → 4 steps → 20 %.
  assert.ok(Math.abs(a[5] - (1 - 2.35 / M)) < 1e-15, `${a[5]}`);
  assert.ok(Math.abs(income.monthly.creditUSD[5] - 0.2 * monthRent) < 1e-6);
  // Hour 730 is half in month 0 and half in month 1: 0.5 h lost in each → 0.068 % short → 1 step → 5 %.
  for (const m of [0, 1]) {
    assert.ok(Math.abs(a[m] - (1 - 0.5 / M)) < 1e-15, `month ${m}: ${a[m]}`);
    assert.ok(Math.abs(income.monthly.creditUSD[m] - 0.05 * monthRent) < 1e-6);
  }
  assert.ok(Math.abs(income.undeliveredKWh - 100_000 * (2 + 2.35 + 1)) < 1e-6, `${income.undeliveredKWh}`);
  // No hot hours: the outages alone, to the bit.
  assert.equal(leaseIncome(spec, year, outages, new Float64Array(year)), leaseIncome(spec, year, outages));
  assert.throws(() => leaseIncome(spec, year, [], short.map((x) => x * 2)), /lease: heatShortShare\[730\] must be a share of the leased IT in \[0, 1\], got 2/);
});

test.run();
