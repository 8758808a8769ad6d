import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseScenario } from '../sim/scenario/load.js';
import { replicate, rowsOf, type Row } from '../sim/study/replicate.js';
import { summarize } from '../sim/study/summarize.js';
import { studyCharts } from './charts.js';
import { renderSvg } from './render.js';

const scenario = parseScenario('r.yaml', `name: r
horizon: { start: 2026-01-01, years: 1 }
market: { btc: { model: gbm, price: 90000 USD, volatility: 0.5 } }
network: { hashrate: 1050 EH/s, difficulty: 148e12, height: 930000 }
study: { baseline: a }
site: { grid: 50 MW, powerPrice: 45 USD/MWh }
mining: { asic: { hashrate: 200 TH/s, power: 3500 W }, capacity: 20 MW }
variants: { a: {}, b: { mining: { capacity: 40 MW } } }
`);
const rows: Row[] = [];
for (let r = 0; r < 8; r++) rows.push(...rowsOf(replicate(scenario, scenario.variants, 1, r), ['a', 'b']));
const summary = summarize(rows, { scenario: 'r', scenarioHash: scenario.hash, seed: 1, confidence: 0.95, baseline: 'a', variants: ['a', 'b'], stopping: { rule: 'replications', detail: 'test' } });

test('charts render to SVG byte-for-byte the same twice, whatever was rendered between', async () => {
  const [chart] = studyCharts(summary, rows, { discountRatePerYear: 0.12, bands: [] });
  const first = await renderSvg(chart.spec);
  await renderSvg(chart.spec);
  const again = await renderSvg(chart.spec);
  assert.is(again, first);
  assert.match(first, /^<svg/);
});

test('the profit chart labels its axis with the unit and keeps one colour per variant', async () => {
  const [chart] = studyCharts(summary, rows, { discountRatePerYear: 0.12, bands: [] });
  const svg = await renderSvg(chart.spec);
  assert.match(svg, /NPV at 12 % a year \(million USD\)/);
  assert.match(svg, /Which layout creates more value\?/);
  const spec = JSON.stringify(chart.spec);
  assert.match(spec, /"domain":\["a","b"\],"range":\["#4e79a7","#f28e2b"\]/);
});

test.run();
