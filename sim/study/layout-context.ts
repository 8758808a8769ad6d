/**
 * What each layout needs and what it adds — capex and its difference from the baseline, the deepest
 * cash need, the headroom left in the capital available and how often (and when) a plan runs out of
 * it, the IRR, payback and profitability index of what the layout adds to the baseline, the share of
 * revenue from compute, and GPU utilisation where there is a GPU hall — as the rows of a table
 * (terminal and report alike), with a warning for each layout that does not fit the capital.
 */
import type { MetricName } from '../campus/metrics.js';
import { calendarMonths } from '../core/calendar.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import type { Summary } from './summarize.js';

export interface ContextTable {
  head: string[];
  rows: string[][];
  note: string;
  /** One sentence per layout whose funding need exceeds the capital available in some replication. */
  warnings: string[];
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
  // True minus signs, as the report's own numbers have them.
  const pct = (x: number) => trueMinus(`${(100 * x).toFixed(1)} %`);
  const anyCapital = s.variants.some((v) => known(mean(v, 'capitalHeadroomUSD')));
  const anyTax = s.variants.some((v) => known(mean(v, 'incrementalAfterTaxNpvUSD')));
  // Of the replications with a capital limit, the share in which the plan needs more than it.
  const shortShare = (v: Summary['variants'][number]) => {
    const limited = v.metrics.capitalHeadroomUSD.n, short = v.metrics.capitalRunsOutYears.n;
    return limited > 0 ? short / limited : NaN;
  };
  // A median of the replications that have a value, with their share when some do not (a payback never reached, an IRR not unique).
  const withShare = (v: Summary['variants'][number], m: MetricName, f: (x: number) => string) => {
    const share = v.metrics[m].n / v.replications;
    return share === 0 ? '—' : `${show(median(v, m), f)}${share < 0.995 ? ` (${(100 * share).toFixed(0)} %)` : ''}`;
  };
  const when = (years: number) => (s.start ? monthOf(s.start, years) : `year ${years.toFixed(1)}`);
  const rows = s.variants.map((v) => {
    const isBaseline = v.name === s.baseline;
    return [
      v.name,
      millions(mean(v, 'capexUSD')),
      isBaseline ? '—' : show(mean(v, 'incrementalCapexUSD'), signedMillions),
      millions(Math.abs(mean(v, 'minCashUSD'))),
      ...(anyCapital ? [show(mean(v, 'capitalHeadroomUSD'), millions), show(shortShare(v), (x) => (x > 0 ? `${pct(x)} · ${when(median(v, 'capitalRunsOutYears')!)}` : '0 %'))] : []),
      isBaseline ? '—' : withShare(v, 'incrementalIrr', pct),
      isBaseline ? '—' : withShare(v, 'incrementalPaybackYears', (x) => x.toFixed(1)),
      isBaseline ? '—' : show(median(v, 'profitabilityIndex'), (x) => trueMinus(x.toFixed(2))),
      ...(anyTax ? [isBaseline ? '—' : show(mean(v, 'incrementalAfterTaxNpvUSD'), signedMillions)] : []),
      pct(mean(v, 'computeRevenueShare')),
      show(mean(v, 'gpuUtilisation'), pct),
    ];
  });
  const warnings = anyCapital
    ? s.variants.flatMap((v) => {
        const share = shortShare(v);
        if (!(share > 0)) return [];
        const need = millions(Math.abs(v.metrics.minCashUSD.quantiles.find((q) => q.p === 0.5)?.value ?? mean(v, 'minCashUSD')));
        return [`${v.name} does not fit the capital available in ${pct(share)} of replications: it needs ${need} M USD at its deepest (median) and runs out in ${when(median(v, 'capitalRunsOutYears')!)} (median).`];
      })
    : [];
  return {
    head: ['variant', 'capex', 'Δ capex', 'funding gap', ...(anyCapital ? ['headroom', 'short of capital'] : []), 'IRR of Δ (p50)', 'payback of Δ y (p50)', 'PI (p50)', ...(anyTax ? ['Δ NPV after tax'] : []), 'compute share', 'GPU util.'],
    rows,
    note:
      `Million USD, means over replications. Δ: this layout − the baseline (${s.baseline}) on the same world; its IRR, payback and profitability index (Δ NPV ÷ Δ capex) are medians of the replications that have one, with their share in brackets when some do not (a payback not reached within the horizon, an IRR that is not unique).` +
      (anyTax ? ' Δ NPV after tax: the mean NPV of what the layout adds once income tax and depreciation are counted (finance.tax).' : '') +
      (anyCapital ? ' Headroom: capital available less the funding gap; short of capital: the share of replications in which cumulative cash needs more than the capital, and the median month it runs out.' : ''),
    warnings,
  };
}

const trueMinus = (text: string): string => text.replace(/^-/, '−');
const signedMillions = (usd: number): string => (usd > 0 ? '+' : usd < 0 ? '−' : '') + millions(Math.abs(usd));

/** The month (YYYY-MM) `years` after `start` (YYYY-MM-DD) on the cash flows' clock, calendar months a twelfth of a year each. */
function monthOf(start: string, years: number): string {
  const startUnixSeconds = Date.parse(`${start}T00:00:00Z`) / 1000;
  const hours = calendarMonths(startUnixSeconds, (years + 1) * HOURS_PER_YEAR).hourAtYears(years);
  return new Date((startUnixSeconds + hours * 3600) * 1000).toISOString().slice(0, 7);
}
