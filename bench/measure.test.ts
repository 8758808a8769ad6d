import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { measurePaired, pairedRatios, seconds, spread } from './measure.js';

test('spread gives the median (the mean of the middle two for an even count), min, max and runs', () => {
  assert.equal(spread([3, 1, 2]), { median: 2, min: 1, max: 3, runs: 3 });
  assert.equal(spread([4, 1, 3, 2]), { median: 2.5, min: 1, max: 4, runs: 4 });
  assert.equal(spread([7]), { median: 7, min: 7, max: 7, runs: 1 });
  assert.throws(() => spread([]), /no values/);
});

test('measurePaired warms up unrecorded, then brackets every run with reference runs', async () => {
  const calls: string[] = [];
  let n = 0, r = 0;
  const paired = await measurePaired(
    async () => (calls.push('run'), ++n),
    () => (calls.push('ref'), 100 + ++r),
    3,
    2,
  );
  assert.equal(calls, ['run', 'run', 'ref', 'run', 'ref', 'run', 'ref', 'run', 'ref']);
  assert.equal(paired, { values: [3, 4, 5], references: [101, 102, 103, 104] });
});

test('each run is divided by the geometric mean of the reference runs either side of it', () => {
  assert.equal(pairedRatios({ values: [8, 6], references: [4, 16, 9] }), [8 / 8, 6 / 12]);
  assert.throws(() => pairedRatios({ values: [1, 2], references: [1, 2] }), /2 runs need 3 reference runs, got 2/);
});

test('a load that slows benchmark and reference alike, steadily, cancels out of every pair', () => {
  // True ratio 0.5; the machine slows by 10 % a step, and every call sees the load of its moment.
  const load = (step: number) => 0.9 ** step;
  const paired = { values: [0, 1, 2, 3].map((i) => 50 * load(2 * i + 1)), references: [0, 1, 2, 3, 4].map((i) => 100 * load(2 * i)) };
  for (const r of pairedRatios(paired)) assert.ok(Math.abs(r - 0.5) < 1e-12);
});

test('the median of paired ratios keeps the true ratio through a load change and a burst; the ratio of medians does not', () => {
  // Quiet for two runs, then a neighbour halves the speed of both; one run is also hit by a burst.
  const paired = { values: [10, 10, 5, 1, 5], references: [20, 20, 20, 10, 10, 10] };
  const ratios = pairedRatios(paired);
  assert.is(spread(ratios).median, 0.5);
  assert.is(spread(paired.values).median / spread(paired.references).median, 5 / 15);
});

test('seconds reads process.hrtime.bigint, the clock that the gate makes CPU time', () => {
  const real = process.hrtime.bigint;
  let ns = 0n;
  process.hrtime.bigint = () => (ns += 250_000_000n);
  try {
    assert.is(seconds(() => {}), 0.25);
  } finally {
    process.hrtime.bigint = real;
  }
});

test.run();
