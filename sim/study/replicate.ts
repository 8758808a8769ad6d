/**
 * One replication: draw the world once, then run every variant against it (common random numbers).
 * A replication depends on (scenario, seed, replication index) alone, never on which worker or
 * shard runs it.
 */
import { runCampus } from '../campus/campus.js';
import type { Metrics } from '../campus/metrics.js';
import { drawWorld } from '../campus/world.js';
import type { Scenario, VariantConfig } from '../scenario/types.js';

export interface Row {
  replication: number;
  variant: string;
  metrics: Metrics;
}

export function replicate(scenario: Scenario, variants: readonly VariantConfig[], seed: number, replication: number): Row[] {
  const world = drawWorld(scenario.world, scenario.horizon, seed, replication);
  return variants.map((v) => ({ replication, variant: v.name, metrics: runCampus(v, world, scenario.world, scenario.horizon) }));
}
