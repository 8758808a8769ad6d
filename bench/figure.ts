/**
 * A figure: what one benchmark measured, as a rate and as a rate per million operations of the
 * reference heap measured alongside it. The rate depends on the machine and its load; the
 * normalised figure mostly does not, and is what the gate compares.
 */
import { pairedRatios, type PairedRuns, spread } from './measure.js';

export interface Figure {
  name: string;
  /** The median run, in `unit` (bigger is faster). */
  value: number;
  unit: string;
  median: number;
  min: number;
  max: number;
  runs: number;
  /** Work per million reference-heap operations done in the same time: the median of the paired ratios. */
  normalised?: number;
  normalisedUnit?: string;
  normalisedMin?: number;
  normalisedMax?: number;
  /** The reference loop it is normalised by: the shared script or campus-sim's own. */
  normalisedBy?: string;
  /** The median of the reference runs paired with this benchmark, in operations per second. */
  reference?: number;
  /** Whether `--check` measures it against the reference commit. */
  gated: boolean;
}

/** The figure of a benchmark from its runs paired with runs of the reference `normalisedBy`. */
export function toFigure(name: string, unit: string, gated: boolean, paired: PairedRuns, normalisedBy: string): Figure {
  const v = spread(paired.values);
  // The median of paired ratios, not the ratio of the medians: each ratio is taken under the load
  // of its own moment, so slow drift cancels within the pair and a burst spoils one pair, which the
  // median drops; the two medians could come from different moments.
  const ratios = spread(pairedRatios(paired).map((r) => r * 1e6));
  return {
    name,
    value: v.median,
    unit,
    ...v,
    normalised: ratios.median,
    normalisedUnit: `${unit.replace(/\/s$/, '')} per M ref ops`,
    normalisedMin: ratios.min,
    normalisedMax: ratios.max,
    normalisedBy,
    reference: spread(paired.references).median,
    gated,
  };
}

/** A figure that is not a rate but a ratio of two (a speed-up, a memory growth): one value, never gated. */
export function ratioFigure(name: string, value: number): Figure {
  return { name, value, unit: 'ratio', median: value, min: value, max: value, runs: 1, gated: false };
}
