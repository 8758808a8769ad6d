import { test } from 'uvu';
import * as assert from 'uvu/assert';
import ExcelJS from 'exceljs';
import { createRequire } from 'node:module';
import { parseScenario } from '../sim/scenario/load.js';
import { replicate, rowsOf, type Row } from '../sim/study/replicate.js';
import { summarize } from '../sim/study/summarize.js';
import { NPV_SEGMENTS } from '../sim/finance/segments.js';
import { horizonMonths } from '../sim/campus/series.js';
import { TOTAL, waterfallSteps } from './charts/waterfall.js';
import { SHEETS, WORKBOOK_DATE, writeWorkbook } from './workbook.js';

// Two layouts on a March start, a lease in one: rent, capex and mining differ, so every sheet has something to say.
const scenario = parseScenario('w.yaml', `name: w
horizon: { start: 2026-03-01, years: 1.5 }
market: { btc: { model: gbm, price: 90000 USD, volatility: 0.5 } }
network: { hashrate: 1050 EH/s, difficulty: 148e12, height: 930000 }
study: { baseline: mine }
inputs: { rentLevel: 'uniform(100, 140)' }
site: { grid: 50 MW, powerPrice: 45 USD/MWh }
mining: { asic: { hashrate: 200 TH/s, power: 3500 W }, capacity: 20 MW }
finance: { discountRate: 0.1 }
variants:
  mine: { description: Mining only. }
  lease: { description: A leased hall beside it., lease: { it: 5 MW, rent: rentLevel USD/kW/month, termYears: 3, hallCapex: 8e6 USD/MW } }
`);
const names = ['mine', 'lease'];
const rows: Row[] = [];
for (let r = 0; r < 12; r++) rows.push(...rowsOf(replicate(scenario, scenario.variants, 3, r), names));
const inputs = scenario.uncertain.map((u) => ({ id: u.id, text: u.text, variants: u.variants }));
const summary = summarize(rows, {
  scenario: 'w', scenarioHash: scenario.hash, seed: 3, confidence: 0.95, baseline: 'mine', variants: names,
  stopping: { rule: 'replications', detail: 'test' }, inputs, horizon: horizonMonths(scenario.horizon),
});
const input = { summary, rows, targetUSD: 5e6, assumptions: scenario.assumptions, inputs };

test('the workbook reads back with exceljs and says what summary.json says', async () => {
  const bytes = await writeWorkbook(input);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as never);
  assert.equal(book.worksheets.map((s) => s.name), [...SHEETS]);
  assert.is(book.created.getTime(), WORKBOOK_DATE.getTime(), 'a fixed date, not the time of writing');

  // summary: one row per layout under its header, every number the summary's own.
  const sheet = book.getWorksheet('summary')!;
  const headerRow = sheet.getRows(1, sheet.rowCount)!.find((r) => r.getCell(1).value === 'layout')!;
  const head = (headerRow.values as unknown[]).slice(1);
  const col = (name: string) => head.indexOf(name) + 1;
  summary.variants.forEach((v, i) => {
    const r = sheet.getRow(headerRow.number + 1 + i);
    assert.is(r.getCell(1).value, v.name);
    assert.is(r.getCell(col('mean NPV')).value, v.metrics.npvUSD.mean);
    assert.is(r.getCell(col('p50')).value, v.metrics.npvUSD.quantiles.find((q) => q.p === 0.5)!.value);
    assert.is(r.getCell(col('CVaR 5 %')).value, v.metrics.npvUSD.cvar5);
    assert.is(r.getCell(col('Δ vs baseline')).value, v.versusBaseline?.npvUSD.meanDifference ?? null);
    const above = rows.filter((x) => x.variant === v.name && x.metrics.npvUSD > 5e6).length / 12;
    assert.is(r.getCell(col('P(NPV > target)')).value, above);
  });

  // annual cash flows: a row per layout and period; the segments' means add up to the net mean.
  const annual = book.getWorksheet('annual cash flows')!;
  const aHeader = annual.getRows(1, annual.rowCount)!.find((r) => r.getCell(1).value === 'layout')!;
  const aHead = (aHeader.values as unknown[]).slice(1) as string[];
  const periods = summary.annualCashFlows!.periods;
  assert.is(periods.length, 3, 'two years (the second partial) and the horizon');
  summary.annualCashFlows!.variants.forEach((v, i) => {
    periods.forEach((_, p) => {
      const r = annual.getRow(aHeader.number + 1 + i * periods.length + p);
      assert.is(r.getCell(1).value, v.name);
      assert.is(r.getCell(aHead.indexOf('net p90') + 1).value, v.net[p].p90);
      const parts = NPV_SEGMENTS.map((s) => r.getCell(aHead.indexOf(`${s.label} (mean)`) + 1).value as number);
      const net = r.getCell(aHead.indexOf('net (mean)') + 1).value as number;
      assert.ok(Math.abs(parts.reduce((a, b) => a + b, 0) - net) <= 1e-6 * Math.max(1, Math.abs(net)), `${v.name} ${p}: segments add up to the net`);
    });
  });

  // inputs: the layouts' descriptions and changes, and the drawn input.
  const text = JSON.stringify(book.getWorksheet('inputs')!.getSheetValues());
  for (const s of ['A leased hall beside it.', 'lease.rent', 'rentLevel USD/kW/month', 'inputs.rentLevel', 'uniform(100, 140)', 'Discount rate']) assert.ok(text.includes(s), s);

  // replications: every row, NPV as in the rows.
  const reps = book.getWorksheet('replications')!;
  assert.is(reps.rowCount, 1 + rows.length);
  const rHead = (reps.getRow(1).values as unknown[]).slice(1);
  rows.forEach((r, i) => assert.is(reps.getRow(2 + i).getCell(rHead.indexOf('npvUSD') + 1).value, r.metrics.npvUSD));
});

test('the same study gives the same workbook, byte for byte: no file inside carries the time of writing', async () => {
  const [a, b] = [await writeWorkbook(input), await writeWorkbook(input)];
  assert.ok(Buffer.from(a).equals(Buffer.from(b)));
  // Two writes a moment apart share a zip timestamp (2 s resolution) anyway: look at the stamps themselves.
  const JSZip = createRequire(createRequire(import.meta.url).resolve('exceljs'))('jszip') as { loadAsync(b: Uint8Array): Promise<{ files: Record<string, { date: Date }> }> };
  const zip = await JSZip.loadAsync(a);
  const dates = new Set(Object.values(zip.files).map((f) => f.date.getTime()));
  assert.equal([...dates], [WORKBOOK_DATE.getTime()]);
});

test('why it wins: the waterfall’s segment bars add up to the mean Δ NPV', () => {
  const steps = waterfallSteps(summary).filter((s) => s.variant === 'lease');
  const total = steps.find((s) => s.step === TOTAL)!;
  const bars = steps.filter((s) => s.step !== TOTAL);
  assert.ok(bars.some((s) => s.step === 'lease rent' && s.amount > 0) && bars.some((s) => s.step === 'capex' && s.amount < 0));
  assert.is(total.amount, summary.variants[1].versusBaseline!.npvUSD.meanDifference);
  const sum = bars.reduce((a, s) => a + s.amount, 0);
  assert.ok(Math.abs(sum - total.amount) <= 1e-9 * bars.reduce((a, s) => a + Math.abs(s.amount), 0), `${sum} vs ${total.amount}`);
  assert.is(bars[bars.length - 1].to, sum, 'each bar starts where the last ended');
});

test.run();
