/** A backtest's chart: the simulated difficulty's bands by date, and the observed difficulty on them. */
import type { BacktestResult } from '../../sim/calibrate/backtest.js';
import { CHART_CONFIG, type Chart, VEGA_LITE_SCHEMA } from '../chart.js';

const BLUE = '#4e79a7';

export function backtestChart(result: BacktestResult, scenario: string): Chart {
  const values = result.rows.map((r) => {
    const [p1, p5, p25, p50, p75, p95, p99] = r.quantiles.map((q) => q / 1e12);
    return { date: r.date, observed: r.observed / 1e12, p1, p5, p25, p50, p75, p95, p99, percentile: r.percentile };
  });
  const x = { field: 'date', type: 'temporal' as const, title: 'Date' };
  const y = (field: string, title?: string) => ({ field, type: 'quantitative' as const, scale: { type: 'log' as const }, ...(title ? { title } : {}) });
  return {
    name: 'backtest',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: {
        text: `${scenario}'s network from ${result.start.date}: difficulty, simulated and observed`,
        subtitle: `${result.replications} worlds on the realised price · median, p25–p75, p5–p95 · dots: observed (${(100 * result.coverage50).toFixed(0)} % in p25–p75, ${(100 * result.coverage90).toFixed(0)} % in p5–p95)`,
      },
      config: CHART_CONFIG,
      width: 640,
      height: 300,
      data: { values },
      layer: [
        { mark: { type: 'area', opacity: 0.2, color: BLUE }, encoding: { x, y: y('p5', 'Difficulty (T, log scale)'), y2: { field: 'p95' } } },
        { mark: { type: 'area', opacity: 0.35, color: BLUE }, encoding: { x, y: y('p25'), y2: { field: 'p75' } } },
        { mark: { type: 'line', color: BLUE, strokeWidth: 2 }, encoding: { x, y: y('p50') } },
        {
          mark: { type: 'point', filled: true, color: '#e15759', size: 28 },
          encoding: {
            x,
            y: y('observed'),
            tooltip: [
              { field: 'date', type: 'temporal', title: 'Date', format: '%d %b %Y' },
              { field: 'observed', title: 'observed (T)', format: ',.4~s' },
              { field: 'p50', title: 'simulated median (T)', format: ',.4~s' },
              { field: 'percentile', title: 'percentile', format: '.1f' },
            ],
          },
        },
      ],
    } as never,
  };
}
