import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomStream } from './stream.js';

const draws = (seed: number, replication: number, component: string, n = 8) => {
  const s = randomStream(seed, replication, component);
  return Array.from({ length: n }, () => s.next());
};

test('a stream is a function of (seed, replication, component) alone', () => {
  assert.equal(draws(1, 2, 'market.btc'), draws(1, 2, 'market.btc'));
  assert.not.equal(draws(1, 2, 'market.btc'), draws(2, 2, 'market.btc'));
  assert.not.equal(draws(1, 2, 'market.btc'), draws(1, 3, 'market.btc'));
  assert.not.equal(draws(1, 2, 'market.btc'), draws(1, 2, 'market.btd'));
});

test('creating streams in another order, or adding a component, leaves each stream unchanged', () => {
  const a1 = randomStream(5, 0, 'a'), b1 = randomStream(5, 0, 'b');
  const first = [a1.next(), b1.next(), a1.next(), b1.next()];
  const extra = randomStream(5, 0, 'new-component');
  extra.next();
  const b2 = randomStream(5, 0, 'b'), a2 = randomStream(5, 0, 'a');
  const second = [a2.next(), b2.next(), a2.next(), b2.next()];
  assert.equal(second, first);
});

test('uniforms lie in [0, 1) and nextOpen never returns 0', () => {
  const s = randomStream(9, 0, 'range');
  for (let i = 0; i < 100_000; i++) {
    const u = s.next(), v = s.nextOpen();
    if (!(u >= 0 && u < 1 && v > 0 && v < 1)) assert.unreachable(`out of range: ${u}, ${v}`);
  }
});

test('streams of neighbouring replications are uncorrelated (|r| within 4/√n)', () => {
  const n = 50_000;
  const a = randomStream(1, 0, 'corr'), b = randomStream(1, 1, 'corr');
  let sab = 0, sa = 0, sb = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    const x = a.next(), y = b.next();
    sab += x * y; sa += x; sb += y; saa += x * x; sbb += y * y;
  }
  const r = (n * sab - sa * sb) / Math.sqrt((n * saa - sa * sa) * (n * sbb - sb * sb));
  assert.ok(Math.abs(r) < 4 / Math.sqrt(n), `r = ${r}`);
});

test('rejects a negative replication and an empty component name', () => {
  assert.throws(() => randomStream(1, -1, 'x'), /replication/);
  assert.throws(() => randomStream(1, 0, ''), /component/);
});

test.run();
