import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseScenario } from '../scenario/load.js';
import { runCampus } from './campus.js';
import { drawWorld } from './world.js';

// A campus small enough to check by hand: no mining, a 1 MW hall leased at 100 USD/kW-month for the
// two years of the horizon, 2,000,000 USD of hall capex at the start, 120,000 USD a year of
// overhead, the hall's book value over a 4-year life, discounted at 12 % a year.
function leaseCampus(finance: string) {
  const s = parseScenario('finance.yaml', `name: finance
horizon: { start: 2026-01-01, years: 2 }
market: { btc: { model: gbm, price: 90000 USD, volatility: 0 } }
network: { hashrate: 1050 EH/s, difficulty: 148e12, height: 930000 }
site: { grid: 10 MW, powerPrice: 50 USD/MWh }
mining: { asic: { hashrate: 270 TH/s, power: 3645 W }, capacity: 0 MW }
lease: { it: 1 MW, rent: 100 USD/kW/month, online: 0 months, termYears: 2, hallCapex: 2e6 USD/MW }
finance: ${finance}
variants: { lease: {} }
`);
  return runCampus(s.variants[0], drawWorld(s.world, s.horizon, 1, 0), s.world, s.horizon).metrics;
}
const metrics = leaseCampus('{ discountRate: 0.12, opex: { fixed: 120000 USD/year }, lives: { halls: 4 years }, capital: 2.5e6 USD }');

test('the spreadsheet: 24 months of 100,000 rent − 10,000 overhead after 2,000,000 of capex, and half the hall left', () => {
  // Month k (k = 1…24) nets 90,000, discounted by v^k with v = 1.12^(−1/12); Σ v^k = 21.3732266946.
  // NPV = −2,000,000 + 90,000 × 21.3732266946 + 1,000,000 × 1.12^−2 = 720,784.28.
  assert.ok(Math.abs(metrics.npvUSD - 720784.28) < 0.005, `NPV ${metrics.npvUSD}`);
  assert.ok(Math.abs(metrics.residualValueUSD - 1e6) < 1e-6);
  assert.ok(Math.abs(metrics.opexUSD - 240000) < 1e-6);
  assert.ok(Math.abs(metrics.leaseRentUSD - 2.4e6) < 1e-6);
  // IRR: the rate at which those flows are worth nothing, 43.5456 % a year (bisection on the same sum).
  assert.ok(Math.abs(metrics.irr - 0.4354561819) < 1e-8, `IRR ${metrics.irr}`);
  // Payback: cash is −20,000 after month 22 and +70,000 after month 23: 22 + 20,000/90,000 months.
  assert.ok(Math.abs(metrics.paybackYears - (22 + 2 / 9) / 12) < 1e-9, `payback ${metrics.paybackYears}`);
  assert.ok(Math.abs(metrics.minCashUSD - -2e6) < 1e-6);
  assert.ok(Math.abs(metrics.capitalHeadroomUSD - 0.5e6) < 1e-6, 'a 2.5 M raise leaves 0.5 M at the lowest point');
  assert.ok(Math.abs(metrics.computeEbitdaUSD - 2.4e6) < 1e-6, 'overhead is not charged to a segment');
  assert.is(metrics.computeRevenueShare, 1);
  assert.ok(Number.isNaN(metrics.breakEvenBtcUSD), 'nothing mined: no break-even price');
});

test('debt: equity NPV adds the money raised, the monthly interest and the principal repaid', () => {
  const m = leaseCampus('{ discountRate: 0.12, debt: { amount: 1e6 USD, rate: 0.06, maturity: 12 months } }');
  // 1,000,000 in; 5,000 interest at each of 12 month-ends; 1,000,000 back at month 12:
  // 1e6 − 5,000 × Σ_{1..12} v^m − 1e6 × v^12 = 50,685.28 at 12 % a year.
  assert.ok(Math.abs(m.equityNpvUSD - m.npvUSD - 50685.28) < 0.01, `${m.equityNpvUSD - m.npvUSD}`);
  assert.ok(Math.abs(m.interestUSD - 60000) < 1e-6);
});

test('treasury: BTC kept is worth its amount × the last price at the horizon, and its revenue is not cash before', () => {
  const mining = (hold: number) => parseScenario('treasury.yaml', `name: treasury
horizon: { start: 2026-01-01, years: 1 }
market: { btc: { model: gbm, price: 90000 USD, volatility: 0 } }
network: { hashrate: 1050 EH/s, difficulty: 148e12, height: 930000, campusCounts: false }
site: { grid: 100 MW, powerPrice: 40 USD/MWh }
mining: { asic: { hashrate: 270 TH/s, power: 3645 W }, capacity: 36.45 MW, curtail: false }
finance: { discountRate: 0.12, treasury: { holdShare: ${hold} }, opex: { mining: 30000 USD/MW/year } }
variants: { v: {} }
`);
  const run = (hold: number) => {
    const t = mining(hold);
    return runCampus(t.variants[0], drawWorld(t.world, t.horizon, 1, 0), t.world, t.horizon);
  };
  const sell = run(0), keep = run(1);
  assert.is(keep.metrics.minedBTC, sell.metrics.minedBTC);
  assert.ok(Math.abs(keep.metrics.treasuryBTC - keep.metrics.minedBTC) < 1e-12);
  assert.ok(Math.abs(keep.metrics.treasuryUSD - 90000 * keep.metrics.minedBTC) < 1e-6);
  // Selling at once banks each month's revenue at month's end; keeping banks it all at the horizon.
  const v = 1.12 ** (-1 / 12);
  const months = 12;
  let sold = 0;
  for (let m = 0; m < months; m++) sold += sell.monthly[m] * v ** (m + 1);
  const expected = keep.metrics.treasuryUSD * v ** months - sold;
  assert.ok(Math.abs(keep.metrics.npvUSD - sell.metrics.npvUSD - expected) < 1e-4, `${keep.metrics.npvUSD - sell.metrics.npvUSD} vs ${expected}`);
  // Break-even: power and opex per BTC mined (10,000 machines = 36.45 MW at 40 USD/MWh, 30,000 USD/MW-year).
  const costUSD = 36.45 * 8766 * 40 + 36.45 * 30000;
  assert.ok(Math.abs(sell.metrics.breakEvenBtcUSD - costUSD / sell.metrics.minedBTC) < 1e-6);
  assert.ok(Math.abs(sell.metrics.miningEbitdaUSD - (sell.metrics.miningRevenueUSD - costUSD)) < 1e-3);
});

test.run();
