import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomStream } from '../core/stream.js';
import { EpochWork } from '../network/epoch-work.js';
import { parseScenario } from '../scenario/load.js';
import type { VariantConfig } from '../scenario/types.js';
import { runCampus } from './campus.js';
import type { World } from './world.js';

// A hand-made world: a fixed difficulty, no halving, a price path we choose day by day.
const DAYS = 300;
function world(priceByDay: (d: number) => number, extra: Partial<World> = {}): World {
  const days = DAYS;
  const flat = (x: number) => new Float64Array(days).fill(x);
  return {
    seed: 1,
    replication: 0,
    priceUSD: Float64Array.from({ length: days + 1 }, (_, d) => priceByDay(d)),
    priceStepH: 24,
    days,
    dailyPriceUSD: Float64Array.from({ length: days }, (_, d) => priceByDay(d)),
    feeShare: flat(0),
    restHashrateTHs: flat(1e9),
    reference: {
      networkHashrateTHs: flat(1e9),
      difficulty: flat(148e12),
      nextHeight: flat(930000),
      hashpriceUSDPerPHDay: flat(0),
      marginalCostUSDPerPHDay: flat(NaN),
      epochStartH: [0],
      epochDifficulty: [148e12],
      halvingsH: [],
    },
    work: new EpochWork(randomStream(1, 0, 'w'), 0),
    outagesH: [],
    deratesH: [],
    derateLostShare: 0,
    ...extra,
  };
}

const scenario = parseScenario('site.yaml', `name: site
horizon: { start: 2026-01-01, years: ${DAYS / 365.25} }
market: { btc: { model: gbm, price: 90000 USD, volatility: 0 } }
network: { hashrate: 1050 EH/s, difficulty: 148e12, height: 930000, campusCounts: false }
site: { grid: 100 MW, powerPrice: 60 USD/MWh }
mining: { asic: { hashrate: 270 TH/s, power: 3645 W }, capacity: 36.45 MW, minOffHours: 0 }
variants: { base: {} }
`);
const v: VariantConfig = scenario.variants[0];
const fleetMW = 10_000 * 0.003645; // 10,000 machines
// Break-even BTC price: revenue per MWh equals the power price.
const btcPerMWh = ((10_000 * 270e12 * 3600) / (148e12 * 2 ** 32)) * 3.125 / fleetMW;
const breakEven = 60 / btcPerMWh;

test('economic curtailment switches the fleet off exactly while the BTC price is below break-even', () => {
  // Above break-even for 100 days, 10 % below for 50, above again.
  const w = world((d) => (d >= 100 && d < 150 ? 0.9 : 1.1) * breakEven);
  const { metrics } = runCampus({ ...v, mining: { ...v.mining, poolFee: 0 } }, w, scenario.world, scenario.horizon);
  assert.ok(Math.abs(metrics.curtailedEconomicMWh - fleetMW * 50 * 24) < 1e-6, `curtailed ${metrics.curtailedEconomicMWh}`);
  assert.ok(Math.abs(metrics.energyMWh - fleetMW * (DAYS - 50) * 24) < 1e-6);
  // And without curtailment it runs through, losing money for 50 days.
  const stubborn = runCampus({ ...v, mining: { ...v.mining, poolFee: 0, curtail: false } }, w, scenario.world, scenario.horizon).metrics;
  assert.is(stubborn.curtailedEconomicMWh, 0);
  assert.ok(stubborn.miningProfitUSD < metrics.miningProfitUSD, 'curtailing beats running at a loss');
});

test('a minimum off time keeps the fleet off through a brief recovery', () => {
  // Below break-even on day 100 only; price steps are daily, so it is off 24 h — then 72 h with a 72-h minimum.
  const w = world((d) => (d === 100 ? 0.9 : 1.1) * breakEven);
  const short = runCampus({ ...v, mining: { ...v.mining, poolFee: 0, minOffHours: 0 } }, w, scenario.world, scenario.horizon).metrics;
  const long = runCampus({ ...v, mining: { ...v.mining, poolFee: 0, minOffHours: 72 } }, w, scenario.world, scenario.horizon).metrics;
  assert.ok(Math.abs(short.curtailedEconomicMWh - fleetMW * 24) < 1e-6);
  assert.ok(Math.abs(long.curtailedEconomicMWh - fleetMW * 72) < 1e-6, `${long.curtailedEconomicMWh / fleetMW} h off`);
});

test('during a grid outage mining is off and no power is bought; energy by use adds up', () => {
  const w = world(() => 2 * breakEven, { outagesH: [[240, 250], [1000, 1003.5]] });
  const { metrics } = runCampus(v, w, scenario.world, scenario.horizon);
  assert.ok(Math.abs(metrics.outageHours - 13.5) < 1e-9);
  assert.ok(Math.abs(metrics.curtailedOutageMWh - 13.5 * fleetMW) < 1e-6);
  assert.ok(Math.abs(metrics.energyMWh + metrics.curtailedOutageMWh + metrics.curtailedEconomicMWh - fleetMW * DAYS * 24) < 1e-6);
  assert.ok(Math.abs(metrics.powerCostUSD - metrics.energyMWh * 60) < 1e-3, 'nothing bought while the grid is down');
});

test('a PPA block is paid in full; what the fleet leaves of it is sold back at spot', () => {
  const w = world(() => 2 * breakEven, { spotUSDPerMWh: new Float64Array(DAYS * 24).fill(50) });
  const site = { ...v.site, ppaBlockMW: 50, ppaPriceUSDPerMWh: 35, sellBack: true };
  const { metrics } = runCampus({ ...v, site }, w, scenario.world, scenario.horizon);
  const hours = DAYS * 24;
  // Cost = block × PPA price − (block − draw) × spot, every hour.
  assert.ok(Math.abs(metrics.powerCostUSD - (50 * 35 - (50 - fleetMW) * 50) * hours) < 1e-3);
  assert.ok(Math.abs(metrics.powerSoldUSD - (50 - fleetMW) * 50 * hours) < 1e-3);
  const noResale = runCampus({ ...v, site: { ...site, sellBack: false } }, w, scenario.world, scenario.horizon).metrics;
  assert.ok(Math.abs(noResale.powerCostUSD - 50 * 35 * hours) < 1e-3, 'without resale the whole block is simply paid');
});

test('a leased hall: rent from when it is built, SLA credits for outages, capex up front, rent beyond the horizon valued', () => {
  const w = world(() => 2 * breakEven, { outagesH: [[100, 110]] });
  const lease = { itMW: 10, pue: 1.2, rentUSDPerKWMonth: 100, escalatorPerYear: 0, onlineH: 0, buildH: 0, termYears: 0, hallUSDPerMW: 1e6, slaAvailability: 0.9999, creditPerStep: 0.05, stepAvailability: 0.001, maxCredit: 0.5 };
  const plain = runCampus(v, w, scenario.world, scenario.horizon).metrics;
  const leased = runCampus({ ...v, lease }, w, scenario.world, scenario.horizon).metrics;
  // 300 days from 1 January: nine whole calendar months (273 days), then 27 of October's 31 days.
  const months = 9 + 27 / 31;
  assert.ok(Math.abs(leased.leaseRentUSD - 10_000 * 100 * months) < 1e-3, `rent ${leased.leaseRentUSD}`);
  // January lost 10 of 744 hours: 98.66 % available, 1.33 % short of 99.99 % → 14 steps → capped at 50 %.
  assert.ok(Math.abs(leased.slaCreditsUSD - 0.5 * 10_000 * 100) < 1e-6, `credits ${leased.slaCreditsUSD}`);
  assert.is(leased.capexUSD - plain.capexUSD, 10 * 1e6);
  assert.is(leased.minedBTC, plain.minedBTC, '12 MW of hall still leaves the fleet its power');
  // With a 12-year term (to 1 January 2038), the rent still due after the horizon adds its present
  // value to the NPV: the 4 days left of October, a 4/31 share of a month's rent at 10 months from
  // the start (the horizon's 9 + 27/31 and its own 4/31), then November 2026 … December 2037, 134
  // whole months, month j at 10 + j months; v = 1.12^(−1/12) a month.
  const long = runCampus({ ...v, lease: { ...lease, termYears: 12 } }, w, scenario.world, scenario.horizon).metrics;
  const v12 = Math.pow(1.12, -1 / 12);
  let pv = (4 / 31) * v12 ** 10;
  for (let j = 1; j <= 134; j++) pv += v12 ** (10 + j);
  pv *= 10_000 * 100;
  assert.ok(Math.abs(long.npvUSD - leased.npvUSD - pv) < 1e-3, `${long.npvUSD - leased.npvUSD} vs ${pv}`);
});

test('a terminal value of N years adds N × the last twelve months’ net cash at the horizon', () => {
  const w = world(() => 2 * breakEven);
  const base = runCampus(v, w, scenario.world, scenario.horizon);
  const withTv = runCampus({ ...v, finance: { ...v.finance, terminalYears: 2 } }, w, scenario.world, scenario.horizon);
  const months = 10;
  const cumulative = (m: number) => (m < 0 ? -base.metrics.capexUSD : base.monthly[months + m]);
  // This horizon is under a year, 9 whole months and 27 days of October's 31: the cash of those
  // 9 + 27/31 months stands for a year, scaled by 12 / (9 + 27/31), and is discounted from the horizon.
  const covered = 9 + 27 / 31;
  const lastYear = (cumulative(months - 1) - cumulative(-1)) * (12 / covered);
  const expected = 2 * lastYear * Math.pow(1.12, -covered / 12);
  assert.ok(Math.abs(withTv.metrics.npvUSD - base.metrics.npvUSD - expected) < 1e-3 * Math.abs(expected), `${withTv.metrics.npvUSD - base.metrics.npvUSD} vs ${expected}`);
  assert.is(withTv.metrics.minCashUSD, base.metrics.minCashUSD, 'a terminal value is not cash: the funding gap is unchanged');
});

test.run();
