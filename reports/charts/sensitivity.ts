/**
 * "Which unknowns move the answer most?" — a tornado of Spearman rank correlations between each
 * uncertain input's draw and NPV, per variant, inputs ordered by their largest effect.
 */
import type { Summary } from '../../sim/study/summarize.js';
import { CHART_CONFIG, type Chart, FACET_COLUMNS, VEGA_LITE_SCHEMA } from '../chart.js';

export function sensitivityChart(summary: Summary): Chart | undefined {
  const s = summary.sensitivity;
  if (!s || s.inputs.length === 0) return undefined;
  // summary.json read back turns NaN into null: such a correlation (a constant metric) is not drawn.
  const known = (x: number | null): x is number => x !== null && Number.isFinite(x);
  const strongest = new Map(s.inputs.map(({ id }) => [id, 0]));
  const values = s.variants.flatMap((v) =>
    v.correlations.filter((c) => known(c.rho)).map((c) => {
      strongest.set(c.input, Math.max(strongest.get(c.input)!, Math.abs(c.rho)));
      const text = s.inputs.find((i) => i.id === c.input)!.text;
      return { variant: v.name, input: c.input, distribution: text, rho: c.rho, lower: known(c.lower) ? c.lower : c.rho, upper: known(c.upper) ? c.upper : c.rho };
    }),
  );
  if (values.length === 0) return undefined;
  const order = [...strongest].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
  return {
    name: 'sensitivity',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: { text: 'Which unknowns move NPV most?', subtitle: `Spearman rank correlation of each uncertain input with NPV over replications, with ${summary.confidence * 100} % intervals` },
      config: CHART_CONFIG,
      data: { values },
      facet: { field: 'variant', type: 'nominal', title: null, sort: summary.variants.map((v) => v.name) },
      columns: FACET_COLUMNS,
      spec: {
        width: 220,
        height: { step: 18 },
        encoding: { y: { field: 'input', type: 'nominal', title: null, sort: order, axis: { labelLimit: 360 } } },
        layer: [
          {
            mark: 'bar',
            encoding: {
              x: { field: 'rho', type: 'quantitative', title: 'Rank correlation with NPV', scale: { domain: [-1, 1] } },
              color: { condition: { test: 'datum.rho < 0', value: '#e15759' }, value: '#4e79a7' },
              tooltip: [{ field: 'variant' }, { field: 'input' }, { field: 'distribution' }, { field: 'rho', title: 'ρ', format: '.2f' }, { field: 'lower', format: '.2f' }, { field: 'upper', format: '.2f' }],
            },
          },
          { mark: { type: 'rule', color: '#333' }, encoding: { x: { field: 'lower', type: 'quantitative' }, x2: { field: 'upper' } } },
        ],
      },
    } as never,
  };
}
