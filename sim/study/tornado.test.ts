import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { driverTails, tornado } from './tornado.js';

test('tails are the bottom and top tenth by rank, ties kept together; a constant driver has none', () => {
  const xs = Float64Array.from({ length: 20 }, (_, i) => i);
  assert.equal(driverTails(xs), { low: [0, 1], high: [18, 19] });
  // Three replications share the second-lowest value: all three are in the bottom tail.
  const tied = Float64Array.from([5, 1, 2, 2, 2, 9, 8, 7, 6, 5, 4, 3, 3, 4, 6, 7, 8, 9, 9, 10]);
  assert.equal(driverTails(tied)!.low, [1, 2, 3, 4]);
  assert.equal(driverTails(tied)!.high, [5, 17, 18, 19]);
  assert.is(driverTails(new Float64Array(20).fill(3)), undefined);
  // NaN (no value that replication) is left out, not ranked.
  assert.equal(driverTails(Float64Array.from([NaN, ...xs.slice(1)]))!.low, [1, 2]);
});

test('the swing of a metric linear in its driver is the slope × the gap between the tails’ means; a layout the input does not reach gets no bar', () => {
  const n = 100;
  const x = Float64Array.from({ length: n }, (_, i) => (i * 37) % n); // a permutation of 0…99
  const noise = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 3);
  const columns = new Map([
    ['base', x.map((v, i) => 1000 + noise[i])],
    ['more', x.map((v, i) => 1000 + 2 * v + noise[i])],
  ]);
  const t = tornado('npvUSD', columns, ['base', 'more'], 'base', [{ id: 'x', kind: 'input', values: x, variants: ['more'] }], 0.95)!;
  assert.is(t.drivers.length, 1);
  assert.ok(Math.abs(t.drivers[0].low - 4.5) < 1e-12 && Math.abs(t.drivers[0].high - 94.5) < 1e-12, 'the tails’ means of 0…9 and 90…99');
  assert.equal(t.variants[0].bars, [], 'base never reads x');
  const [bar] = t.variants[1].bars;
  const lowNoise = [...x.keys()].filter((i) => x[i] < 10).reduce((s, i) => s + noise[i], 0) / 10;
  const highNoise = [...x.keys()].filter((i) => x[i] >= 90).reduce((s, i) => s + noise[i], 0) / 10;
  assert.ok(Math.abs(bar.swing - (2 * 90 + highNoise - lowNoise)) < 1e-9, `swing ${bar.swing}`);
  assert.ok(bar.halfWidth > 0 && bar.halfWidth < 10, `±${bar.halfWidth}`);
  // Against the baseline the noise is common to both and cancels: exactly 2 × 90.
  assert.ok(Math.abs(t.variants[1].versusBaseline![0].swing - 180) < 1e-9);
});

test.run();
