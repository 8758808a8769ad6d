/**
 * The break-evens as a table (terminal and report alike): per layout, the mean BTC price, mean
 * hashprice and power price at which what it adds to the baseline is worth nothing.
 */
import type { BreakEven } from './break-even.js';
import type { Summary } from './summarize.js';

export interface BreakEvenTable {
  head: string[];
  rows: string[][];
  note: string;
}

export function breakEvenTable(s: Summary): BreakEvenTable | undefined {
  const b = s.breakEvens;
  if (!b || b.variants.length === 0) return undefined;
  const cell = (x: BreakEven | null, digits: number) => {
    if (!x) return '—';
    const f = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
    // Beyond the levels the worlds reached a straight line says little (it can cross zero at a
    // negative price): only that the break-even lies past the last level seen.
    if (x.value < x.min) return `< ${f(x.min)}`;
    if (x.value > x.max) return `> ${f(x.max)}`;
    const interval = x.lower !== undefined && x.upper !== undefined ? ` (${f(x.lower)}–${f(x.upper)})` : '';
    return `${f(x.value)}${interval}`;
  };
  return {
    head: ['variant', 'mean BTC price (USD)', 'mean hashprice (USD/PH/day)', 'power price (USD/MWh)'],
    rows: b.variants.map((v) => [v.name, cell(v.btcPriceUSD, 0), cell(v.hashpriceUSDPerPHDay, 1), cell(v.powerPriceUSDPerMWh, 1)]),
    note:
      `Break-evens: where each layout's Δ NPV against ${s.baseline} crosses zero, read off a straight line through the replications, with its ${Math.round(s.confidence * 100)} % interval; ` +
      '< or > a level: the line crosses zero only beyond every level the worlds reached, so the layout keeps its lead or its deficit over all of them; —: the study cannot tell (the driver does not vary, or Δ NPV does not clearly move with it — a flat power price needs a sweep or a distribution).',
  };
}
