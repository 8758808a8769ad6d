import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomStream } from '../stream.js';
import { kthSmallest, SampleBuffer } from './select.js';

test('kthSmallest agrees with a sort at every rank, with ties, sorted and reversed input', () => {
  const rng = randomStream(5, 0, 'select');
  const cases: Float64Array[] = [
    Float64Array.from({ length: 257 }, () => rng.next()),
    Float64Array.from({ length: 300 }, () => Math.floor(rng.next() * 7)), // many ties
    Float64Array.from({ length: 100 }, (_, i) => i),
    Float64Array.from({ length: 100 }, (_, i) => -i),
    Float64Array.of(3),
  ];
  for (const data of cases) {
    const sorted = Float64Array.from(data).sort();
    for (let k = 0; k < data.length; k++) assert.is(kthSmallest(Float64Array.from(data), data.length, k), sorted[k]);
  }
  assert.throws(() => kthSmallest(new Float64Array(3), 3, 3), /outside/);
});

test('SampleBuffer: the p-quantile is the ⌈p·n⌉-th smallest, through growth; mean from the running sum', () => {
  const b = new SampleBuffer();
  for (let i = 5000; i >= 1; i--) b.push(i);
  assert.is(b.count, 5000);
  assert.is(b.sum / b.count, 2500.5);
  assert.is(b.quantile(0.95), 4750);
  assert.is(b.quantile(1), 5000);
  assert.ok(Number.isNaN(new SampleBuffer().quantile(0.5)));
});

test.run();
