/**
 * The regression gate's decisions, kept free of timing so they can be tested with made-up figures.
 *
 * A gated figure fails when its normalised value is more than MARGIN below the baseline's. A figure
 * that looks like a failure is measured again, up to REMEASURES times, after the rest of the suite
 * (so the new measurement falls in a different moment of the machine's load), and it passes as soon
 * as one measurement is within the margin: a busy neighbour slows a benchmark far more often than it
 * flatters one, so the best measurement is the least disturbed, and a real slowdown is slow every time.
 */

/**
 * The largest drop below the baseline that still passes: 25 %. Measured here on a busy machine, the
 * gated figures of five unchanged full suites stayed within −20 % and +19 % of the baseline, while
 * an event loop made 2× slower took the hold figures 49 % below it.
 */
export const MARGIN = 0.25;
/** Measurements after the first before a suspect figure fails. */
export const REMEASURES = 2;
/** Re-measurements run this many times as many runs as the first, for a steadier median. */
export const REMEASURE_RUNS_FACTOR = 2;

export type Verdict = 'pass' | 'fail' | 'new';

export interface Comparison {
  name: string;
  /** Unit of the normalised figure. */
  unit: string;
  /** The baseline's normalised figure; undefined for a figure the baseline does not have yet. */
  baseline?: number;
  /** The normalised figure of each measurement in order: the first, then the re-measurements. */
  attempts: number[];
  /** The best attempt ÷ baseline − 1: −0.3 is 30 % slower. */
  change?: number;
  verdict: Verdict;
}

/** Compares a figure's measurements so far with its baseline. */
export function compare(name: string, unit: string, baseline: number | undefined, attempts: readonly number[], margin = MARGIN): Comparison {
  if (attempts.length === 0) throw new Error(`${name}: nothing measured to compare`);
  if (baseline === undefined) return { name, unit, attempts: [...attempts], verdict: 'new' };
  if (!(baseline > 0)) throw new Error(`${name}: baseline ${baseline} is not a positive figure`);
  const change = Math.max(...attempts) / baseline - 1;
  return { name, unit, baseline, attempts: [...attempts], change, verdict: change < -margin ? 'fail' : 'pass' };
}

/** Whether a comparison that fails so far should be measured again before it counts. */
export function shouldRemeasure(c: Comparison, remeasures = REMEASURES): boolean {
  return c.verdict === 'fail' && c.attempts.length <= remeasures;
}

/**
 * Measures the figures that fail so far again, each round after all the others, until they pass or
 * have been measured 1 + `remeasures` times; `measure` returns a new normalised figure by name.
 */
export function remeasureSuspects(
  comparisons: readonly Comparison[],
  measure: (name: string) => number,
  { remeasures = REMEASURES, margin = MARGIN, onRound = (_round: number, _names: string[]) => {} } = {},
): Comparison[] {
  let current = [...comparisons];
  for (let round = 1; ; round++) {
    const suspects = current.filter((c) => shouldRemeasure(c, remeasures));
    if (suspects.length === 0) return current;
    onRound(round, suspects.map((c) => c.name));
    current = current.map((c) => (suspects.includes(c) ? compare(c.name, c.unit, c.baseline, [...c.attempts, measure(c.name)], margin) : c));
  }
}

/** The gate passes when no figure fails. */
export function gatePasses(comparisons: readonly Comparison[]): boolean {
  return comparisons.every((c) => c.verdict !== 'fail');
}

/** Baseline figures that no benchmark of the suite measures any more (renamed or removed): the gate has lost them. */
export function orphanedBaselineFigures(baselineNames: readonly string[], suiteNames: readonly string[]): string[] {
  const known = new Set(suiteNames);
  return baselineNames.filter((n) => !known.has(n));
}
