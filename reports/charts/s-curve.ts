/**
 * "How likely is each layout to clear the bar?" — S-curves (empirical cumulative distributions) of
 * NPV per layout, and of each layout's NPV less the baseline's on the same world, on one chart. Read
 * across at a probability to get a percentile, up from a target to get the chance of falling short.
 * The legend gives each layout's P(NPV > target) and P(better than the baseline).
 */
import type { Row } from '../../sim/study/replicate.js';
import type { Summary } from '../../sim/study/summarize.js';
import { CHART_CONFIG, type Chart, chartTitle, VEGA_LITE_SCHEMA } from '../chart.js';
import { variantColorScale } from '../palette.js';

/** Points drawn per curve at most: beyond, the curve is read at evenly spaced probabilities. */
const MAX_POINTS = 500;

/** Each variant's values of `metric` in replication order. */
export function columns(rows: readonly Row[], variants: readonly string[], metric: 'npvUSD' = 'npvUSD'): Map<string, Float64Array> {
  const sorted = [...rows].sort((a, b) => a.replication - b.replication);
  return new Map(variants.map((v) => [v, Float64Array.from(sorted.filter((r) => r.variant === v), (r) => r.metrics[metric])]));
}

/** Share of values strictly above `target`. */
export function probabilityAbove(values: ArrayLike<number>, target: number): number {
  let above = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > target) above++;
  return values.length > 0 ? above / values.length : NaN;
}

/** The empirical CDF as points (value, share at or below), thinned to MAX_POINTS. */
function cdf(values: Float64Array): Array<{ x: number; p: number }> {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n <= MAX_POINTS) return Array.from(sorted, (x, i) => ({ x, p: (i + 1) / n }));
  return Array.from({ length: MAX_POINTS }, (_, k) => {
    const i = Math.min(n - 1, Math.round(((k + 1) / MAX_POINTS) * n) - 1);
    return { x: sorted[i], p: (i + 1) / n };
  });
}

const pct = (p: number) => `${Math.round(p * 100)} %`;

export function sCurveChart(summary: Summary, rows: readonly Row[], targetUSD: number): Chart | undefined {
  const variants = summary.variants.map((v) => v.name);
  const npv = columns(rows, variants);
  if ([...npv.values()].every((xs) => xs.length < 2)) return undefined;
  const palette = variantColorScale(variants);
  const base = npv.get(summary.baseline);
  const targetM = targetUSD / 1e6;
  const label = (v: string, p: number) => `${v}: ${pct(p)}`;
  const npvLabels = variants.map((v) => label(v, probabilityAbove(npv.get(v)!, targetUSD)));
  const others = variants.filter((v) => v !== summary.baseline && base);
  const deltas = new Map(others.map((v) => [v, npv.get(v)!.map((x, i) => x - base![i])]));
  const deltaLabels = others.map((v) => label(v, probabilityAbove(deltas.get(v)!, 0)));
  const curve = (values: Map<string, Float64Array>, labels: string[], names: string[]) =>
    names.flatMap((v, k) => cdf(values.get(v)!).map(({ x, p }) => ({ layout: labels[k], variant: v, musd: x / 1e6, p })));
  const panel = (values: object[], labels: string[], names: string[], xTitle: string, at: number, atText: string) => ({
    width: 380,
    height: 260,
    layer: [
      {
        data: { values },
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
        encoding: {
          x: { field: 'musd', type: 'quantitative', title: xTitle },
          y: { field: 'p', type: 'quantitative', title: 'Share at or below', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
          color: {
            field: 'layout',
            type: 'nominal',
            title: null,
            scale: { domain: labels, range: names.map((v) => palette.range[variants.indexOf(v)]) },
            legend: { orient: 'bottom', direction: 'vertical', labelLimit: 380 },
          },
          tooltip: [{ field: 'variant', title: 'Layout' }, { field: 'musd', title: `${xTitle}`, format: ',.1f' }, { field: 'p', title: 'share at or below', format: '.1%' }],
        },
      },
      { data: { values: [{ at }] }, mark: { type: 'rule', color: '#333', strokeDash: [4, 3] }, encoding: { x: { field: 'at', type: 'quantitative' }, tooltip: [{ field: 'at', title: atText, format: ',.1f' }] } },
    ],
  });
  const views: object[] = [
    { title: { text: [`NPV · dashed: the target, ${targetM.toLocaleString('en-US')} million USD`, 'legend: the chance of beating it'], fontSize: 12, anchor: 'start' }, ...panel(curve(npv, npvLabels, variants), npvLabels, variants, 'NPV (million USD)', targetM, 'target (million USD)') },
  ];
  if (others.length > 0) {
    views.push({ title: { text: [`NPV less ${summary.baseline}’s on the same world`, `legend: the chance of beating ${summary.baseline}`], fontSize: 12, anchor: 'start' }, ...panel(curve(deltas, deltaLabels, others), deltaLabels, others, `Δ NPV against ${summary.baseline} (million USD)`, 0, 'no difference') });
  }
  return {
    name: 's-curve',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: chartTitle('How likely is each layout to clear the bar?', `cumulative distribution over ${summary.replications} replications: read up from a value to the chance of doing no better; the legends give the chance of beating the target, and the baseline`, 880),
      config: CHART_CONFIG,
      hconcat: views,
      resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
    } as never,
  };
}
