import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { normalQuantile } from '../core/stats/normal.js';
import { RandomStream } from '../core/stream.js';
import { equalAllocationReplications, indicatorVarianceFloor, selectBest, selectBestFeasible } from './ranking.js';

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

// Constrained: five normal systems with common random numbers, each with mean μ and P(X < 0) = p set
// by its sd (σ = μ / Φ⁻¹(1 − p)); the limit is P(X < 0) ≤ 0.2 with tolerance 0.05. The best mean (0)
// is infeasible at the edge of the tolerance (p = 0.25); the best feasible (1) meets the limit only
// by the tolerance (p = 0.15) and leads the two other layouts below 0.25 (2, 3) by exactly δ, and an
// infeasible one (4) as well — the least favourable configuration the guarantee covers.
const MEANS = [1.3, 1.0, 0.8, 0.8, 0.8], LOSS = [0.25, 0.15, 0.15, 0.2, 0.25], CDELTA = 0.2;
const CONSTRAINT = { limit: 0.2, tolerance: 0.05, varianceFloor: indicatorVarianceFloor(0.2, 0.05) };
const COPTIONS = { indifference: CDELTA, confidence: 0.95, firstStage: 10, maxReplications: 100_000, constraint: CONSTRAINT };

function constrainedProblem(seed: string, means = MEANS, loss = LOSS) {
  const rng = new RandomStream(seed);
  const sd = means.map((m, i) => m / normalQuantile(1 - loss[i]));
  const rows: number[][] = [];
  const row = (r: number) => {
    while (rows.length <= r) {
      const common = rng.standardNormal();
      rows.push(means.map((m, i) => m + sd[i] * Math.SQRT1_2 * (common + rng.standardNormal())));
    }
    return rows[r];
  };
  const observe = (r: number, alive: readonly number[]) => ({ outputs: alive.map((i) => row(r)[i]), constraint: alive.map((i) => (row(r)[i] < 0 ? 1 : 0)) });
  const first = (f: (x: number) => number) => means.map((_, i) => Array.from({ length: 10 }, (_, r) => f(row(r)[i])));
  return { observe, firstStage: () => first((x) => x), firstLosses: () => first((x) => (x < 0 ? 1 : 0)) };
}

test('Andradóttir–Kim picks the best feasible with at least its promised probability, finds the best-mean one infeasible, and spends less than equal allocation', () => {
  // 300 independent runs: correct selections are Binomial(300, PCS) with PCS ≥ 0.95, so accept ≥ 0.95·300 − 3 sd;
  // the feasibility checks are all right with probability ≥ 1 − α/2 = 0.975, so system 0 is found infeasible at least that often.
  const runs = 300, floor = (p: number) => p * runs - 3 * Math.sqrt(runs * p * (1 - p));
  let correct = 0, infeasible = 0, spent = 0, equal = 0;
  for (let run = 0; run < runs; run++) {
    const p = constrainedProblem(`ak-${run}`);
    const s = selectBestFeasible(MEANS.length, p.observe, COPTIONS);
    assert.ok(s.guaranteed);
    if (s.best === 1) correct++;
    if (s.feasibility![0] === 'infeasible') infeasible++;
    spent += s.replications.reduce((a, b) => a + b, 0);
    equal += equalAllocationReplications(MEANS.length, p.firstStage(), COPTIONS, { options: CONSTRAINT, firstStage: p.firstLosses() });
  }
  assert.ok(correct >= floor(0.95), `${correct} of ${runs} correct`);
  assert.ok(infeasible >= floor(0.975), `system 0 found infeasible in ${infeasible} of ${runs}`);
  assert.ok(spent < equal, `A–K ${spent} replications against equal allocation's ${equal}`);
});

test('with every system over the limit by more than the tolerance, none is chosen and each is found infeasible', () => {
  const p = constrainedProblem('ak-none', [1, 0.9, 0.8], [0.4, 0.45, 0.5]);
  const s = selectBestFeasible(3, p.observe, COPTIONS);
  assert.is(s.best, -1);
  assert.ok(s.guaranteed);
  assert.equal(s.feasibility, ['infeasible', 'infeasible', 'infeasible']);
  assert.ok(s.feasibilityDecidedAt!.every((r) => r >= 10));
});

test('a first stage without a single loss does not decide feasibility at once: the variance floor keeps the check open', () => {
  // Ten replications with no loss have sample variance 0; a system whose P(loss) is in fact 0.25 must not be passed on them.
  const observe = (r: number, alive: readonly number[]) => ({ outputs: alive.map(() => 1), constraint: alive.map(() => (r < 10 ? 0 : r % 4 === 0 ? 1 : 0)) });
  const s = selectBestFeasible(1, observe, { ...COPTIONS, maxReplications: 60 });
  assert.is(s.feasibility![0], 'undecided', `decided after ${s.feasibilityDecidedAt![0]}`);
  assert.is(s.guaranteed, false);
  assert.ok(indicatorVarianceFloor(0.2, 0.05) > 0.18 && indicatorVarianceFloor(0.2, 0.05) < 0.19, 'max of 0.15·0.85 and 0.25·0.75');
  assert.throws(() => selectBestFeasible(1, observe, { ...COPTIONS, constraint: { ...CONSTRAINT, tolerance: 0.2 } }), /tolerance/);
});

test.run();
