/** "Where does the money come from, month by month?" — median revenue per month by segment, per variant. */
import type { BandRow } from '../../sim/study/bands.js';
import { CHART_CONFIG, type Chart, FACET_COLUMNS, VEGA_LITE_SCHEMA } from '../chart.js';

const SEGMENTS: ReadonlyArray<readonly [string, string, string]> = [
  ['miningRevenueUSD', 'mining', '#f28e2b'],
  ['leaseRentUSD', 'colocation lease', '#4e79a7'],
  ['gpuCloudRevenueUSD', 'GPU cloud: reserved and training', '#59a14f'],
  ['inferenceRevenueUSD', 'inference', '#76b7b2'],
];

export function revenueMixChart(bands: readonly BandRow[], variants: readonly string[]): Chart | undefined {
  const values = bands
    .filter((b) => b.variant !== '' && SEGMENTS.some(([s]) => s === b.series))
    .map((b) => ({ variant: b.variant, date: b.date, segment: SEGMENTS.find(([s]) => s === b.series)![1], musd: b.p50 / 1e6 }));
  if (values.length === 0) return undefined;
  return {
    name: 'revenue-mix',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: { text: 'Where does the money come from, month by month?', subtitle: 'median revenue per month by segment (medians of each segment, stacked)' },
      config: CHART_CONFIG,
      data: { values },
      facet: { field: 'variant', type: 'nominal', title: null, sort: [...variants] },
      columns: FACET_COLUMNS,
      spec: {
        width: 260,
        height: 200,
        mark: { type: 'area' },
        encoding: {
          x: { field: 'date', type: 'temporal', title: 'Month' },
          y: { field: 'musd', type: 'quantitative', stack: true, title: 'Revenue per month (million USD)' },
          color: { field: 'segment', type: 'nominal', title: 'Segment', scale: { domain: SEGMENTS.map(([, n]) => n), range: SEGMENTS.map(([, , c]) => c) }, legend: { labelLimit: 320 } },
          tooltip: [{ field: 'date', type: 'temporal', format: '%b %Y', title: 'Month' }, { field: 'segment' }, { field: 'musd', title: 'M USD (median)', format: ',.1f' }],
        },
      },
    } as never,
  };
}
