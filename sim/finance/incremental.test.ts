import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RandomStream } from '../core/stream.js';
import { npv } from './cash-flows.js';
import { capitalRunsOutYears, incremental } from './incremental.js';

const cash = (cashUSD: number[], horizonUSD: number, capexUSD: number) => {
  const flowsUSD = Float64Array.from(cashUSD);
  flowsUSD[flowsUSD.length - 1] += horizonUSD;
  return { cashUSD: Float64Array.from(cashUSD), flowsUSD, capexUSD };
};

test('the increment by hand: a layout spending 1,000 more up front that earns 110 more a month for a year', () => {
  // Baseline: no capex, 50 a month. Layout: 1,000 of capex, 160 a month, 200 more at the horizon.
  const baseline = cash([0, ...Array(12).fill(50)], 0, 0);
  const layout = cash([-1000, ...Array(12).fill(160)], 200, 1000);
  const m = incremental(layout, baseline, 0.12);
  // Δ flows: −1,000, then 110 × 12, and 200 at month 12: NPV at 12 % = −1,000 + 110 Σ v^k + 200 v^12, v = 1.12^(−1/12).
  const v = Math.pow(1.12, -1 / 12);
  let expected = -1000 + 200 * v ** 12;
  for (let k = 1; k <= 12; k++) expected += 110 * v ** k;
  assert.ok(Math.abs(m.incrementalNpvUSD - expected) < 1e-9, `${m.incrementalNpvUSD} vs ${expected}`);
  assert.ok(Math.abs(npv([-1000, ...Array(11).fill(110), 310], m.incrementalIrr)) < 1e-6, 'the IRR zeroes the Δ flows');
  assert.is(m.incrementalCapexUSD, 1000);
  assert.ok(Math.abs(m.profitabilityIndex - expected / 1000) < 1e-12);
  // Payback counts cash only: −1,000 + 110 k ≥ 0 first in month 10, at 9 + 10/110 months.
  assert.ok(Math.abs(m.incrementalPaybackYears - (9 + 10 / 110) / 12) < 1e-12, `payback ${m.incrementalPaybackYears}`);
});

test('a layout that spends less than the baseline has no profitability index, and its money-in-first increment no IRR', () => {
  const baseline = cash([-1000, ...Array(12).fill(120)], 0, 1000);
  const layout = cash([0, ...Array(12).fill(20)], 0, 0);
  const m = incremental(layout, baseline, 0.1);
  assert.is(m.incrementalCapexUSD, -1000);
  assert.ok(Number.isNaN(m.profitabilityIndex));
  assert.ok(Number.isNaN(m.incrementalIrr), 'Δ flows +1,000 then −100 a month read as a loan: no IRR to compare with a discount rate');
  assert.ok(m.incrementalNpvUSD < 0 === npv([1000, ...Array(12).fill(-100)], 0.1) < 0);
});

test('an incremental IRR beats the discount rate exactly when the incremental NPV is positive (200 random conventional increments)', () => {
  // Monthly Δ flows: an outlay in the first months, then noisy returns (which may dip below zero now
  // and then), as a layout against the baseline on one world. Where the IRR is defined, its order
  // against the rate must match the NPV's sign; the discount rates cover 0–30 %.
  const rng = new RandomStream('incremental-irr-test');
  let defined = 0;
  for (let trial = 0; trial < 200; trial++) {
    const months = 24 + Math.floor(rng.next() * 36);
    const flows = new Float64Array(months + 1);
    const build = 1 + Math.floor(rng.next() * 6);
    for (let k = 0; k < build; k++) flows[k] = -(50 + 100 * rng.next());
    const mean = 5 + 30 * rng.next(), noise = 40 * rng.next();
    for (let k = build; k <= months; k++) flows[k] = mean + noise * (rng.next() - 0.5) * 2;
    const rate = 0.3 * rng.next();
    const m = incremental({ cashUSD: flows, flowsUSD: flows, capexUSD: 1 }, { cashUSD: new Float64Array(months + 1), flowsUSD: new Float64Array(months + 1), capexUSD: 0 }, rate);
    if (Number.isNaN(m.incrementalIrr)) continue;
    defined++;
    assert.is(m.incrementalIrr > rate, m.incrementalNpvUSD > 0, `trial ${trial}: IRR ${m.incrementalIrr}, rate ${rate}, NPV ${m.incrementalNpvUSD}`);
  }
  // Norström's rule finds a unique IRR for most of these despite their noisy signs.
  assert.ok(defined >= 150, `an IRR for ${defined} of 200`);
});

test('capital runs out at the first month boundary where the cumulative cash needs more than it', () => {
  // Cumulative: −400, −700, −1,000, −1,050, −900 against 1,000 of capital: beyond it at index 3 (the end of month 3).
  assert.is(capitalRunsOutYears([-400, -300, -300, -50, 150], 1000), 3 / 12);
  assert.ok(Number.isNaN(capitalRunsOutYears([-400, -300, -300, 50], 1000)), 'exactly the capital fits');
  assert.ok(Number.isNaN(capitalRunsOutYears([-1e12], Infinity)), 'no limit, never short');
});

test.run();
