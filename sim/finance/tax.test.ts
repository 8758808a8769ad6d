import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CapexItem } from './capex.js';
import { incomeTax, MACRS, straightLine, type TaxSpec } from './tax.js';

const monthly = (months: number, usd: number, atStart = 0) => Float64Array.from({ length: months + 1 }, (_, k) => (k === 0 ? atStart : usd));
const spec = (over: Partial<TaxSpec['depreciation']['halls']> & { rate?: number; lossOffsetShare?: number } = {}): TaxSpec => {
  const d = { bonus: over.bonus ?? 0, shares: over.shares ?? [0.5, 0.5] };
  return { rate: over.rate ?? 0.25, lossOffsetShare: over.lossOffsetShare ?? 0.8, depreciation: { asics: d, gpus: d, halls: d } };
};
const at0 = (usd: number, taxClass: CapexItem['taxClass'] = 'halls'): CapexItem[] => [{ what: 'mining', taxClass, atH: 0, usd }];
const monthOf = () => 0;

test('straight-line by hand: 1,000 over two years against 100 a month, 25 %: 175 at each year end', () => {
  const r = incomeTax(monthly(24, 100, -1000), 0, at0(1000), monthOf, spec());
  // Year 1: 1,200 − 500 = 700 → 175 at month 12; year 2 the same at month 24.
  assert.is(r.taxUSD[12], 175);
  assert.is(r.taxUSD[24], 175);
  assert.is(r.totalTaxUSD, 350);
});

test('bonus depreciation makes a loss that is carried forward, offsetting at most 80 % of a later year', () => {
  const r = incomeTax(monthly(24, 100, -3000), 0, at0(3000, 'asics'), monthOf, spec({ bonus: 1 }));
  // Year 1: 1,200 − 3,000 = −1,800 carried. Year 2: 1,200, offset min(1,800, 960) → 240 taxable → 60.
  assert.is(r.taxUSD[12], 0);
  assert.ok(Math.abs(r.taxUSD[24] - 60) < 1e-9, `${r.taxUSD[24]}`);
});

test('what is left at the horizon is realised there, less the basis not yet written off', () => {
  // 1,000 straight-line over 4 years on a 2-year horizon: 250 a year written off, 500 left; 800 at the horizon.
  const r = incomeTax(monthly(24, 0, -1000), 800, at0(1000), monthOf, spec({ shares: straightLine(4) }));
  // Year 1: −250 carried. Year 2: −250 + (800 − 500) = 50, offset min(250, 40) → 10 → 2.5.
  assert.is(r.taxUSD[12], 0);
  assert.ok(Math.abs(r.taxUSD[24] - 2.5) < 1e-9, `${r.taxUSD[24]}`);
});

test('the MACRS tables and straight-line schedules write off the whole cost', () => {
  for (const [name, shares] of Object.entries(MACRS)) assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 1) < 2e-4, name);
  assert.equal(straightLine(2.5), [0.4, 0.4, 0.2]);
});

test.run();
