/** "How much better or worse than the baseline, on the same luck?" — paired Δ NPV with its interval. */
import type { Summary } from '../../sim/study/summarize.js';
import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, type Chart, chartTitle, VEGA_LITE_SCHEMA } from '../chart.js';
import { variantColorScale } from '../palette.js';

export function pairedDifferenceChart(summary: Summary): Chart | undefined {
  const others = summary.variants.filter((v) => v.versusBaseline);
  if (others.length === 0) return undefined;
  const values = others.map((v) => {
    const d = v.versusBaseline!.npvUSD;
    return { variant: v.name, delta: d.meanDifference / 1e6, lower: d.lower / 1e6, upper: d.upper / 1e6, better: d.probabilityBetter ?? 0, gain: d.tightening };
  });
  const x = { field: 'delta', type: 'quantitative' as const, title: `Δ NPV against ${summary.baseline} (million USD)` };
  return {
    name: 'npv-vs-baseline',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: chartTitle(`How much better than ${summary.baseline}, on the same worlds?`, `NPV less ${summary.baseline}’s in each replication · mean with its ${Math.round(summary.confidence * 100)} % interval`, 540),
      config: CHART_CONFIG,
      width: 420,
      height: Math.max(80, 40 * values.length),
      data: { values },
      layer: intervalLayers(values.map((v) => v.variant), x.title, summary.variants.map((v) => v.name), [
        { field: 'variant', title: 'Layout' },
        { field: 'delta', title: 'Δ NPV (million USD)', format: ',.1f' },
        { field: 'lower', title: 'interval from (million USD)', format: ',.1f' },
        { field: 'upper', title: 'to (million USD)', format: ',.1f' },
        { field: 'better', title: 'P(better)', format: '.0%' },
        { field: 'gain', title: 'CRN gain (×)', format: '.1f' },
      ]),
    },
  };
}

/**
 * A paired difference per layout as a mean (`delta`) with its interval (`lower`–`upper`), one row
 * each in `order`, against a dashed zero line, coloured as the layouts are everywhere (`layouts`).
 */
export function intervalLayers(order: readonly string[], xTitle: string, layouts: readonly string[], tooltip: readonly object[], yAxis?: object): Layers {
  const sort = [...order];
  return [
    { mark: { type: 'rule', color: '#888', strokeDash: [4, 4] }, encoding: { x: { datum: 0, type: 'quantitative' } } },
    { mark: { type: 'rule', strokeWidth: 3 }, encoding: { y: { field: 'variant', type: 'nominal', title: null, sort, ...(yAxis ? { axis: yAxis } : {}) }, x: { field: 'lower', type: 'quantitative', title: xTitle }, x2: { field: 'upper' }, color: { field: 'variant', scale: variantColorScale(layouts), legend: null } } },
    {
      mark: { type: 'point', filled: true, size: 80, color: 'black' },
      encoding: { y: { field: 'variant', type: 'nominal', sort }, x: { field: 'delta', type: 'quantitative', title: xTitle }, tooltip },
    },
  ] as Layers;
}

type Layers = Extract<TopLevelSpec, { layer: unknown }>['layer'];
