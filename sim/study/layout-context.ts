/**
 * What each layout needs and where its money comes from — capex, the deepest cash need and the
 * headroom left in the capital available, IRR, payback, the share of revenue from compute, and GPU
 * utilisation where there is a GPU hall — as the rows of a table (terminal and report alike).
 */
import type { MetricName } from '../campus/metrics.js';
import type { Summary } from './summarize.js';

export interface ContextTable {
  head: string[];
  rows: string[][];
  note: string;
}

/** USD in millions with one decimal and thousands separators, e.g. "1,234.5". */
export const millions = (usd: number): string =>
  (usd / 1e6).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function layoutContext(s: Summary): ContextTable {
  // summary.json read back turns NaN into null: both mean "no value".
  const known = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);
  const show = (x: number | null | undefined, f: (x: number) => string) => (known(x) ? f(x) : '—');
  const mean = (v: Summary['variants'][number], m: MetricName) => v.metrics[m].mean;
  const median = (v: Summary['variants'][number], m: MetricName) => v.metrics[m].quantiles.find((q) => q.p === 0.5)?.value;
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const anyCapital = s.variants.some((v) => known(mean(v, 'capitalHeadroomUSD')));
  const rows = s.variants.map((v) => [
    v.name,
    millions(mean(v, 'capexUSD')),
    millions(Math.abs(mean(v, 'minCashUSD'))),
    ...(anyCapital ? [show(mean(v, 'capitalHeadroomUSD'), millions)] : []),
    show(median(v, 'irr'), pct),
    show(median(v, 'paybackYears'), (x) => x.toFixed(1)),
    pct(mean(v, 'computeRevenueShare')),
    show(mean(v, 'gpuUtilisation'), pct),
  ]);
  return {
    head: ['variant', 'capex', 'funding gap', ...(anyCapital ? ['headroom'] : []), 'IRR (p50)', 'payback y (p50)', 'compute share', 'GPU util.'],
    rows,
    note: `Million USD, means over replications; IRR and payback are medians of the replications that have one (— when none do).${anyCapital ? ' Headroom: capital available less the funding gap.' : ''}`,
  };
}
