import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RandomStream } from '../core/stream.js';
import { equalAllocationReplications, selectBest } from './ranking.js';

// Five normal systems, sd 1, in the slippage configuration — the best exactly δ = 0.5 above four equal
// rivals, the hardest case the guarantee covers — with common random numbers (a shared component,
// correlation 0.5 between systems in one replication).
const K = 5, DELTA = 0.5;
const OPTIONS = { indifference: DELTA, confidence: 0.95, firstStage: 10, maxReplications: 100_000 };

function problem(seed: string) {
  const rng = new RandomStream(seed);
  const rows: number[][] = [];
  const row = (r: number) => {
    while (rows.length <= r) {
      const common = rng.standardNormal();
      rows.push(Array.from({ length: K }, (_, i) => (i === 2 ? DELTA : 0) + Math.SQRT1_2 * (common + rng.standardNormal())));
    }
    return rows[r];
  };
  return { observe: (r: number, alive: readonly number[]) => alive.map((i) => row(r)[i]), firstStage: () => Array.from({ length: K }, (_, i) => Array.from({ length: 10 }, (_, r) => row(r)[i])) };
}

test('Kim–Nelson picks the best with at least its promised probability, and spends less than equal allocation', () => {
  // 300 independent runs: correct selections are Binomial(300, PCS) with PCS ≥ 0.95, so accept ≥ 0.95·300 − 3 sd.
  let correct = 0, spent = 0, equal = 0;
  for (let run = 0; run < 300; run++) {
    const p = problem(`kn-${run}`);
    const s = selectBest(K, p.observe, OPTIONS);
    assert.ok(s.guaranteed);
    if (s.best === 2) correct++;
    spent += s.replications.reduce((a, b) => a + b, 0);
    equal += equalAllocationReplications(K, p.firstStage(), OPTIONS);
  }
  assert.ok(correct >= 0.95 * 300 - 3 * Math.sqrt(300 * 0.95 * 0.05), `${correct} of 300 correct`);
  assert.ok(spent < equal, `KN ${spent} replications against equal allocation's ${equal}`);
});

test('with the budget spent before a decision, the best running mean is taken and said to be unguaranteed', () => {
  const p = problem('kn-budget');
  const s = selectBest(K, p.observe, { ...OPTIONS, indifference: 0.001, maxReplications: 30 });
  assert.is(s.guaranteed, false);
  assert.ok(s.replications.every((n) => n <= 30));
  assert.throws(() => selectBest(K, p.observe, { ...OPTIONS, firstStage: 1 }), /whole number ≥ 2/);
});

test.run();
