/**
 * The regression gate's decisions, kept free of timing so they can be tested with made-up pairs.
 *
 * The gate compares the change with a reference commit measured side by side, on the same machine
 * in the same run: each gated benchmark runs in pairs of fresh processes, one for the change and
 * one for the reference, at the same time (side-by-side.ts), and each pair's ratio (change ÷
 * reference) is the change's speed in the conditions of that moment. The machine's speed, its
 * caches and its load reach both halves of a pair alike and cancel in the ratio; a burst that hits
 * one process spoils one pair, which the median of the ratios drops.
 *
 * A figure whose median ratio is at least 1 − MARGIN passes. One below it is measured again with
 * more pairs and fails only when the pairs show it is slower than that beyond doubt: a one-sided
 * sign test (most pairs below the floor, at level ALPHA). On a busy machine, where single pairs
 * scatter by a fifth or more, a drop of 10 % can stay unproven: the figure is then reported as
 * unclear, which does not fail the gate — a gate that failed on noise would refuse correct changes
 * — while a real slowdown of a third, slow in every pair, fails however busy the machine is.
 */
import { quantileSorted } from '../sim/core/stats/quantiles.js';

/** The largest drop below the reference that passes outright: 10 %. */
export const MARGIN = 0.1;
/** The sign test's level: the chance that an unchanged benchmark fails, were its pairs as likely below the floor as above. */
export const ALPHA = 0.01;
/** Rounds of re-measurement (each with REMEASURE_PAIRS_FACTOR × the first round's pairs) before a suspect is judged. */
export const REMEASURES = 1;
export const REMEASURE_PAIRS_FACTOR = 2;

/** One pair of processes: each side's rate (bigger is faster), and which was started first. */
export interface Pair {
  change: number;
  reference: number;
  changeFirst: boolean;
}

/** A slowdown a commit accepts on purpose, with its reason: see accepted-slowdowns.ts. */
export interface Allowance {
  /** The lowest ratio (change ÷ reference) that passes, instead of 1 − MARGIN. */
  lowest: number;
  why: string;
}

/** pass: median within the margin; fail: proven slower than the floor; unclear: below it, not proven; new: the reference lacks it. */
export type Verdict = 'pass' | 'fail' | 'unclear' | 'new';

export interface Judgement {
  name: string;
  unit: string;
  /** Every pair measured, the first round's first. */
  pairs: Pair[];
  /** The median of the pairs' ratios (change ÷ reference); undefined for a figure the reference does not measure. */
  ratio?: number;
  /** The smallest and largest pair ratio. */
  low?: number;
  high?: number;
  /** Pairs whose ratio is below the floor. */
  below?: number;
  /** The lowest ratio that passes. */
  floor: number;
  /** Why the floor is below 1 − margin, when a commit accepted the slowdown. */
  accepted?: string;
  verdict: Verdict;
}

/** The ratio of each pair: change ÷ reference. */
export function pairRatios(pairs: readonly Pair[]): number[] {
  return pairs.map((p) => {
    if (!(p.change > 0 && p.reference > 0)) throw new Error(`a pair's rates must be positive, got ${p.change} and ${p.reference}`);
    return p.change / p.reference;
  });
}

/**
 * The verdict on a figure's pairs so far. `pairs` undefined: the reference commit has no such
 * benchmark (a new one), which is reported and never fails.
 */
export function judge(name: string, unit: string, pairs: readonly Pair[] | undefined, { margin = MARGIN, alpha = ALPHA, allowance }: { margin?: number; alpha?: number; allowance?: Allowance } = {}): Judgement {
  const floor = allowance ? Math.min(allowance.lowest, 1 - margin) : 1 - margin;
  const accepted = allowance && allowance.lowest < 1 - margin ? allowance.why : undefined;
  if (pairs === undefined) return { name, unit, pairs: [], floor, verdict: 'new' };
  if (pairs.length === 0) throw new Error(`${name}: no pairs measured to judge`);
  const sorted = pairRatios(pairs).sort((a, b) => a - b);
  const ratio = quantileSorted(sorted, 0.5);
  const below = sorted.filter((r) => r < floor).length;
  const verdict = ratio >= floor ? 'pass' : signTestRejects(below, sorted.length, alpha) ? 'fail' : 'unclear';
  return { name, unit, pairs: [...pairs], ratio, low: sorted[0], high: sorted[sorted.length - 1], below, floor, accepted, verdict };
}

/**
 * Whether `below` of `n` pairs under the floor prove the median ratio is under it: the one-sided
 * sign test, P(Binomial(n, ½) ≥ below) ≤ alpha. Were the median at the floor, each pair would fall
 * below it with probability ½ (Conover, Practical Nonparametric Statistics, §3.4).
 */
export function signTestRejects(below: number, n: number, alpha = ALPHA): boolean {
  let tail = 0;
  for (let k = below; k <= n; k++) tail += binomial(n, k);
  return tail / 2 ** n <= alpha;
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

/**
 * Measures the figures below the floor so far (failed or unclear) again — `measure` returns new
 * pairs by name — and judges each on all its pairs, until they pass or have had `remeasures` rounds.
 */
export async function remeasureSuspects(
  judgements: readonly Judgement[],
  measure: (name: string) => Pair[] | Promise<Pair[]>,
  options: { remeasures?: number; margin?: number; alpha?: number; allowanceOf?: (name: string) => Allowance | undefined; onRound?: (round: number, names: string[]) => void } = {},
): Promise<Judgement[]> {
  const { remeasures = REMEASURES, margin = MARGIN, alpha = ALPHA, allowanceOf = () => undefined, onRound = () => {} } = options;
  let current = [...judgements];
  for (let round = 1; round <= remeasures; round++) {
    const suspects = current.filter((j) => j.verdict === 'fail' || j.verdict === 'unclear');
    if (suspects.length === 0) break;
    onRound(round, suspects.map((j) => j.name));
    const next: Judgement[] = [];
    for (const j of current) next.push(suspects.includes(j) ? judge(j.name, j.unit, [...j.pairs, ...(await measure(j.name))], { margin, alpha, allowance: allowanceOf(j.name) }) : j);
    current = next;
  }
  return current;
}

/** The gate passes when no figure fails. */
export function gatePasses(judgements: readonly Judgement[]): boolean {
  return judgements.every((j) => j.verdict !== 'fail');
}

/**
 * Which build starts first in each of `pairs` pairs: the change in even pairs, the reference in
 * odd ones, so that whatever favours the process started first (or second) favours each side
 * equally often.
 */
export function pairOrder(pairs: number): boolean[] {
  return Array.from({ length: pairs }, (_, k) => k % 2 === 0);
}
