/**
 * "What does each layout risk for its return?" — mean NPV against the mean of its worst 5 % (CVaR),
 * with the efficient frontier: the layouts no other beats on both, ringed, and joined by a dashed
 * line when there are two or more of them (what a sweep traces out). Layouts are named in a legend,
 * not beside their points, so close points cannot bury each other's names.
 */
import type { Summary } from '../../sim/study/summarize.js';
import { CHART_CONFIG, type Chart, chartTitle, VEGA_LITE_SCHEMA } from '../chart.js';
import { variantColorScale } from '../palette.js';

export function riskReturnChart(summary: Summary): Chart {
  const points = summary.variants.map((v) => ({ variant: v.name, mean: v.metrics.npvUSD.mean / 1e6, cvar: v.metrics.npvUSD.cvar5 / 1e6, loss: v.metrics.npvUSD.probabilityOfLoss ?? 0 }));
  const dominated = (p: (typeof points)[number]) => points.some((q) => q !== p && q.mean >= p.mean && q.cvar >= p.cvar && (q.mean > p.mean || q.cvar > p.cvar));
  const values = points.map((p) => ({ ...p, frontier: !dominated(p) }));
  const frontier = values.filter((p) => p.frontier).sort((a, b) => a.cvar - b.cvar);
  const x = { field: 'cvar', type: 'quantitative' as const, title: 'Mean NPV of the worst 5 % (million USD)', scale: { zero: false, padding: 20 } };
  const y = { field: 'mean', type: 'quantitative' as const, title: 'Mean NPV (million USD)', scale: { zero: false, padding: 20 } };
  // The dashed line is promised only where it shows: frontier points far enough apart (in pixels of
  // the plot, spans as the scale draws them) that it is not hidden under their rings.
  const span = (of: (p: (typeof values)[number]) => number) => Math.max(1e-9, Math.max(...values.map(of)) - Math.min(...values.map(of)));
  const apart = frontier.slice(1).some((p, i) => Math.hypot(((p.cvar - frontier[i].cvar) / span((q) => q.cvar)) * 420, ((p.mean - frontier[i].mean) / span((q) => q.mean)) * 300) > 40);
  const subtitle =
    frontier.length >= 2
      ? `up and to the right is better · ringed${apart ? ' and joined by the dashed line' : ''}: the efficient frontier (${frontier.map((p) => p.variant).join(', ')}), which no layout beats on both`
      : `up and to the right is better · ringed: ${frontier[0].variant}, which beats every other layout on both`;
  return {
    name: 'risk-return',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: chartTitle('What does each layout risk for its return?', subtitle, 600),
      config: CHART_CONFIG,
      width: 420,
      height: 300,
      layer: [
        ...(frontier.length >= 2
          ? [{ data: { values: frontier }, mark: { type: 'line', color: '#555', strokeDash: [5, 4], strokeWidth: 1.5 }, encoding: { x, y, order: { field: 'cvar', type: 'quantitative' } } }]
          : []),
        { data: { values: frontier }, mark: { type: 'point', filled: false, size: 420, strokeWidth: 2, color: '#333' }, encoding: { x, y } },
        {
          data: { values },
          mark: { type: 'point', filled: true, size: 140, opacity: 1 },
          encoding: {
            x,
            y,
            color: { field: 'variant', type: 'nominal', title: 'Layout', scale: variantColorScale(summary.variants.map((v) => v.name)), legend: { labelLimit: 240 } },
            tooltip: [
              { field: 'variant', title: 'Layout' },
              { field: 'mean', title: 'Mean NPV (million USD)', format: ',.1f' },
              { field: 'cvar', title: 'Mean of the worst 5 % (million USD)', format: ',.1f' },
              { field: 'loss', title: 'P(NPV < 0)', format: '.1%' },
              { field: 'frontier', title: 'On the frontier' },
            ],
          },
        },
      ],
    } as never,
  };
}
