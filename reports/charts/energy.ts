/** "Where does the energy go?" — mean MWh drawn and curtailed by cause, per variant. */
import type { MetricName } from '../../sim/campus/metrics.js';
import type { Summary } from '../../sim/study/summarize.js';
import { CHART_CONFIG, type Chart, chartTitle, VEGA_LITE_SCHEMA } from '../chart.js';

type Means = (metric: MetricName) => number;
const USES: ReadonlyArray<readonly [string, string, (mean: Means) => number]> = [
  ['drawn for mining', '#f28e2b', (m) => m('miningEnergyMWh')],
  ['drawn by the GPU hall', '#59a14f', (m) => m('gpuItEnergyMWh')],
  ['drawn for cooling and overhead', '#76b7b2', (m) => m('coolingEnergyMWh')],
  ['curtailed: not worth mining', '#edc948', (m) => m('curtailedEconomicMWh')],
  ['curtailed: demand response', '#b07aa1', (m) => m('curtailedDemandResponseMWh')],
  ['curtailed: heat and cooling', '#ff9da7', (m) => m('curtailedCoolingMWh')],
  ['curtailed: grid limit or derate', '#bab0ac', (m) => m('curtailedGridMWh')],
  ['lost to ASIC failures', '#9c755f', (m) => m('curtailedFailureMWh')],
  ['lost to grid outages', '#e15759', (m) => m('curtailedOutageMWh')],
];

export function energyChart(summary: Summary): Chart {
  const values = summary.variants.flatMap((v) => USES.map(([use, , of]) => ({ variant: v.name, use, gwh: of((m) => v.metrics[m].mean) / 1000 })));
  return {
    name: 'energy',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: chartTitle('Where does the power go?', 'energy drawn by use and not drawn by cause: mean over replications, whole horizon', 640),
      config: CHART_CONFIG,
      width: 420,
      height: Math.max(80, 40 * summary.variants.length),
      data: { values },
      mark: 'bar',
      encoding: {
        y: { field: 'variant', type: 'nominal', title: null, sort: summary.variants.map((v) => v.name) },
        x: { field: 'gwh', type: 'quantitative', title: 'Energy (GWh)', stack: true },
        color: { field: 'use', type: 'nominal', title: 'Use', scale: { domain: USES.map(([u]) => u), range: USES.map(([, c]) => c) }, legend: { labelLimit: 320 } },
        tooltip: [{ field: 'variant', title: 'Layout' }, { field: 'use', title: 'Use' }, { field: 'gwh', title: 'Energy (GWh)', format: ',.1f' }],
      },
    },
  };
}
