import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RandomStream } from '../core/stream.js';
import { breakEven } from './break-even.js';

test('the zero of a line through noisy points: Fieller intervals cover the true break-even at their confidence', () => {
  // Δ NPV = 3 · (x − 50) + N(0, 20²), x uniform on [20, 100], 40 points a study, 400 studies.
  // Each interval holds 50 with probability 0.95 (Fieller's is exact for normal errors), so the
  // count covered is Binomial(400, 0.95): mean 380, sd 4.4 — accept 380 ± 3.5 sd.
  const rng = new RandomStream('break-even-test');
  let covered = 0, found = 0;
  for (let study = 0; study < 400; study++) {
    const x = Float64Array.from({ length: 40 }, () => 20 + 80 * rng.next());
    const y = x.map((v) => 3 * (v - 50) + 20 * rng.standardNormal());
    const b = breakEven(x, y, 0.95);
    if (!b) continue;
    found++;
    if (b.lower! <= 50 && 50 <= b.upper!) covered++;
  }
  assert.is(found, 400, 'a slope of 3 against noise of 20 over a range of 80 is always clear');
  assert.ok(Math.abs(covered - 380) <= 3.5 * Math.sqrt(400 * 0.95 * 0.05), `covered ${covered} of 400`);
});

test('an exact line breaks even exactly; no break-even where the driver does not move the value, or does not vary', () => {
  const x = Float64Array.from({ length: 20 }, (_, i) => 10 + i);
  const exact = breakEven(x, x.map((v) => 2e6 * (v - 17.5)), 0.95)!;
  assert.ok(Math.abs(exact.value - 17.5) < 1e-9 && Math.abs(exact.slopeUSDPerUnit - 2e6) < 1e-3);
  assert.is(exact.min, 10);
  assert.is(exact.max, 29);
  const rng = new RandomStream('break-even-flat');
  assert.is(breakEven(x, x.map(() => rng.standardNormal()), 0.95), undefined, 'pure noise: the slope is not clearly away from zero');
  assert.is(breakEven(new Float64Array(20).fill(45), x, 0.95), undefined, 'a flat price');
  assert.is(breakEven(x.subarray(0, 9), x.subarray(0, 9), 0.95), undefined, 'fewer than 10 replications');
  // Replications without a value (NaN) are left out, not counted as zero.
  const withGaps = x.map((v, i) => (i % 4 === 0 ? NaN : 2e6 * (v - 17.5)));
  assert.ok(Math.abs(breakEven(x, withGaps, 0.95)!.value - 17.5) < 1e-9);
});

test.run();
