/** Repeats a measurement after a warm-up and reports the median and spread. */
export interface Figure {
  name: string;
  /** The median of the runs, in `unit`. */
  value: number;
  unit: string;
  median: number;
  min: number;
  max: number;
  runs: number;
  /** value ÷ the reference measured in the same invocation, when there is one. */
  ratio?: number;
  ratioTo?: string;
}

/** Calls `once` (which returns a rate: bigger is better) `warmups` times unrecorded, then `runs` times. */
export function measure(name: string, unit: string, once: () => number, runs: number, warmups = 1): Figure {
  for (let i = 0; i < warmups; i++) once();
  const values: number[] = [];
  for (let i = 0; i < runs; i++) values.push(once());
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  const median = values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  return { name, value: median, unit, median, min: values[0], max: values[values.length - 1], runs };
}

/** Seconds elapsed while `fn` runs. */
export function seconds(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}
