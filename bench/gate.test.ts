import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ALPHA, gatePasses, judge, MARGIN, type Pair, pairOrder, pairRatios, REMEASURE_PAIRS_FACTOR, REMEASURES, remeasureSuspects, signTestRejects } from './gate.js';

const U = 'events/s';
/** Pairs whose ratios (change ÷ reference) are `ratios`, on a reference that runs at 100. */
const pairs = (...ratios: number[]): Pair[] => ratios.map((r, k) => ({ change: 100 * r, reference: 100, changeFirst: k % 2 === 0 }));

test('the stated margin is 10 %, the sign test at 1 %, and a suspect gets one more round with twice the pairs', () => {
  assert.is(MARGIN, 0.1);
  assert.is(ALPHA, 0.01);
  assert.is(REMEASURES, 1);
  assert.is(REMEASURE_PAIRS_FACTOR, 2);
});

test('a pair ratio is the change over the reference, whatever each side measured', () => {
  assert.equal(pairRatios([{ change: 50, reference: 100, changeFirst: true }, { change: 9e6, reference: 6e6, changeFirst: false }]), [0.5, 1.5]);
  assert.throws(() => pairRatios([{ change: 0, reference: 1, changeFirst: true }]), /rates must be positive/);
  assert.throws(() => pairRatios([{ change: 1, reference: NaN, changeFirst: true }]), /rates must be positive/);
});

test('the sign test matches the binomial tail: 13 of 15 pairs below prove it at 1 %, 12 do not', () => {
  // P(Bin(15, ½) ≥ 13) = (105 + 15 + 1) / 32768 = 0.0037; P(≥ 12) = 576 / 32768 = 0.0176.
  assert.ok(signTestRejects(13, 15, 0.01));
  assert.not.ok(signTestRejects(12, 15, 0.01));
  assert.ok(signTestRejects(12, 15, 0.05));
  // Five pairs can never prove it at 1 % (all five below: 1/32), seven can (1/128).
  assert.not.ok(signTestRejects(5, 5, 0.01));
  assert.ok(signTestRejects(7, 7, 0.01));
  assert.not.ok(signTestRejects(0, 15, 0.01));
});

test('a median pair down to the margin passes; below it, a figure fails only when the sign test proves it', () => {
  assert.is(judge('a', U, pairs(0.95, 0.91, 0.9, 1.2, 0.7)).verdict, 'pass'); // median 0.91
  assert.is(judge('a', U, pairs(0.9)).verdict, 'pass');
  assert.is(judge('a', U, pairs(0.5, 0.6, 0.55, 0.58, 0.52)).verdict, 'unclear'); // five pairs prove nothing at 1 %
  assert.is(judge('a', U, pairs(...Array(15).fill(0.6))).verdict, 'fail');
  const j = judge('a', U, pairs(0.5, 1.0, 0.85, 0.8, 1.3));
  assert.is(j.verdict, 'unclear');
  assert.ok(Math.abs(j.ratio! - 0.85) < 1e-12);
  assert.is(j.low, 0.5);
  assert.is(j.high, 1.3);
  assert.is(j.below, 3);
  assert.is(judge('a', U, pairs(0.6), { margin: 0.5 }).verdict, 'pass');
});

test('a noisy median below the floor with too few pairs under it is unclear, not failed', () => {
  // 15 pairs, median 0.88, but only 9 below the floor: a busy machine, not a proven slowdown.
  const noisy = pairs(0.7, 0.75, 0.8, 0.82, 0.85, 0.86, 0.87, 0.88, 0.89, 0.95, 1.0, 1.05, 1.1, 1.2, 1.3);
  const j = judge('a', U, noisy);
  assert.is(j.ratio, 0.88);
  assert.is(j.below, 9);
  assert.is(j.verdict, 'unclear');
  assert.ok(gatePasses([j]));
});

test('one pair spoiled by a burst, either way, does not move the median', () => {
  // A burst of load on the change's process makes one pair look 3× slower; on the reference's, 3× faster.
  assert.is(judge('a', U, pairs(1, 1.02, 0.33, 0.98, 1.01)).verdict, 'pass');
  const slow = pairs(0.7, 0.72, 3, 0.69, 0.71, 0.7, 0.72, 0.68, 0.7, 0.71, 0.69, 0.73, 0.7, 0.7, 0.71);
  assert.is(judge('a', U, slow).verdict, 'fail'); // 14 of 15 below
});

test('an even number of pairs takes the mean of the middle two', () => {
  assert.ok(Math.abs(judge('a', U, pairs(0.8, 0.88, 0.9, 1.0)).ratio! - 0.89) < 1e-12);
  assert.is(judge('a', U, pairs(0.8, 0.88, 0.9, 1.0)).verdict, 'unclear');
});

test('a faster change passes, however much faster', () => {
  const j = judge('a', U, pairs(2.5, 2.4, 2.6));
  assert.is(j.verdict, 'pass');
  assert.is(j.ratio, 2.5);
});

test('a benchmark the reference commit does not have is new and never fails', () => {
  const j = judge('a', U, undefined);
  assert.is(j.verdict, 'new');
  assert.is(j.ratio, undefined);
  assert.ok(gatePasses([j]));
  assert.throws(() => judge('a', U, []), /a: no pairs measured/);
});

test('an accepted slowdown lowers the floor for that figure, and only lowers it', () => {
  const allowance = { lowest: 0.6, why: 'the network is a fleet now' };
  const j = judge('world', U, pairs(0.7, 0.72, 0.69), { allowance });
  assert.is(j.verdict, 'pass');
  assert.is(j.floor, 0.6);
  assert.is(j.accepted, 'the network is a fleet now');
  assert.is(judge('world', U, pairs(...Array(9).fill(0.55)), { allowance }).verdict, 'fail');
  // An allowance above the margin's floor cannot make the gate stricter than the margin.
  const strict = judge('world', U, pairs(0.92), { allowance: { lowest: 0.95, why: 'x' } });
  assert.is(strict.verdict, 'pass');
  assert.is(strict.floor, 1 - MARGIN);
  assert.is(strict.accepted, undefined);
});

test('only figures below the floor are measured again, with the new pairs added to the old', async () => {
  const first = [judge('steady', U, pairs(0.98, 1.01, 0.99)), judge('burst', U, pairs(0.6, 0.7, 1.0)), judge('new', U, undefined)];
  const asked: string[] = [];
  const after = await remeasureSuspects(first, (name) => (asked.push(name), pairs(1.0, 0.97, 1.02, 0.99, 1.01, 0.98)));
  assert.equal(asked, ['burst']);
  assert.is(after[0], first[0]);
  assert.is(after[1].pairs.length, 9);
  assert.is(after[1].verdict, 'pass');
  assert.ok(gatePasses(after));
});

test('a real slowdown stays slow when measured again and fails the gate', async () => {
  const rounds: number[] = [];
  const first = judge('slow', U, pairs(0.6, 0.62, 0.65, 0.61, 0.63));
  assert.is(first.verdict, 'unclear');
  const after = await remeasureSuspects([first], () => pairs(...Array(10).fill(0.62)), { onRound: (round) => rounds.push(round) });
  assert.equal(rounds, [1]);
  assert.is(after[0].verdict, 'fail');
  assert.is(after[0].pairs.length, 15);
  assert.not.ok(gatePasses(after));
});

test('no re-measurement when nothing is below the floor or none is allowed', async () => {
  let calls = 0;
  await remeasureSuspects([judge('a', U, pairs(1))], () => (calls++, pairs(1)));
  await remeasureSuspects([judge('a', U, pairs(0.5))], () => (calls++, pairs(1)), { remeasures: 0 });
  assert.is(calls, 0);
});

test('a re-measured figure keeps its accepted slowdown', async () => {
  const allowanceOf = (name: string) => (name === 'world' ? { lowest: 0.5, why: 'w' } : undefined);
  const first = [judge('world', U, pairs(0.4), { allowance: allowanceOf('world') })];
  const after = await remeasureSuspects(first, () => pairs(0.55, 0.56), { allowanceOf });
  assert.is(after[0].verdict, 'pass'); // median of 0.4, 0.55, 0.56
  assert.is(after[0].floor, 0.5);
});

test('the processes of a pair take turns going first', () => {
  assert.equal(pairOrder(5), [true, false, true, false, true]);
  assert.equal(pairOrder(0), []);
});

test.run();
