/**
 * One replication: draw the world once, then run every variant against it (common random numbers).
 * A replication depends on (scenario, seed, replication index) alone, never on which worker or
 * shard runs it. Its results are packed flat so they cross thread boundaries cheaply.
 */
import { type CampusOptions, type CampusResult, runCampus } from '../campus/campus.js';
import { METRICS, type Metrics } from '../campus/metrics.js';
import { horizonMonths, VARIANT_SERIES, worldMonthly } from '../campus/series.js';
import { DECISIONS_PER_VARIANT } from '../campus/policies.js';
import { drawWorld } from '../campus/world.js';
import { worldDrivers } from '../campus/world-drivers.js';
import { incremental, NO_INCREMENT } from '../finance/incremental.js';
import { NPV_SEGMENTS, yearsIn } from '../finance/segments.js';
import type { Scenario, VariantConfig } from '../scenario/types.js';
import { drawInputs } from '../scenario/uncertain.js';

export interface Row {
  replication: number;
  variant: string;
  metrics: Metrics;
  /** The replication's draws of the uncertain inputs (the same in each of its rows). */
  inputs: Float64Array;
  /** What its world turned out to be (WORLD_DRIVERS; the same in each of its rows). */
  drivers: Float64Array;
  /** This variant's cash by NPV segment and year, then at the horizon: annual[s · (years + 1) + p]. */
  annual: Float64Array;
  /** Per decision rule of this variant: the hour it first fired (NaN: never) and how often, decisions[r · DECISION_FIELDS + k]. */
  decisions: Float64Array;
}

/** Numbers of a variant's annual cash by segment: NPV_SEGMENTS × (years + 1). */
export const annualLength = (months: number): number => NPV_SEGMENTS.length * (yearsIn(months) + 1);

/**
 * A replication's results: metrics[v · METRICS + k], worldSeries[s · months + m], variantSeries[(v · VS + s) · months + m],
 * annual[v · annualLength + …].
 */
export interface ReplicationResult {
  replication: number;
  metrics: Float64Array;
  worldSeries: Float64Array;
  variantSeries: Float64Array;
  /** The uncertain inputs' draws, in the scenario's order (empty when it has none). */
  inputs: Float64Array;
  drivers: Float64Array;
  annual: Float64Array;
  /** decisions[v · DECISIONS_PER_VARIANT + …]: each variant's rules (policies.ts). */
  decisions: Float64Array;
}

/**
 * The scenario as replication `replication` sees it: its uncertain inputs drawn first, each from its
 * own stream, and the scenario read again with them (itself when it has none).
 */
export function scenarioForReplication(scenario: Scenario, seed: number, replication: number): { resolved: Scenario; inputs: Float64Array } {
  if (scenario.uncertain.length === 0) return { resolved: scenario, inputs: new Float64Array(0) };
  const values = drawInputs(scenario.uncertain, seed, replication);
  return { resolved: scenario.withInputs(values), inputs: Float64Array.from(scenario.uncertain, (input) => values.get(input.id)!) };
}

/** The layout the others are judged against: the scenario's baseline when it is among `names`, else the first. */
export function baselineOf(scenario: Scenario, names: readonly string[]): string {
  return names.includes(scenario.study.baseline) ? scenario.study.baseline : names[0];
}

export function replicate(scenario: Scenario, chosen: readonly VariantConfig[], seed: number, replication: number, options: CampusOptions = {}): ReplicationResult {
  const { resolved, inputs } = scenarioForReplication(scenario, seed, replication);
  const variants = resolved === scenario ? chosen : chosen.map((v) => resolved.variants.find((x) => x.name === v.name)!);
  const world = drawWorld(resolved.world, scenario.horizon, seed, replication);
  const calendar = horizonMonths(scenario.horizon);
  const months = calendar.count;
  const metrics = new Float64Array(variants.length * METRICS.length);
  const variantSeries = new Float64Array(variants.length * VARIANT_SERIES.length * months);
  const annual = new Float64Array(variants.length * annualLength(months));
  const decisions = new Float64Array(variants.length * DECISIONS_PER_VARIANT);
  const results: CampusResult[] = variants.map((v) => runCampus(v, world, resolved.world, scenario.horizon, options));
  // Each layout against the baseline on this same world: the decision's cash flows.
  const b = variants.findIndex((v) => v.name === baselineOf(scenario, variants.map((x) => x.name)));
  results.forEach((result, i) => {
    const increment = i === b ? NO_INCREMENT : incremental(cashOf(result), cashOf(results[b]), variants[i].finance.discountRatePerYear);
    const all: Metrics = { ...result.metrics, ...increment };
    METRICS.forEach((m, k) => (metrics[i * METRICS.length + k] = all[m]));
    variantSeries.set(result.monthly, i * VARIANT_SERIES.length * months);
    annual.set(result.annualUSD, i * annualLength(months));
    decisions.set(result.decisions, i * DECISIONS_PER_VARIANT);
  });
  const drivers = worldDrivers(world, scenario.horizon.hours);
  return { replication, metrics, worldSeries: worldMonthly(world, calendar), variantSeries, inputs, drivers, annual, decisions };
}

const cashOf = (r: CampusResult) => ({ cashUSD: r.cashUSD, flowsUSD: r.flowsUSD, capexUSD: r.metrics.capexUSD, afterTaxFlowsUSD: r.afterTaxFlowsUSD, monthShares: r.monthShares });

/** The rows of a replication's results, in variant order. */
export function rowsOf(result: Pick<ReplicationResult, 'replication' | 'metrics' | 'inputs' | 'drivers' | 'annual' | 'decisions'>, variants: readonly string[]): Row[] {
  const per = result.annual.length / variants.length;
  return variants.map((variant, i) => ({
    replication: result.replication,
    variant,
    metrics: Object.fromEntries(METRICS.map((m, k) => [m, result.metrics[i * METRICS.length + k]])) as Metrics,
    inputs: result.inputs,
    drivers: result.drivers,
    annual: result.annual.subarray(i * per, (i + 1) * per),
    decisions: result.decisions.subarray(i * DECISIONS_PER_VARIANT, (i + 1) * DECISIONS_PER_VARIANT),
  }));
}

