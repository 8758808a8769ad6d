/** "Which layout creates more value, and how widely does it vary?" — NPV per variant as a box, mean ± CI marked. */
import type { Row } from '../../sim/study/replicate.js';
import type { Summary } from '../../sim/study/summarize.js';
import { CHART_CONFIG, type Chart, chartTitle, VEGA_LITE_SCHEMA } from '../chart.js';
import { variantColorScale } from '../palette.js';

const MILLION = 1e6;

export function npvDistributionChart(summary: Summary, rows: readonly Row[], discountRatePerYear: number): Chart {
  const variants = summary.variants.map((v) => v.name);
  const x = { field: 'variant', type: 'nominal' as const, title: null, sort: variants, axis: { labelAngle: 0, labelLimit: 105 } };
  const yTitle = `Net present value at ${Math.round(discountRatePerYear * 100)} %/year (million USD)`;
  return {
    name: 'npv',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: chartTitle(
        'Which layout creates more value?',
        `${summary.replications} replications · box: quartiles, whiskers to 1.5 × IQR, dots beyond · black: mean with its ${Math.round(summary.confidence * 100)} % interval`,
        Math.max(240, 110 * variants.length) + 60,
      ),
      config: CHART_CONFIG,
      width: Math.max(240, 110 * variants.length),
      height: 300,
      layer: [
        {
          data: { values: rows.map((r) => ({ variant: r.variant, npvMUSD: r.metrics.npvUSD / MILLION })) },
          mark: { type: 'boxplot', extent: 1.5, size: 40 },
          encoding: {
            x,
            y: { field: 'npvMUSD', type: 'quantitative', title: yTitle },
            color: { field: 'variant', type: 'nominal', scale: variantColorScale(variants), legend: null },
          },
        },
        {
          data: {
            values: summary.variants.map((v) => ({
              variant: v.name,
              meanMUSD: v.metrics.npvUSD.mean / MILLION,
              lowerMUSD: v.metrics.npvUSD.lower / MILLION,
              upperMUSD: v.metrics.npvUSD.upper / MILLION,
            })),
          },
          layer: [
            {
              mark: { type: 'rule', color: 'black', strokeWidth: 2 },
              encoding: { x, y: { field: 'lowerMUSD', type: 'quantitative' }, y2: { field: 'upperMUSD' } },
            },
            {
              mark: { type: 'point', filled: true, color: 'black', size: 50 },
              encoding: {
                x,
                y: { field: 'meanMUSD', type: 'quantitative' },
                tooltip: [
                  { field: 'variant', title: 'Layout' },
                  { field: 'meanMUSD', title: 'Mean NPV (million USD)', format: ',.1f' },
                  { field: 'lowerMUSD', title: 'interval from (million USD)', format: ',.1f' },
                  { field: 'upperMUSD', title: 'to (million USD)', format: ',.1f' },
                ],
              },
            },
          ],
        },
      ],
    },
  };
}
