/**
 * "What does each layout pay for its return?" — mean NPV against the mean of its worst 5 % (CVaR),
 * with the efficient frontier: the layouts no other beats on both (what a sweep traces out).
 */
import type { Summary } from '../../sim/study/summarize.js';
import { CHART_CONFIG, type Chart, VEGA_LITE_SCHEMA } from '../chart.js';
import { variantColorScale } from '../palette.js';

export function riskReturnChart(summary: Summary): Chart {
  const points = summary.variants.map((v) => ({ variant: v.name, mean: v.metrics.npvUSD.mean / 1e6, cvar: v.metrics.npvUSD.cvar5 / 1e6, loss: v.metrics.npvUSD.probabilityOfLoss ?? 0 }));
  const dominated = (p: (typeof points)[number]) => points.some((q) => q !== p && q.mean >= p.mean && q.cvar >= p.cvar && (q.mean > p.mean || q.cvar > p.cvar));
  const values = points.map((p) => ({ ...p, frontier: !dominated(p) }));
  // Each point is labelled with its variant, so no legend to collide with the labels.
  const color = { field: 'variant', type: 'nominal' as const, scale: variantColorScale(summary.variants.map((v) => v.name)), legend: null };
  return {
    name: 'risk-return',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: { text: 'What does each layout risk for its return?', subtitle: 'up and to the right is better: higher mean NPV, a less bad worst 5 % · dashed: the efficient frontier (no layout beats these on both)' },
      config: CHART_CONFIG,
      width: 420,
      height: 300,
      data: { values },
      layer: [
        {
          transform: [{ filter: 'datum.frontier' }],
          mark: { type: 'line', color: '#999', strokeDash: [4, 3] },
          encoding: { x: { field: 'cvar', type: 'quantitative', sort: null }, y: { field: 'mean', type: 'quantitative' }, order: { field: 'cvar', type: 'quantitative' } },
        },
        {
          mark: { type: 'point', filled: true, size: 140 },
          encoding: {
            x: { field: 'cvar', type: 'quantitative', title: 'CVaR 5 %: mean NPV of the worst 5 % (million USD)', scale: { zero: false } },
            y: { field: 'mean', type: 'quantitative', title: 'Mean NPV (million USD)', scale: { zero: false } },
            color,
            tooltip: [
              { field: 'variant', title: 'Variant' },
              { field: 'mean', title: 'Mean NPV (M USD)', format: ',.1f' },
              { field: 'cvar', title: 'CVaR 5 % (M USD)', format: ',.1f' },
              { field: 'loss', title: 'P(NPV < 0)', format: '.1%' },
              { field: 'frontier', title: 'On the frontier' },
            ],
          },
        },
        { mark: { type: 'text', dx: 8, align: 'left' }, encoding: { x: { field: 'cvar', type: 'quantitative' }, y: { field: 'mean', type: 'quantitative' }, text: { field: 'variant' } } },
      ],
    },
  };
}
