import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { erlangC, type BatchedEstimate, type MMcResult, simulateMMc } from './mmc.js';
import { Constant } from './samplers/constant.js';
import { studentTQuantile } from './stats/student-t.js';

const CONFIDENCE = 0.999;

/** Batch-means interval from the run itself: mean ± t_{(1+c)/2, B−1} · s_B/√B. */
function interval(e: BatchedEstimate): { lo: number; hi: number; halfWidth: number } {
  const b = e.batchMeans;
  const halfWidth = studentTQuantile((1 + CONFIDENCE) / 2, b.count - 1) * b.standardError;
  return { lo: e.mean - halfWidth, hi: e.mean + halfWidth, halfWidth };
}

function assertCovers(e: BatchedEstimate, truth: number, what: string): void {
  const ci = interval(e);
  assert.ok(ci.lo <= truth && truth <= ci.hi, `${what}: ${truth} outside [${ci.lo}, ${ci.hi}]`);
  // The test's power: with the interval within ±20 %, any model error of 20 % or more is caught.
  assert.ok(ci.halfWidth < 0.2 * truth, `${what}: interval ±${ci.halfWidth} too wide to test`);
}

/** Little's law on the whole sample path: time-average L = observed λ × mean time in system. */
function assertLittle(r: MMcResult): void {
  const s = r.sample;
  const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
  assert.ok(rel(s.meanInSystem, s.arrivalRate * s.meanSojournH) < 1e-9, `L ${s.meanInSystem} ≠ λW ${s.arrivalRate * s.meanSojournH}`);
  assert.ok(rel(s.meanInQueue, s.arrivalRate * s.meanQueueTimeH) < 1e-9, `Lq ${s.meanInQueue} ≠ λWq ${s.arrivalRate * s.meanQueueTimeH}`);
}

test('Erlang C reproduces the textbook table (λ = 2, c = 3; λ = 8 and 9, c = 10)', () => {
  const a = erlangC(2, 1, 3);
  assert.ok(Math.abs(a.probabilityOfWait - 0.4444) < 5e-5 && Math.abs(a.meanWait - 0.4444) < 5e-5);
  const b = erlangC(8, 1, 10);
  assert.ok(Math.abs(b.probabilityOfWait - 0.4092) < 5e-5);
  assert.ok(Math.abs(b.meanWait - 0.2046) < 5e-5);
  assert.ok(Math.abs(b.meanQueueLength - 1.6367) < 5e-5);
  assert.ok(Math.abs(erlangC(9, 1, 10).meanWait - 0.6687) < 5e-5);
  assert.throws(() => erlangC(10, 1, 10), /stable/);
});

for (const [lambda, c, customers] of [[2, 3, 200_000], [8, 10, 600_000], [9, 10, 800_000]] as const) {
  test(`M/M/${c} with λ = ${lambda}: simulated P(wait), Wq and Lq cover Erlang C; Little's law holds`, () => {
    const r = simulateMMc({ arrivalRate: lambda, serviceRate: 1, servers: c, customers, warmupCustomers: 5000, batches: 30, seed: 42 });
    const exact = erlangC(lambda, 1, c);
    assertCovers(r.probabilityOfWait, exact.probabilityOfWait, 'P(wait)');
    assertCovers(r.meanWaitH, exact.meanWait, 'Wq');
    assertCovers(r.meanQueueLength, exact.meanQueueLength, 'Lq');
    assertLittle(r);
    assert.is(r.events, 2 * customers, 'one arrival and one departure per customer');
  });
}

test('M/D/1 at ρ = 0.9 waits 4.5 (Pollaczek–Khinchine: half of M/M/1)', () => {
  const r = simulateMMc({
    arrivalRate: 0.9, serviceRate: 1, serviceTimeH: new Constant(1), servers: 1,
    customers: 1_000_000, warmupCustomers: 10_000, batches: 30, seed: 7,
  });
  assertCovers(r.meanWaitH, 4.5, 'Wq');
  assertLittle(r);
});

test("Little's law holds on every run, stable or not, whatever the seed", () => {
  for (let seed = 1; seed <= 5; seed++) {
    assertLittle(simulateMMc({ arrivalRate: 3, serviceRate: 1, servers: 2, customers: 2000, batches: 2, seed }));
  }
});

test('the same seed gives the same run; another seed a different one', () => {
  const run = (seed: number) => simulateMMc({ arrivalRate: 8, serviceRate: 1, servers: 10, customers: 20_000, seed }).meanWaitH.mean;
  assert.is(run(3), run(3));
  assert.is.not(run(3), run(4));
});

test('bad parameters are named', () => {
  assert.throws(() => simulateMMc({ arrivalRate: 1, serviceRate: 1, servers: 0, customers: 10 }), /servers must be an integer ≥ 1/);
  assert.throws(() => simulateMMc({ arrivalRate: -1, serviceRate: 1, servers: 1, customers: 100 }), /exponential: rate/);
  assert.throws(() => simulateMMc({ arrivalRate: 1, serviceRate: 1, servers: 1, customers: 10 }), /batches/);
  assert.throws(() => simulateMMc({ arrivalRate: 1, serviceRate: 1, servers: 1, customers: 10, warmupCustomers: 10 }), /warmupCustomers/);
});

test.run();
