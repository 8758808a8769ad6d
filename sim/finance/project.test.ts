import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { calendarMonths } from '../core/calendar.js';
import { HOURS_PER_MONTH } from '../core/time.js';
import type { CapexItem } from './capex.js';
import type { FinanceConfig } from './config.js';
import { projectFinance, type MonthlyBooks } from './project.js';
import { rentAfterHorizonUSD } from './rent-after-horizon.js';

const MONTHS = 24;
// Calendar 2026 and 2027 from 1 January: 17,520 h, 24 whole months (2028, a leap year, ends at 26,304 h).
const JAN_2026 = Date.UTC(2026, 0, 1) / 1000;
const TWO_YEARS = calendarMonths(JAN_2026, 17_520);
const FINANCE: FinanceConfig = {
  discountRatePerYear: 0,
  miningFacilityUSDPerMW: 0,
  terminalYears: 0,
  miningOpexUSDPerMWH: 0,
  gpuOpexUSDPerMWH: 0,
  fixedOpexUSDPerH: 0,
  btcHeldShare: 0,
  capitalUSD: Infinity,
  lives: { miningH: 0, hallH: 0, gpuH: 0 },
};
const flat = (usd: number) => new Float64Array(MONTHS).fill(usd);
const books = (over: Partial<MonthlyBooks> = {}): MonthlyBooks => ({
  miningRevenueUSD: flat(0),
  netPowerCostUSD: flat(0),
  opexUSD: flat(0),
  leaseRentUSD: flat(0),
  gpuCloudRevenueUSD: flat(0),
  inferenceRevenueUSD: flat(0),
  treasuryTradesUSD: flat(0),
  ...over,
});
const run = (b: MonthlyBooks, capex: CapexItem[] = [], finance: Partial<FinanceConfig> = {}, horizon: { contractedUSD?: number; minedBTC?: number; tradedBTC?: number } = {}) => {
  const cumulative = new Float64Array(MONTHS);
  const result = projectFinance(b, capex, { ...FINANCE, ...finance }, TWO_YEARS, { contractedUSD: horizon.contractedUSD, minedBTC: horizon.minedBTC ?? 0, tradedBTC: horizon.tradedBTC ?? 0, lastBtcPriceUSD: 100_000 }, cumulative);
  return { ...result.figures, cash: result.cash, cumulative };
};

test('a month’s cash is its revenue less power and opex, plus rent and compute; capex lands at the boundary on or after it is paid', () => {
  const capex: CapexItem[] = [
    { what: 'lease hall', taxClass: 'halls', atH: 0, usd: 1000 },
    { what: 'GPU nodes', taxClass: 'gpus', atH: 1.5 * HOURS_PER_MONTH, usd: 500 }, // paid mid-February: counted at its end
  ];
  const r = run(books({ miningRevenueUSD: flat(100), netPowerCostUSD: flat(30), opexUSD: flat(10), leaseRentUSD: flat(5), gpuCloudRevenueUSD: flat(2), inferenceRevenueUSD: flat(3) }), capex);
  assert.is(r.cumulative[0], -1000 + 70);
  assert.is(r.cumulative[1], -1000 + 2 * 70 - 500);
  assert.is(r.cumulative[MONTHS - 1], -1500 + MONTHS * 70);
  assert.is(r.minCashUSD, -1000 + 2 * 70 - 500);
  assert.is(r.npvUSD, -1500 + MONTHS * 70, 'undiscounted at a rate of 0');
  assert.is(r.capexUSD, 1500);
});

test('mined BTC held in treasury is not cash until the horizon, where it counts at the last price', () => {
  const r = run(books({ miningRevenueUSD: flat(100) }), [], { btcHeldShare: 0.25 }, { minedBTC: 2 });
  assert.is(r.cumulative[MONTHS - 1], MONTHS * 75);
  assert.is(r.treasuryBTC, 0.5);
  assert.is(r.treasuryUSD, 50_000);
  assert.is(r.npvUSD, MONTHS * 75 + 50_000);
});

test('treasury BTC a rule sold is cash at its month’s end, not operating cash: it funds capex, moves no terminal value, and leaves the treasury', () => {
  // Half of 2 BTC kept is sold for 60,000 at the end of month 20 (inside the last twelve months).
  const trades = flat(0);
  trades[20] = 60_000;
  const r = run(books({ miningRevenueUSD: flat(100), treasuryTradesUSD: trades }), [{ what: 'lease hall', taxClass: 'halls', atH: 0, usd: 200_000 }], { btcHeldShare: 0.25, terminalYears: 2 }, { minedBTC: 4, tradedBTC: -0.5 });
  assert.is(r.cumulative[19], -200_000 + 20 * 75);
  assert.is(r.cumulative[20], -200_000 + 21 * 75 + 60_000);
  assert.is(r.minCashUSD, -200_000, 'the capex at the start');
  assert.is(r.treasuryBTC, 0.25 * 4 - 0.5);
  assert.is(r.treasuryUSD, 50_000);
  assert.is(r.npvUSD, -200_000 + MONTHS * 75 + 60_000 + 50_000 + 2 * 12 * 75, 'the terminal value is twice the last year’s mining cash, without the sale');
});

test('debt: the equity NPV adds the money raised, the monthly interest and the principal owed at the horizon', () => {
  const r = run(books(), [], { debt: { amountUSD: 1200, ratePerYear: 0.1, maturityH: 10 * 8766 } });
  assert.is(r.interestUSD, 10 * MONTHS);
  assert.is(r.equityNpvUSD, 1200 - 10 * MONTHS - 1200);
});

test('a terminal value of N years adds N × the last twelve months’ net cash at the horizon', () => {
  const r = run(books({ leaseRentUSD: flat(10) }), [], { terminalYears: 3 });
  assert.is(r.npvUSD, MONTHS * 10 + 3 * 12 * 10);
  assert.is(r.minCashUSD, 0, 'the terminal value is not cash: it changes no funding need');
  // A one-off value at the horizon (rent contracted beyond it) is counted once, not terminal-years times.
  const once = run(books({ leaseRentUSD: flat(10) }), [], { terminalYears: 3 }, { contractedUSD: 1000 });
  assert.is(once.npvUSD, MONTHS * 10 + 1000 + 3 * 12 * 10);
});

test('a lease’s rent after the horizon: the months of the term left, with its escalator, discounted monthly', () => {
  const lease = { itMW: 1, rentUSDPerKWMonth: 100, escalatorPerYear: 0.1, onlineH: 0, termYears: 3 };
  // Two years in, a year of the term is left at the third year's rent: 12 months of 121,000, undiscounted.
  assert.ok(Math.abs(rentAfterHorizonUSD(lease, TWO_YEARS, 0) - 12 * 121_000) < 1e-6);
  // At 12 % a year, month k after the horizon is worth (1.12)^(−k/12).
  let expected = 0;
  for (let k = 1; k <= 12; k++) expected += 121_000 * 1.12 ** (-k / 12);
  assert.ok(Math.abs(rentAfterHorizonUSD(lease, TWO_YEARS, 0.12) - expected) < 1e-6);
  assert.is(rentAfterHorizonUSD(lease, calendarMonths(JAN_2026, 26_304), 0.12), 0, 'nothing left at the end of the term');
});

test.run();
