/**
 * A tornado in dollars: for each driver — an uncertain input's draw, or what the world turned out to
 * be (BTC's move, the network's growth, spot power, outage hours) — the mean of a metric over the
 * replications whose driver fell in its bottom tenth, against the mean over those in its top tenth.
 * The swing (top − bottom) says what that driver's luck is worth; the Welch interval says how much
 * of it is noise. It reads off the same replications as everything else: nothing is re-run with one
 * input moved, so the world's drivers, which nobody sets, are ranked beside the declared inputs.
 *
 * Tails by rank, with ties kept together: a replication is in the bottom tail when its value is at
 * most the ⌈0.1·n⌉-th smallest, in the top when at least the ⌈0.1·n⌉-th largest. A driver whose
 * tails meet (a constant, or too few distinct values) has no bar. The deciles are @RISK's "change in
 * output mean" bins (ten of equal count; Palisade KB 7.10), but only the two end bins are compared,
 * so a bar's sign says which way the driver pushes instead of spanning the lowest and highest bin.
 */
import { studentTQuantile } from '../core/stats/student-t.js';

export const TORNADO_TAIL = 0.1;

/** A driver as the tornado shows it: where it comes from and its mean in each tail. */
export interface TornadoDriver {
  /** An input's key path, or a world driver's name. */
  id: string;
  kind: 'input' | 'world';
  /** Mean of the driver's own values in its bottom and top tails. */
  low: number;
  high: number;
}

/** One bar: the metric's mean in the driver's bottom and top tails, their difference and its interval. */
export interface TornadoBar {
  driver: string;
  low: number;
  high: number;
  /** high − low. */
  swing: number;
  /** Welch interval half-width of the swing at the study's confidence. */
  halfWidth: number;
  /** Replications in each tail (ties can make them more than ⌈0.1·n⌉). */
  nLow: number;
  nHigh: number;
}

export interface Tornado {
  metric: string;
  tail: number;
  method: string;
  drivers: TornadoDriver[];
  /** Per variant: its metric, and its paired difference from the baseline (absent for the baseline). */
  variants: Array<{ name: string; bars: TornadoBar[]; versusBaseline?: TornadoBar[] }>;
}

/** A driver's values over the replications, in replication order (NaN: no value in that replication). */
export interface DriverColumn {
  id: string;
  kind: 'input' | 'world';
  values: Float64Array;
  /** Variants whose runs read it (all when absent). */
  variants?: readonly string[];
}

/** The replications in a driver's bottom and top tails, or undefined when they meet. */
export function driverTails(values: Float64Array, tail = TORNADO_TAIL): { low: number[]; high: number[] } | undefined {
  const known = Array.from(values.keys()).filter((i) => !Number.isNaN(values[i]));
  const n = known.length;
  if (n < 4) return undefined;
  const sorted = known.map((i) => values[i]).sort((a, b) => a - b);
  const k = Math.ceil(tail * n);
  const lowAt = sorted[k - 1], highAt = sorted[n - k];
  if (!(lowAt < highAt)) return undefined;
  return { low: known.filter((i) => values[i] <= lowAt), high: known.filter((i) => values[i] >= highAt) };
}

/**
 * The tornado of `metric` per variant (columns in replication order) and of each variant's paired
 * difference from `baseline`.
 */
export function tornado(
  metric: string,
  columns: ReadonlyMap<string, Float64Array>,
  variants: readonly string[],
  baseline: string,
  drivers: readonly DriverColumn[],
  confidence: number,
): Tornado | undefined {
  const shown: TornadoDriver[] = [];
  const tails = new Map<string, { low: number[]; high: number[] }>();
  for (const d of drivers) {
    const t = driverTails(d.values);
    if (!t) continue;
    tails.set(d.id, t);
    shown.push({ id: d.id, kind: d.kind, low: mean(t.low.map((i) => d.values[i])), high: mean(t.high.map((i) => d.values[i])) });
  }
  if (shown.length === 0) return undefined;
  const base = columns.get(baseline);
  const readsIt = (d: DriverColumn, v: string) => !d.variants || d.variants.includes(v);
  const barsOf = (ys: Float64Array, v: string, ownOnly: boolean): TornadoBar[] =>
    drivers.flatMap((d) => {
      const t = tails.get(d.id);
      // An input this variant never reads cannot move it: no bar (for a difference, neither side may read it).
      if (!t || (ownOnly ? !readsIt(d, v) : !readsIt(d, v) && !readsIt(d, baseline))) return [];
      const bar = swing(d.id, t, ys, confidence);
      return bar ? [bar] : [];
    });
  return {
    metric,
    tail: TORNADO_TAIL,
    method: `mean of the metric over the replications whose driver is in its bottom ${TORNADO_TAIL * 100} % against those in its top ${TORNADO_TAIL * 100} % (by rank, ties kept together); swing = top − bottom, with a ${confidence * 100} % Welch interval`,
    drivers: shown,
    variants: variants.map((name) => {
      const ys = columns.get(name)!;
      const entry: Tornado['variants'][number] = { name, bars: barsOf(ys, name, true) };
      if (base && name !== baseline) entry.versusBaseline = barsOf(ys.map((y, i) => y - base[i]), name, false);
      return entry;
    }),
  };
}

function swing(driver: string, t: { low: number[]; high: number[] }, ys: Float64Array, confidence: number): TornadoBar | undefined {
  const lo = t.low.map((i) => ys[i]).filter((y) => !Number.isNaN(y));
  const hi = t.high.map((i) => ys[i]).filter((y) => !Number.isNaN(y));
  if (lo.length < 2 || hi.length < 2) return undefined;
  const a = variance(lo) / lo.length, b = variance(hi) / hi.length;
  // Welch–Satterthwaite degrees of freedom; identical values in both tails (a layout the driver cannot move) have no spread at all.
  const df = a + b > 0 ? (a + b) ** 2 / ((a * a) / (lo.length - 1) + (b * b) / (hi.length - 1)) : 1;
  const low = mean(lo), high = mean(hi);
  return { driver, low, high, swing: high - low, halfWidth: a + b > 0 ? studentTQuantile((1 + confidence) / 2, df) * Math.sqrt(a + b) : 0, nLow: lo.length, nHigh: hi.length };
}

function mean(xs: readonly number[]): number {
  let m = 0;
  for (let i = 0; i < xs.length; i++) m += (xs[i] - m) / (i + 1);
  return m;
}

function variance(xs: readonly number[]): number {
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) ** 2;
  return ss / (xs.length - 1);
}
