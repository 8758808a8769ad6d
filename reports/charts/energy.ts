/** "Where does the energy go?" — mean MWh drawn and curtailed by cause, per variant. */
import type { Summary } from '../../sim/study/summarize.js';
import { CHART_CONFIG, type Chart, VEGA_LITE_SCHEMA } from '../chart.js';

const USES = [
  ['energyMWh', 'drawn for mining'],
  ['curtailedEconomicMWh', 'curtailed: not worth mining'],
  ['curtailedOutageMWh', 'lost to grid outages'],
] as const;

export function energyChart(summary: Summary): Chart {
  const values = summary.variants.flatMap((v) => USES.map(([metric, use]) => ({ variant: v.name, use, gwh: v.metrics[metric].mean / 1000 })));
  return {
    name: 'energy',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: { text: 'Where does the power go?', subtitle: 'mean over replications, whole horizon' },
      config: CHART_CONFIG,
      width: 420,
      height: Math.max(80, 40 * summary.variants.length),
      data: { values },
      mark: 'bar',
      encoding: {
        y: { field: 'variant', type: 'nominal', title: null, sort: summary.variants.map((v) => v.name) },
        x: { field: 'gwh', type: 'quantitative', title: 'Energy (GWh)', stack: true },
        color: { field: 'use', type: 'nominal', title: 'Use', scale: { domain: USES.map(([, u]) => u), range: ['#59a14f', '#edc948', '#e15759'] } },
        tooltip: [{ field: 'variant' }, { field: 'use' }, { field: 'gwh', title: 'GWh', format: ',.1f' }],
      },
    },
  };
}
