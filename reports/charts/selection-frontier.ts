/** "Which layout does `campus optimize` choose?" — mean NPV against CVaR per candidate, the frontier ringed, the choice marked. */
import type { OptimizeResult } from '../../sim/study/optimize.js';
import { CHART_CONFIG, type Chart, chartTitle, VEGA_LITE_SCHEMA } from '../chart.js';

export function selectionFrontierChart(r: OptimizeResult): Chart {
  const values = r.candidates.map((c) => ({
    variant: c.name,
    meanM: c.mean / 1e6,
    cvarM: c.cvar / 1e6,
    replications: c.replications,
    role: c.name === r.chosen ? 'chosen' : c.efficient ? 'on the frontier' : 'dominated',
  }));
  return {
    name: 'selection-frontier',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: chartTitle(
        'Which layout has the best mean NPV, and what is its downside?',
        `each candidate’s mean NPV against the mean of its worst 5 % (CVaR), over the replications the selection gave it · ${r.guaranteed ? `chosen with probability ≥ ${Math.round(r.confidence * 100)} % of being best when it leads by ${(r.indifference / 1e6).toLocaleString('en-US')} M USD or more` : 'no guarantee: the budget ran out'}`,
        620,
      ),
      config: CHART_CONFIG,
      width: 520,
      height: 360,
      data: { values },
      encoding: {
        x: { field: 'cvarM', type: 'quantitative', title: 'CVaR 5 % (million USD)', scale: { zero: false } },
        y: { field: 'meanM', type: 'quantitative', title: 'Mean NPV (million USD)', scale: { zero: false } },
      },
      layer: [
        {
          mark: { type: 'point', filled: true, size: 90 },
          encoding: {
            color: { field: 'role', type: 'nominal', title: 'Layout', legend: { orient: 'bottom' }, scale: { domain: ['chosen', 'on the frontier', 'dominated'], range: ['#e15759', '#4e79a7', '#bab0ac'] } },
            tooltip: [
              { field: 'variant', title: 'Layout' },
              { field: 'meanM', title: 'Mean NPV (million USD)', format: ',.1f' },
              { field: 'cvarM', title: 'CVaR 5 % (million USD)', format: ',.1f' },
              { field: 'replications', title: 'Replications', format: ',d' },
            ],
          },
        },
        // Names beside the points: a printed chart has no tooltips.
        { mark: { type: 'text', align: 'left', dx: 9, fontSize: 11 }, encoding: { text: { field: 'variant' } } },
      ],
    } as never,
  };
}
