/** "How long do training jobs wait for GPUs?" — mean and 95th-percentile wait per layout with a GPU cloud, and the share of customers who left instead. */
import type { Summary } from '../../sim/study/summarize.js';
import { CHART_CONFIG, type Chart, chartTitle, VEGA_LITE_SCHEMA } from '../chart.js';

const MEASURES = [
  ['trainingWaitMeanH', 'mean wait', '#76b7b2'],
  ['trainingWaitP95H', '95th percentile', '#4e79a7'],
] as const;

/** The customers who left before their job started, as a share of those who left or were served: " · left: gpu-cloud 15 %, …" (empty if none did). */
function left(variants: Summary['variants']): string {
  const shares = variants.map((v) => {
    const gone = v.metrics.trainingJobsAbandoned.mean, done = v.metrics.trainingJobsCompleted.mean;
    return { name: v.name, share: gone + done > 0 ? gone / (gone + done) : 0 };
  });
  if (!shares.some((s) => s.share > 0)) return '';
  return ` · customers who left instead: ${shares.map((s) => `${s.name} ${(100 * s.share).toFixed(s.share < 0.1 ? 1 : 0)}\u00a0%`).join(', ')}`;
}

export function gpuQueueChart(summary: Summary): Chart | undefined {
  const withJobs = summary.variants.filter((v) => v.metrics.trainingWaitMeanH.n > 0);
  if (withJobs.length === 0) return undefined;
  const values = withJobs.flatMap((v) =>
    MEASURES.map(([metric, measure]) => ({ variant: v.name, measure, hours: v.metrics[metric].mean, lower: v.metrics[metric].lower, upper: v.metrics[metric].upper })),
  );
  return {
    name: 'gpu-queue',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: chartTitle('How long do training jobs wait for GPUs?', `wait before a job first starts, of the jobs that start: mean over replications of each run’s mean and 95th percentile, with 95 % intervals${left(withJobs)}`, 620),
      config: CHART_CONFIG,
      width: 420,
      height: { step: 16 },
      data: { values },
      encoding: {
        y: { field: 'variant', type: 'nominal', title: null, sort: withJobs.map((v) => v.name) },
        yOffset: { field: 'measure', sort: MEASURES.map(([, m]) => m) },
      },
      layer: [
        {
          mark: 'bar',
          encoding: {
            x: { field: 'hours', type: 'quantitative', title: 'Wait (hours)' },
            color: { field: 'measure', type: 'nominal', title: 'Training jobs', scale: { domain: MEASURES.map(([, m]) => m), range: MEASURES.map(([, , c]) => c) } },
            tooltip: [{ field: 'variant', title: 'Layout' }, { field: 'measure', title: 'Measure' }, { field: 'hours', title: 'Wait (hours)', format: ',.1f' }, { field: 'lower', title: 'interval from (hours)', format: ',.1f' }, { field: 'upper', title: 'to (hours)', format: ',.1f' }],
          },
        },
        { mark: { type: 'rule', color: '#333' }, encoding: { x: { field: 'lower', type: 'quantitative' }, x2: { field: 'upper' } } },
      ],
    } as never,
  };
}
