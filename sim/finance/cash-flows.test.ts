import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { irr, minimumCash, npv, paybackYears, signChanges } from './cash-flows.js';

const cents = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 0.005, `${what}: ${a} vs ${b}`);

test('NPV discounts month k by (1 + r)^(−k/12): a spreadsheet-style check to the cent', () => {
  // −1,000 now and 100 at the end of each of 12 months at 12 %/year.
  const flows = [-1000, ...Array(12).fill(100)];
  const v = Math.pow(1.12, -1 / 12);
  let expected = -1000;
  for (let k = 1; k <= 12; k++) expected += 100 * v ** k;
  cents(npv(flows, 0.12), expected, 'NPV');
  // The annuity in closed form (a spreadsheet's =PV(1.12^(1/12)−1, 12, −100) − 1000): 129.15.
  cents(npv(flows, 0.12), (100 * (1 - 1 / 1.12)) / (1.12 ** (1 / 12) - 1) - 1000, 'NPV against the closed-form annuity');
  assert.is(npv(flows, 0.12).toFixed(2), '129.15');
  cents(npv([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1120], 0.12), 1000, 'a year-end 1,120 at 12 % is worth 1,000 now');
});

test('IRR: 100 growing to 121 over two years is 10 % a year; NPV at the IRR is zero', () => {
  const flows = [-100, ...Array(23).fill(0), 121];
  assert.ok(Math.abs(irr(flows) - 0.1) < 1e-9, `IRR ${irr(flows)}`);
  const annuity = [-1000, ...Array(12).fill(100)];
  const r = irr(annuity);
  assert.ok(Math.abs(npv(annuity, r)) < 1e-6);
  // Monthly IRR of this annuity is 2.9229 % (spreadsheet =RATE(12,100,-1000)); annualised (1+i)^12 − 1.
  assert.ok(Math.abs(r - (1.029229 ** 12 - 1)) < 1e-4, `IRR ${r}`);
  assert.ok(Number.isNaN(irr([100, 100])), 'no IRR when the cash never changes sign');
  // −, +, −: two changes of sign and two rates that zero the NPV (10 % and 20 % a month) — no single IRR to report.
  assert.ok(Math.abs(npv([-100, 230, -132], 1.1 ** 12 - 1)) < 1e-9 && Math.abs(npv([-100, 230, -132], 1.2 ** 12 - 1)) < 1e-9);
  assert.ok(Number.isNaN(irr([-100, 230, -132])), 'an unconventional series has no unique IRR');
});

test('IRR beyond one change of sign: unique when the cumulative cash changes sign once (Norström), none for money in first', () => {
  // −100, +60, −10, +70: three changes of sign in the flows, but the cumulative cash (−100, −40, −50, +20)
  // changes sign once, so exactly one rate above zero zeroes the NPV.
  const flows = [-100, 60, -10, 70];
  assert.is(signChanges(flows), 3);
  const r = irr(flows);
  assert.ok(r > 0 && Math.abs(npv(flows, r)) < 1e-6, `IRR ${r}`);
  // Below the IRR the NPV is positive, above it negative: IRR > discount rate ⇔ NPV > 0.
  assert.ok(npv(flows, r / 2) > 0 && npv(flows, 2 * r) < 0);
  // A loan's flows (money in, then out) have a rate that zeroes them, but it reads the other way round: none reported.
  assert.ok(Number.isNaN(irr([100, -50, -60])));
  // Cumulative −, +, − (a late outlay undoes the gain): no unique rate claimed.
  assert.ok(Number.isNaN(irr([-100, 150, -80])));
});

test('payback interpolates within the month; never-recovering plans have none', () => {
  cents(paybackYears([-100, 30, 30, 30, 30]) * 12, 3 + 1 / 3, 'payback in months');
  assert.is(paybackYears([50, 10]), 0);
  assert.ok(Number.isNaN(paybackYears([-100, 10, 10])));
});

test('minimum cash is the deepest the cumulative cash goes: the funding gap', () => {
  assert.is(minimumCash([-100, -50, 80, 200, -300]), -170);
  assert.is(minimumCash([10, 20]), 0);
});

test.run();
