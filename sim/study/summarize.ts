/** Rows → Summary: per variant and metric, the mean and its confidence interval. */
import { METRIC_LABELS, METRICS, type MetricName } from '../campus/metrics.js';
import { meanInterval } from '../core/stats/mean-interval.js';
import { RunningStats } from '../core/stats/running-stats.js';
import type { Row } from './replicate.js';

export interface MetricSummary {
  mean: number;
  /** Bounds of the two-sided Student-t interval for the mean at the study's confidence. */
  lower: number;
  upper: number;
  halfWidth: number;
  sd: number;
  min: number;
  max: number;
}

export interface VariantSummary {
  name: string;
  replications: number;
  metrics: Record<MetricName, MetricSummary>;
}

export interface Summary {
  scenario: string;
  scenarioHash: string;
  seed: number;
  replications: number;
  confidence: number;
  baseline: string;
  interval: string;
  metrics: Record<MetricName, string>;
  variants: VariantSummary[];
}

export interface SummaryContext {
  scenario: string;
  scenarioHash: string;
  seed: number;
  confidence: number;
  baseline: string;
  variants: readonly string[];
}

export function summarize(rows: readonly Row[], ctx: SummaryContext): Summary {
  const byVariant = new Map(ctx.variants.map((v) => [v, Object.fromEntries(METRICS.map((m) => [m, new RunningStats()])) as Record<MetricName, RunningStats>]));
  for (const row of rows) {
    const stats = byVariant.get(row.variant)!;
    for (const m of METRICS) stats[m].push(row.metrics[m]);
  }
  const variants = ctx.variants.map((name) => {
    const stats = byVariant.get(name)!;
    const metrics = Object.fromEntries(
      METRICS.map((m) => {
        const ci = meanInterval(stats[m], ctx.confidence);
        const s: MetricSummary = { mean: ci.mean, lower: ci.lower, upper: ci.upper, halfWidth: ci.halfWidth, sd: stats[m].standardDeviation, min: stats[m].min, max: stats[m].max };
        return [m, s];
      }),
    ) as Record<MetricName, MetricSummary>;
    return { name, replications: stats[METRICS[0]].count, metrics };
  });
  return {
    scenario: ctx.scenario,
    scenarioHash: ctx.scenarioHash,
    seed: ctx.seed,
    replications: variants[0]?.replications ?? 0,
    confidence: ctx.confidence,
    baseline: ctx.baseline,
    interval: 'mean ± t(1 − (1 − confidence)/2, n − 1) · s/√n (Student t)',
    metrics: METRIC_LABELS,
    variants,
  };
}
