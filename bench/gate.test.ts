import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compare, gatePasses, MARGIN, orphanedBaselineFigures, REMEASURES, remeasureSuspects, shouldRemeasure } from './gate.js';

const U = 'events per M ref ops';

test('the stated margin is 25 % and a suspect is measured twice more before it fails', () => {
  assert.is(MARGIN, 0.25);
  assert.is(REMEASURES, 2);
});

test('a figure up to the margin below the baseline passes; one further below fails', () => {
  assert.is(compare('a', U, 100, [76]).verdict, 'pass');
  assert.is(compare('a', U, 100, [75]).verdict, 'pass');
  assert.is(compare('a', U, 100, [74]).verdict, 'fail');
  assert.ok(Math.abs(compare('a', U, 100, [74]).change! - -0.26) < 1e-12);
  assert.is(compare('a', U, 100, [60], 0.5).verdict, 'pass');
});

test('a faster figure passes, however much faster', () => {
  const c = compare('a', U, 100, [250]);
  assert.is(c.verdict, 'pass');
  assert.ok(Math.abs(c.change! - 1.5) < 1e-12);
});

test('a figure the baseline does not have is new and never fails', () => {
  const c = compare('a', U, undefined, [1]);
  assert.is(c.verdict, 'new');
  assert.is(c.change, undefined);
  assert.ok(gatePasses([c]));
});

test('the best measurement decides: one within the margin clears slow ones', () => {
  assert.is(compare('a', U, 100, [50, 60, 80]).verdict, 'pass');
  assert.is(compare('a', U, 100, [80, 50]).verdict, 'pass');
  assert.is(compare('a', U, 100, [50, 60, 70]).verdict, 'fail');
  assert.ok(Math.abs(compare('a', U, 100, [50, 60, 70]).change! - -0.3) < 1e-12);
});

test('compare refuses an empty measurement or a baseline that is not a positive figure', () => {
  assert.throws(() => compare('a', U, 100, []), /a: nothing measured/);
  assert.throws(() => compare('a', U, 0, [1]), /a: baseline 0 is not a positive figure/);
  assert.throws(() => compare('a', U, NaN, [1]), /not a positive figure/);
});

test('only a failing figure is measured again, and only until it has had its re-measurements', () => {
  assert.ok(shouldRemeasure(compare('a', U, 100, [50])));
  assert.ok(shouldRemeasure(compare('a', U, 100, [50, 50])));
  assert.not.ok(shouldRemeasure(compare('a', U, 100, [50, 50, 50])));
  assert.not.ok(shouldRemeasure(compare('a', U, 100, [90])));
  assert.not.ok(shouldRemeasure(compare('a', U, undefined, [1])));
  assert.not.ok(shouldRemeasure(compare('a', U, 100, [50]), 0));
});

test('a single noisy burst cannot fail the gate: the suspect is measured again and passes', () => {
  const first = [compare('steady', U, 100, [95]), compare('burst', U, 100, [40])];
  const measured: string[] = [];
  const after = remeasureSuspects(first, (name) => (measured.push(name), 98));
  assert.equal(measured, ['burst']);
  assert.equal(after.map((c) => c.verdict), ['pass', 'pass']);
  assert.equal(after[1].attempts, [40, 98]);
  assert.ok(gatePasses(after));
});

test('a real slowdown fails after every re-measurement, and the others are left alone', () => {
  const first = [compare('slow', U, 100, [50]), compare('fine', U, 100, [101]), compare('new', U, undefined, [7])];
  const rounds: [number, string[]][] = [];
  const after = remeasureSuspects(first, () => 52, { onRound: (r, names) => rounds.push([r, names]) });
  assert.equal(rounds, [[1, ['slow']], [2, ['slow']]]);
  assert.equal(after[0].attempts, [50, 52, 52]);
  assert.is(after[0].verdict, 'fail');
  assert.ok(Math.abs(after[0].change! - -0.48) < 1e-12);
  assert.is(after[1], first[1]);
  assert.is(after[2], first[2]);
  assert.not.ok(gatePasses(after));
});

test('re-measurement stops at the first measurement within the margin', () => {
  const values = [60, 90, 30];
  const after = remeasureSuspects([compare('a', U, 100, [40])], () => values.shift()!);
  assert.equal(after[0].attempts, [40, 60, 90]);
  assert.is(after[0].verdict, 'pass');
  assert.equal(values, [30]);
});

test('with no re-measurements allowed, a first failing measurement fails', () => {
  const after = remeasureSuspects([compare('a', U, 100, [40])], () => {
    throw new Error('measured again');
  }, { remeasures: 0 });
  assert.is(after[0].verdict, 'fail');
});

test('baseline figures no benchmark measures any more are named', () => {
  assert.equal(orphanedBaselineFigures(['a', 'gone', 'b'], ['a', 'b', 'c']), ['gone']);
  assert.equal(orphanedBaselineFigures([], ['a']), []);
});

test.run();
