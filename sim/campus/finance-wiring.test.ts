import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseScenario } from '../scenario/load.js';
import { NPV_SEGMENTS } from '../finance/segments.js';
import { runCampus } from './campus.js';
import { drawWorld } from './world.js';

// A campus small enough to check by hand: no mining, a 1 MW hall leased at 100 USD/kW-month for the
// two years of the horizon, 2,000,000 USD of hall capex at the start, 120,000 USD a year of
// overhead, the hall's book value over a 4-year life, discounted at 12 % a year.
function leaseCampus(finance: string, horizon = '{ start: 2026-01-01, years: 2 }') {
  const s = parseScenario('finance.yaml', `name: finance
horizon: ${horizon}
market: { btc: { model: gbm, price: 90000 USD, volatility: 0 } }
network: { hashrate: 1050 EH/s, difficulty: 148e12, height: 930000 }
site: { grid: 10 MW, powerPrice: 50 USD/MWh }
mining: { asic: { hashrate: 270 TH/s, power: 3645 W }, capacity: 0 MW }
lease: { it: 1 MW, rent: 100 USD/kW/month, online: 0 months, termYears: 2, hallCapex: 2e6 USD/MW }
finance: ${finance}
variants: { lease: {} }
`);
  return runCampus(s.variants[0], drawWorld(s.world, s.horizon, 1, 0), s.world, s.horizon);
}
const { metrics, annualUSD: annualOf } = leaseCampus('{ discountRate: 0.12, opex: { fixed: 120000 USD/year }, lives: { halls: 4 years }, capital: 2.5e6 USD }');

test('the spreadsheet: 24 months of 100,000 rent − 10,000 overhead after 2,000,000 of capex, and half the hall left', () => {
  // Month k (k = 1…24) nets 90,000, discounted by v^k with v = 1.12^(−1/12); Σ v^k = 21.3732266946.
  // NPV = −2,000,000 + 90,000 × 21.3732266946 + 1,000,000 × 1.12^−2 = 720,784.28.
  assert.ok(Math.abs(metrics.npvUSD - 720784.28) < 0.005, `NPV ${metrics.npvUSD}`);
  assert.ok(Math.abs(metrics.residualValueUSD - 1e6) < 1e-6);
  assert.ok(Math.abs(metrics.opexUSD - 240000) < 1e-6);
  assert.ok(Math.abs(metrics.leaseRentUSD - 2.4e6) < 1e-6);
  // IRR: the rate at which those flows are worth nothing, 43.5456 % a year (bisection on the same sum).
  assert.ok(Math.abs(metrics.campusIrr - 0.4354561819) < 1e-8, `IRR ${metrics.campusIrr}`);
  // Payback: cash is −20,000 after month 22 and +70,000 after month 23: 22 + 20,000/90,000 months.
  assert.ok(Math.abs(metrics.campusPaybackYears - (22 + 2 / 9) / 12) < 1e-9, `payback ${metrics.campusPaybackYears}`);
  assert.ok(Math.abs(metrics.minCashUSD - -2e6) < 1e-6);
  assert.ok(Math.abs(metrics.capitalHeadroomUSD - 0.5e6) < 1e-6, 'a 2.5 M raise leaves 0.5 M at the lowest point');
  assert.ok(Math.abs(metrics.computeEbitdaUSD - 2.4e6) < 1e-6, 'overhead is not charged to a segment');
  assert.is(metrics.computeRevenueShare, 1);
  assert.ok(Number.isNaN(metrics.breakEvenBtcUSD), 'nothing mined: no break-even price');
});

test('the spreadsheet from 16 January for a year: partial first and last months pay and discount their share by days', () => {
  const m = leaseCampus('{ discountRate: 0.12, opex: { fixed: 120000 USD/year }, lives: { halls: 4 years } }', '{ start: 2026-01-16, years: 1 }').metrics;
  // Thirteen months: 16 of January's 31 days, February … December whole, 15 of January 2027's 31.
  // Each nets 90,000 × its share (100,000 rent − 10,000 overhead a whole month); the flow at a
  // month's end is discounted by v^(months so far), v = 1.12^(−1/12), the shares counting as months:
  // NPV = −2,000,000 + 90,000 × S + 1,500,000 × v^12 (a year of the hall's four: three quarters
  // left), S = 16/31 · v^(16/31) + Σ_{j=1..11} v^(16/31 + j) + 15/31 · v^12. The lease's second
  // year, 16 January 2027 to 16 January 2028, is rent contracted beyond the horizon: the same
  // months again, 100,000 × S valued at the horizon, × v^12 today.
  const v = 1.12 ** (-1 / 12);
  let S = (16 / 31) * v ** (16 / 31);
  for (let j = 1; j <= 11; j++) S += v ** (16 / 31 + j);
  S += (15 / 31) * v ** 12;
  const npv = -2e6 + 90_000 * S + 1.5e6 * v ** 12 + 100_000 * S * v ** 12;
  assert.ok(Math.abs(m.npvUSD - npv) < 1e-6, `NPV ${m.npvUSD} vs ${npv}`);
  assert.ok(Math.abs(m.leaseRentUSD - 100_000 * 12) < 1e-6, 'a year of rent: 16/31 + 11 + 15/31 months');
  assert.ok(Math.abs(m.opexUSD - 120_000) < 1e-6, 'a year of overhead');
  assert.ok(Math.abs(m.residualValueUSD - 1.5e6) < 1e-6);
});

test('NPV by segment, by hand: rent, overhead, capex and residual value add up to the NPV; cash by year too', () => {
  const v = 1.12 ** (-1 / 12);
  let annuity = 0;
  for (let k = 1; k <= 24; k++) annuity += v ** k;
  const expect = { npvLeaseUSD: 100_000 * annuity, npvOpexUSD: -10_000 * annuity, npvCapexUSD: -2e6, npvResidualUSD: 1e6 * 1.12 ** -2 };
  for (const s of NPV_SEGMENTS) {
    const want = expect[s.metric as keyof typeof expect] ?? 0;
    assert.ok(Math.abs(metrics[s.metric] - want) < 1e-6, `${s.metric}: ${metrics[s.metric]} vs ${want}`);
  }
  // Years 1 and 2, then the horizon; segment-major.
  const annual = (metric: string) => Array.from(annualOf.subarray(NPV_SEGMENTS.findIndex((s) => s.metric === metric) * 3).slice(0, 3));
  const close = (metric: string, want: number[]) => assert.ok(annual(metric).every((x, i) => Math.abs(x - want[i]) < 1e-6), `${metric}: ${annual(metric)}`);
  close('npvLeaseUSD', [1.2e6, 1.2e6, 0]);
  close('npvCapexUSD', [-2e6, 0, 0]); // capex at the start falls in the first year
  close('npvResidualUSD', [0, 0, 1e6]);
  close('npvOpexUSD', [-120_000, -120_000, 0]);
});

test('every flow of the project is in exactly one segment: spot, PPA sell-back, price DR, treasury, rent after the horizon, a GPU cloud, terminal value', () => {
  const s = parseScenario('segments.yaml', `name: segments
horizon: { start: 2026-03-01, years: 1.5 }
market: { btc: { model: gbm, price: 90000 USD, volatility: 0.5 } }
network: { hashrate: 1050 EH/s, difficulty: 148e12, height: 930000 }
site: { grid: 60 MW, spot: { median: 40 USD/MWh, volatility: 1 }, ppa: { block: 45 MW, price: 38 USD/MWh }, sellBack: true,
  outages: { rate: 3, duration: 4 h }, demandResponse: { price: { threshold: 90 USD/MWh, credit: 25 USD/MWh } } }
mining: { asic: { hashrate: 270 TH/s, power: 3645 W, price: 20 USD/TH }, existing: 20 MW, capacity: 36.45 MW }
lease: { it: 2 MW, rent: 130 USD/kW/month, online: 3 months, termYears: 5, hallCapex: 9e6 USD/MW }
gpuCloud: { it: 0.6528 MW, node: { mtbf: 2 years }, online: 4 months, build: 2 months, reserved: { share: 0.5, price: 2 USD/GPU/h },
  inference: { share: 0.3, price: 1.5 USD/GPU/h } }
finance: { discountRate: 0.1, miningFacility: 300000 USD/MW, treasury: { holdShare: 0.3 }, terminalYears: 3, lives: { mining: 4 years, halls: 10 years },
  opex: { mining: 20000 USD/MW/year, gpuHall: 50000 USD/MW/year, fixed: 1e6 USD/year } }
variants: { all: {} }
`);
  for (let r = 0; r < 3; r++) {
    const m = runCampus(s.variants[0], drawWorld(s.world, s.horizon, 5, r), s.world, s.horizon).metrics;
    for (const metric of ['npvMiningUSD', 'npvLeaseUSD', 'npvGpuCloudUSD', 'npvPowerBoughtUSD', 'npvPowerSoldUSD', 'npvCapexUSD', 'npvResidualUSD', 'npvTerminalUSD'] as const) {
      assert.ok(m[metric] !== 0, `replication ${r}: ${metric} is exercised`);
    }
    const parts = NPV_SEGMENTS.map((seg) => m[seg.metric]);
    const sum = parts.reduce((a, b) => a + b, 0);
    const scale = parts.reduce((a, b) => a + Math.abs(b), 0);
    assert.ok(Math.abs(sum - m.npvUSD) <= 1e-12 * scale, `replication ${r}: segments ${sum} vs NPV ${m.npvUSD}`);
  }
});

test('income tax by hand: the spreadsheet campus at 21 %, its hall straight-line over 4 years, pays 121,800 at each year end', () => {
  const m = leaseCampus('{ discountRate: 0.12, opex: { fixed: 120000 USD/year }, lives: { halls: 4 years }, tax: { rate: 0.21, depreciation: { halls: { schedule: straight-line, life: 4 years } } } }').metrics;
  // Each year: 12 × 90,000 − 500,000 written off = 580,000; at the horizon the 1,000,000 of book value
  // left meets 1,000,000 of basis left (no gain). 21 % of 580,000 = 121,800 at months 12 and 24.
  assert.ok(Math.abs(m.taxUSD - 243600) < 1e-6, `tax ${m.taxUSD}`);
  const expected = 720784.28 - 121800 / 1.12 - 121800 / 1.12 ** 2;
  assert.ok(Math.abs(m.afterTaxNpvUSD - expected) < 0.01, `after-tax NPV ${m.afterTaxNpvUSD} vs ${expected}`);
  assert.ok(Math.abs(m.npvUSD - 720784.28) < 0.005, 'the pre-tax NPV is unchanged');
  assert.ok(Number.isNaN(metrics.afterTaxNpvUSD) && metrics.taxUSD === 0, 'no tax without finance.tax');
});

test('debt: equity NPV adds the money raised, the monthly interest and the principal repaid', () => {
  const m = leaseCampus('{ discountRate: 0.12, debt: { amount: 1e6 USD, rate: 0.06, maturity: 12 months } }').metrics;
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
  // Break-even: power and opex per BTC mined (10,000 machines = 36.45 MW at 40 USD/MWh through the
  // 8,760 hours of 2026, and 30,000 USD/MW-year of opex: twelve calendar months are a year's).
  const costUSD = 36.45 * 8760 * 40 + 36.45 * 30000;
  assert.ok(Math.abs(sell.metrics.breakEvenBtcUSD - costUSD / sell.metrics.minedBTC) < 1e-6);
  assert.ok(Math.abs(sell.metrics.miningEbitdaUSD - (sell.metrics.miningRevenueUSD - costUSD)) < 1e-3);
});

test.run();
