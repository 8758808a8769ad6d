import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { horizonMonths } from '../campus/series.js';
import { parseScenario } from '../scenario/load.js';
import { layoutContext } from './layout-context.js';
import { replicate, rowsOf } from './replicate.js';
import { summarize } from './summarize.js';

// Three layouts on 0.8 B USD of capital: the baseline mines 70 MW already built; "more" builds 105 MW
// more (34 M USD of facility, 154 M USD of machines: fits); "hall" pays 480 M USD for its shell at the
// start and 720 M USD of nodes when it opens (does not fit).
const SCENARIO = parseScenario('incremental.yaml', `name: incremental
horizon: { start: 2026-01-01, years: 3 }
study: { replications: 8, seed: 3, baseline: base }
market: { btc: { model: gbm, price: 90000 USD, volatility: 0.6 } }
network: { hashrate: 1050 EH/s, difficulty: 148.26e12, height: 1000000, campusCounts: false }
site: { grid: 300 MW, powerPrice: 40 USD/MWh }
mining: { asic: { hashrate: 200 TH/s, power: 3500 W, price: 25.7 USD/TH }, capacity: 70 MW, existing: 70 MW }
finance: { discountRate: 0.1, capital: 0.8e9 USD, miningFacility: 325000 USD/MW }
variants:
  more: { mining: { capacity: 175 MW } }
  base: {}
  hall:
    gpuCloud:
      it: 40 MW
      node: { gpus: 8, power: 10.2 kW, price: 183600 USD }
      hallCapex: 12e6 USD/MW
      online: 6 months
      reserved: { share: 0.5, price: 2 USD/GPU/h }
      training: { jobsPerYear: 400, gpus: { values: [8, 16], probabilities: [0.5, 0.5] }, duration: { mean: 20 h }, price: 2.5 USD/GPU/h }
`);
const names = SCENARIO.variants.map((v) => v.name);
const rows = Array.from({ length: 12 }, (_, r) => rowsOf(replicate(SCENARIO, SCENARIO.variants, 3, r), names)).flat();

test('each layout against the baseline on the same world: Δ NPV is the difference of NPVs, Δ capex of capex; the baseline has none', () => {
  for (let r = 0; r < 12; r++) {
    const of = (name: string) => rows.find((x) => x.replication === r && x.variant === name)!.metrics;
    const base = of('base');
    for (const k of ['incrementalNpvUSD', 'incrementalIrr', 'incrementalPaybackYears', 'incrementalCapexUSD', 'profitabilityIndex'] as const) assert.ok(Number.isNaN(base[k]), k);
    for (const name of ['more', 'hall']) {
      const m = of(name);
      // Same discount rate for both: the NPV of the difference is the difference of the NPVs.
      assert.ok(Math.abs(m.incrementalNpvUSD - (m.npvUSD - base.npvUSD)) <= 1e-6 * Math.abs(m.npvUSD), `${name} r${r}`);
      assert.is(m.incrementalCapexUSD, m.capexUSD - base.capexUSD);
      assert.ok(Math.abs(m.profitabilityIndex - m.incrementalNpvUSD / m.incrementalCapexUSD) < 1e-12);
      if (!Number.isNaN(m.incrementalIrr)) assert.is(m.incrementalIrr > 0.1, m.incrementalNpvUSD > 0, `${name} r${r}: IRR vs NPV`);
    }
  }
});

test('a layout that does not fit the capital gets a warning with the month it runs out; one that fits does not', () => {
  const summary = summarize(rows, {
    scenario: 'incremental', scenarioHash: '', seed: 3, confidence: 0.95, baseline: 'base', variants: names,
    stopping: { rule: 'replications', detail: 'test' }, horizon: horizonMonths(SCENARIO.horizon),
  });
  const hall = rows.filter((r) => r.variant === 'hall');
  assert.ok(hall.every((r) => r.metrics.capitalHeadroomUSD < 0 && r.metrics.capitalRunsOutYears >= 0), 'the hall is short in every world');
  assert.ok(rows.filter((r) => r.variant === 'more').every((r) => Number.isNaN(r.metrics.capitalRunsOutYears)));
  const table = layoutContext(summary);
  assert.is(table.warnings.length, 1);
  assert.match(table.warnings[0], /^hall does not fit the capital available in 100\.0 % of replications: .* runs out in 2026-\d\d \(median\)\.$/);
  const short = table.head.indexOf('short of capital');
  assert.equal(table.rows.map((row) => row[short].replace(/ · .*/, '')), ['0 %', '0 %', '100.0 %']);
  // Break-evens: more mining gains with the BTC price, so its Δ NPV crosses zero at some mean price; the flat power price cannot tell.
  const more = summary.breakEvens!.variants.find((v) => v.name === 'more')!;
  assert.equal(summary.breakEvens!.variants.map((v) => v.name), ['more', 'hall']);
  assert.ok(more.btcPriceUSD && more.btcPriceUSD.slopeUSDPerUnit > 0, JSON.stringify(more.btcPriceUSD));
  assert.is(more.powerPriceUSDPerMWh, null);
});

test.run();
