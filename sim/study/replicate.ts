/**
 * One replication: draw the world once, then run every variant against it (common random numbers).
 * A replication depends on (scenario, seed, replication index) alone, never on which worker or
 * shard runs it. Its results are packed flat so they cross thread boundaries cheaply.
 */
import { type CampusOptions, runCampus } from '../campus/campus.js';
import { METRICS, type Metrics } from '../campus/metrics.js';
import { monthsIn, VARIANT_SERIES, worldMonthly } from '../campus/series.js';
import { drawWorld } from '../campus/world.js';
import type { Scenario, VariantConfig } from '../scenario/types.js';

export interface Row {
  replication: number;
  variant: string;
  metrics: Metrics;
}

/** A replication's results: metrics[v · METRICS + k], worldSeries[s · months + m], variantSeries[(v · VS + s) · months + m]. */
export interface ReplicationResult {
  replication: number;
  metrics: Float64Array;
  worldSeries: Float64Array;
  variantSeries: Float64Array;
}

export function replicate(scenario: Scenario, variants: readonly VariantConfig[], seed: number, replication: number, options: CampusOptions = {}): ReplicationResult {
  const world = drawWorld(scenario.world, scenario.horizon, seed, replication);
  const months = monthsIn(scenario.horizon);
  const metrics = new Float64Array(variants.length * METRICS.length);
  const variantSeries = new Float64Array(variants.length * VARIANT_SERIES.length * months);
  variants.forEach((v, i) => {
    const result = runCampus(v, world, scenario.world, scenario.horizon, options);
    METRICS.forEach((m, k) => (metrics[i * METRICS.length + k] = result.metrics[m]));
    variantSeries.set(result.monthly, i * VARIANT_SERIES.length * months);
  });
  return { replication, metrics, worldSeries: worldMonthly(world, months), variantSeries };
}

/** The rows of a replication result, in variant order. */
export function rowsOf(result: ReplicationResult, variants: readonly string[]): Row[] {
  return variants.map((variant, i) => ({
    replication: result.replication,
    variant,
    metrics: Object.fromEntries(METRICS.map((m, k) => [m, result.metrics[i * METRICS.length + k]])) as Metrics,
  }));
}

