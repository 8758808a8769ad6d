/** The compact end-of-study table: per variant the primary metric's mean ± CI, spread, downside and Δ vs baseline. */
import { METRIC_INFO, type MetricName } from '../campus/metrics.js';
import type { Summary } from '../study/summarize.js';
import { formatTable, millions } from './table.js';

export function summaryTable(s: Summary, metric: MetricName): string {
  const money = METRIC_INFO[metric].money || metric.endsWith('USD');
  const fmt = (x: number) => (money ? millions(x) : x.toLocaleString('en-US', { maximumFractionDigits: 1 }));
  const pct = Math.round(s.confidence * 100);
  const q = (v: Summary['variants'][number], p: number) => v.metrics[metric].quantiles.find((x) => x.p === p)!.value;
  const rows = s.variants.map((v) => {
    const m = v.metrics[metric];
    const d = v.versusBaseline?.[metric];
    return [
      v.name + (v.name === s.baseline ? ' (baseline)' : ''),
      `${fmt(m.mean)} ± ${fmt(m.halfWidth)}`,
      fmt(q(v, 0.1)),
      fmt(q(v, 0.9)),
      fmt(m.cvar5),
      m.probabilityOfLoss === undefined ? '' : `${(m.probabilityOfLoss * 100).toFixed(1)} %`,
      d ? `${d.meanDifference >= 0 ? '+' : ''}${fmt(d.meanDifference)} ± ${fmt(d.halfWidth)}` : '—',
      d?.probabilityBetter === undefined ? '' : `${(d.probabilityBetter * 100).toFixed(0)} %`,
      d ? `${d.tightening.toFixed(1)}×` : '',
    ];
  });
  const unit = money ? 'million USD' : '';
  const head = [`variant`, `mean ± ${pct} % CI`, 'p10', 'p90', 'CVaR 5 %', 'P(loss)', `Δ vs baseline`, 'P(better)', 'CRN gain'];
  const title = `${METRIC_INFO[metric].label}${unit ? ` (in ${unit})` : ''}:`;
  const note = `CVaR 5 %: mean of the worst 5 % of replications. CRN gain: how many times narrower the paired Δ interval is than an unpaired comparison's.`;
  return `${title}\n\n${formatTable(head, rows, [false, true, true, true, true, true, true, true, true])}\n\n${note}`;
}

/**
 * A second, shorter table: what each layout needs and where its money comes from — capex, the
 * deepest cash need and the headroom left in the capital available, IRR, payback, the share of
 * revenue from compute, and GPU utilisation where there is a GPU hall. Means over replications.
 */
export function contextTable(s: Summary): string {
  const mean = (v: Summary['variants'][number], m: MetricName) => v.metrics[m].mean;
  const known = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);
  const show = (x: number | null | undefined, f: (x: number) => string) => (known(x) ? f(x) : '—');
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const anyCapital = s.variants.some((v) => known(mean(v, 'capitalHeadroomUSD')));
  const rows = s.variants.map((v) => [
    v.name,
    millions(mean(v, 'capexUSD')),
    millions(Math.abs(mean(v, 'minCashUSD'))),
    ...(anyCapital ? [show(mean(v, 'capitalHeadroomUSD'), millions)] : []),
    show(v.metrics.irr.quantiles.find((q) => q.p === 0.5)?.value, pct),
    show(v.metrics.paybackYears.quantiles.find((q) => q.p === 0.5)?.value, (x) => x.toFixed(1)),
    pct(mean(v, 'computeRevenueShare')),
    show(mean(v, 'gpuUtilisation'), pct),
  ]);
  const head = ['variant', 'capex', 'funding gap', ...(anyCapital ? ['headroom'] : []), 'IRR (p50)', 'payback y (p50)', 'compute share', 'GPU util.'];
  const note = 'Million USD, means over replications; IRR and payback are medians of the replications that have one (— when none do). Headroom: capital available less the funding gap.';
  return `${formatTable(head, rows, head.map((_, i) => i > 0))}\n\n${note}`;
}
