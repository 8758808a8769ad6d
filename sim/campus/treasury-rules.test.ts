import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Scenario } from '../scenario/types.js';
import { VARIANT_SERIES } from './series.js';
import { type CampusResult } from './campus.js';
import { campus, firings, firstFiredH, monthStartH, run } from './policies.test-support.js';
import { drawWorld } from './world.js';

// The rules' test campus (policies.test-support.ts) keeping half its mined BTC, with 80 M USD of
// capital; the price passes 60,000 USD so that a one-month trailing mean first exceeds it on 1 June
// 2026 (month boundary 5).
const withFinance = (variants: string): Scenario => campus(variants, '', 'discountRate: 0.1, miningFacility: 100000 USD/MW, treasury: { holdShare: 0.5 }, capital: 80e6 USD');

/** A layout's month-end cumulative cash (after capex), month by month. */
const cumulativeCash = (r: CampusResult, months: number) => {
  const s = VARIANT_SERIES.findIndex((x) => x.name === 'cumulativeCashUSD');
  return Array.from(r.monthly.subarray(s * months, (s + 1) * months));
};

/** The BTC price of the hour `h` (the price step under way). */
const priceAt = (s: Scenario, h: number) => {
  const w = drawWorld(s.world, s.horizon, 1, 0);
  return w.priceUSD[Math.floor(h / w.priceStepH + 1e-9)];
};
/** The last BTC price, the treasury's at the horizon. */
const lastPrice = (s: Scenario) => priceAt(s, s.horizon.hours);

test('selling the treasury: its BTC leave at the hour’s price, the cash counts from the month the rule decided in', () => {
  const s = withFinance(`  plain: {}
  sell:
    policies:
      rich: { when: { btcPrice: { above: 60000 USD } }, then: { sellBtc: 1 } }`);
  const plain = run(s, 'plain'), sold = run(s, 'sell');
  const decidedH = monthStartH(s, 5);
  assert.is(firstFiredH(sold), decidedH);
  assert.is(sold.metrics.minedBTC, plain.metrics.minedBTC, 'mining is untouched');
  const soldBTC = plain.metrics.treasuryBTC - sold.metrics.treasuryBTC;
  assert.ok(soldBTC > 0 && soldBTC < plain.metrics.treasuryBTC, `${soldBTC}`);
  // The sale's cash, in June (the month the rule decided in) and every month after; nothing before.
  const saleUSD = soldBTC * priceAt(s, decidedH);
  const months = 24;
  const a = cumulativeCash(plain, months), b = cumulativeCash(sold, months);
  for (let m = 0; m < 5; m++) assert.is(b[m], a[m]);
  for (let m = 5; m < months; m++) assert.ok(Math.abs(b[m] - a[m] - saleUSD) < 1e-6 * saleUSD, `month ${m}: ${b[m] - a[m]} vs ${saleUSD}`);
  // NPV: the sale at June's end, 6 months in, against the BTC valued at the last price at 24, at 10 % a year.
  const npvChangeUSD = saleUSD * 1.1 ** (-6 / 12) - soldBTC * lastPrice(s) * 1.1 ** -2;
  assert.ok(Math.abs(sold.metrics.npvUSD - plain.metrics.npvUSD - npvChangeUSD) < 1e-6 * Math.abs(npvChangeUSD), `${sold.metrics.npvUSD - plain.metrics.npvUSD} vs ${npvChangeUSD}`);
  assert.is(sold.metrics.npvMiningUSD, plain.metrics.npvMiningUSD, 'the mining segment is what was sold as mined');
  assert.ok(Math.abs(sold.metrics.npvTreasuryUSD - plain.metrics.npvTreasuryUSD - npvChangeUSD) < 1e-6 * Math.abs(npvChangeUSD));
});

test('buying BTC for the treasury: cash out in the month of the decision, the BTC valued at the last price at the horizon', () => {
  const s = withFinance(`  plain: {}
  buy:
    policies:
      dip: { from: 12 months, when: { btcPrice: { above: 0 USD } }, then: { buyBtc: 1e6 USD } }`);
  const plain = run(s, 'plain'), bought = run(s, 'buy');
  const decidedH = monthStartH(s, 12);
  const btc = 1e6 / priceAt(s, decidedH);
  assert.ok(Math.abs(bought.metrics.treasuryBTC - plain.metrics.treasuryBTC - btc) < 1e-9 * btc);
  // Paid on 1 January 2027, counted at January's end: 13 months in.
  const npvChangeUSD = -1e6 * 1.1 ** (-13 / 12) + btc * lastPrice(s) * 1.1 ** -2;
  assert.ok(Math.abs(bought.metrics.npvUSD - plain.metrics.npvUSD - npvChangeUSD) < 1e-6 * 1e6, `${bought.metrics.npvUSD - plain.metrics.npvUSD} vs ${npvChangeUSD}`);
  assert.ok(Math.abs(bought.metrics.minCashUSD - Math.min(plain.metrics.minCashUSD, cumulativeCash(plain, 24)[12] - 1e6)) < 1e-3);
});

test('a rule sees cash on hand as the books have it: capital plus the cash to the months closed', () => {
  // The capital less capex at the start, then each month's cash: it dips for half a year, then rises
  // with the BTC price; the rule fires the month after the balance first passes a level.
  const s = withFinance('  plain: {}');
  const cash = cumulativeCash(run(s, 'plain'), 24).map((c) => 80e6 + c);
  assert.ok(cash[6] < cash[15] && cash[15] < cash[16] && Math.max(...cash.slice(0, 16)) === cash[15], 'cash rises past its earlier high in month 16');
  const level = (cash[15] + cash[16]) / 2;
  const rising = cash.findIndex((c) => c > level);
  const t = withFinance(`  flush:
    policies:
      spend: { when: { cash: { above: ${level} USD } }, then: { sellBtc: 0.5 } }`);
  const r = run(t, 'flush');
  // Decision point m sees the balance at the end of month m − 1.
  assert.is(firstFiredH(r), monthStartH(t, rising + 1));
  assert.is(firings(r), 1);
});

test('a sale from an empty treasury does not fire', () => {
  const s = campus(`  sell:
    policies:
      rich: { when: { btcPrice: { above: 0 USD } }, then: { buyBtc: 1000 USD }, until: 6 months, from: 6 months }
      sell: { when: { btcPrice: { above: 0 USD } }, then: { sellBtc: 0.5 }, from: 3 months, coolDown: 1 month }`);
  const r = run(s, 'sell');
  // Nothing kept, nothing bought before month 6: the sale fires from month 6 on, 18 times.
  assert.is(firstFiredH(r, 1), monthStartH(s, 6));
  assert.is(firings(r, 1), 18);
});

test.run();
