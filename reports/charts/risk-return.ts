/** "What does each layout pay for its return?" — mean NPV against the mean of its worst 5 % (CVaR). */
import type { Summary } from '../../sim/study/summarize.js';
import { CHART_CONFIG, type Chart, VEGA_LITE_SCHEMA } from '../chart.js';
import { variantColorScale } from '../palette.js';

export function riskReturnChart(summary: Summary): Chart {
  const values = summary.variants.map((v) => ({ variant: v.name, mean: v.metrics.npvUSD.mean / 1e6, cvar: v.metrics.npvUSD.cvar5 / 1e6, loss: v.metrics.npvUSD.probabilityOfLoss ?? 0 }));
  // Each point is labelled with its variant, so no legend to collide with the labels.
  const color = { field: 'variant', type: 'nominal' as const, scale: variantColorScale(summary.variants.map((v) => v.name)), legend: null };
  return {
    name: 'risk-return',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: { text: 'What does each layout risk for its return?', subtitle: 'up and to the right is better: higher mean NPV, a less bad worst 5 %' },
      config: CHART_CONFIG,
      width: 420,
      height: 300,
      data: { values },
      layer: [
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
            ],
          },
        },
        { mark: { type: 'text', dx: 8, align: 'left' }, encoding: { x: { field: 'cvar', type: 'quantitative' }, y: { field: 'mean', type: 'quantitative' }, text: { field: 'variant' } } },
      ],
    },
  };
}
