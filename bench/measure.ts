/**
 * How one benchmark is measured: warm-up runs, then timed runs interleaved with runs of the
 * reference, so that a change of load on a shared machine reaches both.
 *
 *   warm-up …  ref₀  run₀  ref₁  run₁  ref₂  …  runₙ₋₁  refₙ
 *
 * Each run is paired with the geometric mean of the reference runs on either side of it: a load
 * that rises or falls steadily across the pair cancels, and a burst that hits only one run spoils
 * only that pair, which the median then discards.
 */
import { quantileSorted } from '../sim/core/stats/quantiles.js';

/** The median and spread of a set of runs. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error('spread of no values');
  const sorted = [...values].sort((a, b) => a - b);
  return { median: quantileSorted(sorted, 0.5), min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

/** The raw timings of one benchmark: `references` has one more entry than `values`. */
export interface PairedRuns {
  values: number[];
  references: number[];
}

/**
 * Calls `once` `warmups` times unrecorded, then `runs` times, calling `reference` before the first
 * run and after every run. Both return a rate (bigger is faster); `once` may be asynchronous.
 */
export async function measurePaired(once: () => number | Promise<number>, reference: () => number, runs: number, warmups: number): Promise<PairedRuns> {
  for (let i = 0; i < warmups; i++) await once();
  const references = [reference()];
  const values: number[] = [];
  for (let i = 0; i < runs; i++) {
    values.push(await once());
    references.push(reference());
  }
  return { values, references };
}

/** Each run ÷ the geometric mean of the reference runs just before and just after it. */
export function pairedRatios({ values, references }: PairedRuns): number[] {
  if (references.length !== values.length + 1) throw new Error(`${values.length} runs need ${values.length + 1} reference runs, got ${references.length}`);
  return values.map((v, i) => v / Math.sqrt(references[i] * references[i + 1]));
}

/** Seconds elapsed while `fn` runs. */
export function seconds(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}
