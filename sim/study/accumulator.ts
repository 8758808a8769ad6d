/**
 * What a study has so far: each finished replication's metrics (kept whole, so the summary's
 * quantiles are exact) and the bands' histograms (fixed size, so memory stays flat in the number of
 * replications for the time series). Adding replications in any order or split gives the same state.
 */
import { METRICS } from '../campus/metrics.js';
import { Bands } from './bands.js';
import type { PackedRow } from './checkpoints.js';
import { type ReplicationResult, type Row, rowsOf } from './replicate.js';

export class Accumulator {
  readonly bands: Bands;
  private readonly held = new Map<number, PackedRow>();

  constructor(readonly variants: readonly string[], readonly months: number, bands?: Bands) {
    this.bands = bands ?? new Bands(variants, months);
  }

  add(result: ReplicationResult): void {
    this.addRow(result.replication, result);
    this.bands.add(result.worldSeries, result.variantSeries);
  }

  /** Adds a replication's rows read back from a saved study (its bands come separately, with the histograms). */
  addRow(replication: number, row: PackedRow): void {
    if (this.held.has(replication)) throw new RangeError(`replication ${replication} added twice`);
    this.held.set(replication, { metrics: row.metrics, inputs: row.inputs, drivers: row.drivers, annual: row.annual, decisions: row.decisions });
  }

  has(replication: number): boolean {
    return this.held.has(replication);
  }

  get count(): number {
    return this.held.size;
  }

  /** Replication indices held, ascending. */
  replications(): number[] {
    return [...this.held.keys()].sort((a, b) => a - b);
  }

  /** Each replication's metrics, inputs, drivers and annual cash, as held. */
  packed(): ReadonlyMap<number, PackedRow> {
    return this.held;
  }

  /** Rows in (replication, variant) order, optionally only replications below `limit`. */
  rows(limit = Infinity): Row[] {
    const out: Row[] = [];
    for (const r of this.replications()) {
      if (r >= limit) break;
      out.push(...rowsOf({ replication: r, ...this.held.get(r)! }, this.variants));
    }
    return out;
  }

  /** One metric of one variant over replications 0 … limit − 1 (those present). */
  column(variant: number, metric: number, limit: number): Float64Array {
    const out: number[] = [];
    for (const r of this.replications()) {
      if (r >= limit) break;
      out.push(this.held.get(r)!.metrics[variant * METRICS.length + metric]);
    }
    return Float64Array.from(out);
  }
}
