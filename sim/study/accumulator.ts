/**
 * What a study has so far: each finished replication's metrics (kept whole, so the summary's
 * quantiles are exact) and the bands' histograms (fixed size, so memory stays flat in the number of
 * replications for the time series). Adding replications in any order or split gives the same state.
 */
import { METRICS, type Metrics } from '../campus/metrics.js';
import { Bands } from './bands.js';
import type { ReplicationResult, Row } from './replicate.js';

export class Accumulator {
  readonly bands: Bands;
  private readonly metrics = new Map<number, Float64Array>();
  private readonly inputs = new Map<number, Float64Array>();

  constructor(readonly variants: readonly string[], readonly months: number, bands?: Bands) {
    this.bands = bands ?? new Bands(variants, months);
  }

  add(result: ReplicationResult): void {
    if (this.metrics.has(result.replication)) throw new RangeError(`replication ${result.replication} added twice`);
    this.metrics.set(result.replication, result.metrics);
    this.inputs.set(result.replication, result.inputs);
    this.bands.add(result.worldSeries, result.variantSeries);
  }

  /** Adds rows read back from a saved study (their bands come separately, with the histograms). */
  addRows(rows: readonly Row[]): void {
    const byReplication = new Map<number, Float64Array>();
    for (const row of rows) {
      const v = this.variants.indexOf(row.variant);
      if (v < 0) throw new RangeError(`saved rows name variant '${row.variant}', not in this study`);
      this.inputs.set(row.replication, row.inputs);
      let packed = byReplication.get(row.replication);
      if (!packed) byReplication.set(row.replication, (packed = new Float64Array(this.variants.length * METRICS.length)));
      METRICS.forEach((m, k) => (packed![v * METRICS.length + k] = row.metrics[m]));
    }
    for (const [r, packed] of byReplication) {
      if (this.metrics.has(r)) throw new RangeError(`replication ${r} added twice`);
      this.metrics.set(r, packed);
    }
  }

  has(replication: number): boolean {
    return this.metrics.has(replication);
  }

  get count(): number {
    return this.metrics.size;
  }

  /** Replication indices held, ascending. */
  replications(): number[] {
    return [...this.metrics.keys()].sort((a, b) => a - b);
  }

  /** Rows in (replication, variant) order, optionally only replications below `limit`. */
  rows(limit = Infinity): Row[] {
    const out: Row[] = [];
    for (const r of this.replications()) {
      if (r >= limit) break;
      const packed = this.metrics.get(r)!;
      this.variants.forEach((variant, v) => {
        out.push({ replication: r, variant, metrics: Object.fromEntries(METRICS.map((m, k) => [m, packed[v * METRICS.length + k]])) as Metrics, inputs: this.inputs.get(r)! });
      });
    }
    return out;
  }

  /** One metric of one variant over replications 0 … limit − 1 (those present). */
  column(variant: number, metric: number, limit: number): Float64Array {
    const out: number[] = [];
    for (const r of this.replications()) {
      if (r >= limit) break;
      out.push(this.metrics.get(r)![variant * METRICS.length + metric]);
    }
    return Float64Array.from(out);
  }
}
