/** The compact end-of-study table: per variant the primary metric's mean ± CI, spread, downside and Δ vs baseline. */
import { METRIC_INFO, type MetricName } from '../campus/metrics.js';
import { breakEvenTable } from '../study/break-even-table.js';
import { decisionsTable } from '../study/decisions-table.js';
import { layoutContext } from '../study/layout-context.js';
import type { Summary } from '../study/summarize.js';
import { formatTable, millions } from './table.js';

export function summaryTable(s: Summary, metric: MetricName): string {
  const money = METRIC_INFO[metric].money || metric.endsWith('USD');
  const fmt = (x: number) => (money ? millions(x) : x.toLocaleString('en-US', { maximumFractionDigits: 1 }));
  const pct = Math.round(s.confidence * 100);
  const q = (v: Summary['variants'][number], p: number) => v.metrics[metric].quantiles.find((x) => x.p === p)!.value;
  const rows = s.variants.map((v) => {
    const m = v.metrics[metric];
    const d = (v.versusBaseline as Partial<Record<MetricName, NonNullable<typeof v.versusBaseline>['npvUSD']>> | undefined)?.[metric];
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
  // A label ends with its unit (", USD"): in millions the unit is said once, as such.
  const title = unit ? `${METRIC_INFO[metric].label.replace(/, USD$/, '')}, ${unit}:` : `${METRIC_INFO[metric].label}:`;
  const note = `CVaR 5 %: mean of the worst 5 % of replications. CRN gain: how many times narrower the paired Δ interval is than an unpaired comparison's.`;
  return `${title}\n\n${formatTable(head, rows, [false, true, true, true, true, true, true, true, true])}\n\n${note}`;
}

/** The second table: what each layout needs and where its money comes from (see layout-context.ts). */
export function contextTable(s: Summary): string {
  const t = layoutContext(s);
  const warnings = t.warnings.map((w) => `\nwarning: ${w}`).join('');
  const b = breakEvenTable(s);
  const breakEvens = b ? `\n\n${formatTable(b.head, b.rows, b.head.map((_, i) => i > 0))}\n\n${b.note}` : '';
  const d = decisionsTable(s);
  const decisions = d ? `\n\n${formatTable(d.head, d.rows, d.head.map((_, i) => i > 1 && i !== 4))}\n\n${d.note}` : '';
  return `${formatTable(t.head, t.rows, t.head.map((_, i) => i > 0))}\n\n${t.note}${warnings}${breakEvens}${decisions}`;
}
