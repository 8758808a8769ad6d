/** "Have we run enough replications?" — the NPV interval's half-width as replications accumulate. */
import type { Row } from '../../sim/study/replicate.js';
import type { Summary } from '../../sim/study/summarize.js';
import { studentTQuantile } from '../../sim/core/stats/student-t.js';
import { CHART_CONFIG, type Chart, chartTitle, VEGA_LITE_SCHEMA } from '../chart.js';
import { variantColorScale } from '../palette.js';

export function convergenceChart(summary: Summary, rows: readonly Row[]): Chart {
  const variants = summary.variants.map((v) => v.name);
  const values: Array<{ variant: string; n: number; halfWidth: number }> = [];
  for (const variant of variants) {
    const xs = rows.filter((r) => r.variant === variant).sort((a, b) => a.replication - b.replication).map((r) => r.metrics.npvUSD);
    let mean = 0, m2 = 0;
    const step = Math.max(1, Math.floor(xs.length / 100));
    xs.forEach((x, i) => {
      const n = i + 1;
      const d = x - mean;
      mean += d / n;
      m2 += d * (x - mean);
      if (n >= 10 && (n % step === 0 || n === xs.length)) {
        values.push({ variant, n, halfWidth: (studentTQuantile((1 + summary.confidence) / 2, n - 1) * Math.sqrt(m2 / (n - 1) / n)) / 1e6 });
      }
    });
  }
  return {
    name: 'convergence',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: chartTitle('Have we run enough replications?', `half-width of the ${Math.round(summary.confidence * 100)} % interval of mean NPV; it shrinks as 1/√n`, 560),
      config: CHART_CONFIG,
      width: 420,
      height: 240,
      data: { values },
      mark: { type: 'line', strokeWidth: 2 },
      encoding: {
        x: { field: 'n', type: 'quantitative', title: 'Replications', scale: { type: 'log' } },
        y: { field: 'halfWidth', type: 'quantitative', title: '± (million USD)', scale: { type: 'log' } },
        color: { field: 'variant', type: 'nominal', scale: variantColorScale(variants), title: 'Layout' },
        tooltip: [{ field: 'variant', title: 'Layout' }, { field: 'n', title: 'Replications' }, { field: 'halfWidth', title: '± (million USD)', format: ',.1f' }],
      },
    },
  };
}
