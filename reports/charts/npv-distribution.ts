/** "Which layout creates more value, and how widely does it vary?" — NPV per variant as a box, mean ± CI marked. */
import type { Row } from '../../sim/study/replicate.js';
import type { Summary } from '../../sim/study/summarize.js';
import { CHART_CONFIG, type Chart, chartTitle, VEGA_LITE_SCHEMA } from '../chart.js';
import { variantColorScale } from '../palette.js';

const MILLION = 1e6;

export function npvDistributionChart(summary: Summary, rows: readonly Row[], discountRatePerYear: number): Chart {
  const variants = summary.variants.map((v) => v.name);
  // A band wide enough for its name (Vega reserves 0.8 em a character headless); past the page, names slant.
  const longest = Math.max(...variants.map((v) => v.length));
  let step = Math.min(170, Math.max(90, Math.ceil(longest * 8.8) + 12));
  const slant = step * variants.length > 980;
  if (slant) step = Math.max(60, Math.floor(980 / variants.length));
  const x = { field: 'variant', type: 'nominal' as const, title: null, sort: variants, axis: slant ? { labelAngle: -35, labelLimit: 180 } : { labelAngle: 0, labelLimit: step - 6 } };
  const yTitle = `NPV at ${Math.round(discountRatePerYear * 100)} % a year (million USD)`;
  return {
    name: 'npv',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: chartTitle(
        'Which layout creates more value?',
        `${summary.replications} replications · box: quartiles, whiskers to 1.5 × IQR, dots beyond · black: mean with its ${Math.round(summary.confidence * 100)} % interval`,
        Math.max(240, step * variants.length) + 60,
      ),
      config: CHART_CONFIG,
      width: Math.max(240, step * variants.length),
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
