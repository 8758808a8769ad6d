import type { RandomStream } from '../stream.js';
import { type Distribution, isFiniteNumber, requireParameter } from './distribution.js';

/** Tolerance on Σp = 1, loose enough for probabilities written with a few decimals in a file. */
const SUM_TOLERANCE = 1e-6;

/**
 * A finite distribution over `values` with the given probabilities, sampled in O(1) by Walker's alias
 * method as built by Vose (IEEE Trans. Software Eng. 17(9), 1991).
 */
export class Discrete implements Distribution {
  readonly label: string;
  readonly mean: number;
  readonly variance: number;
  readonly values: Float64Array;
  private readonly keep: Float64Array;
  private readonly alias: Int32Array;

  constructor(values: readonly number[], probabilities: readonly number[]) {
    const n = values.length;
    requireParameter(n > 0, 'discrete', 'values', '[]', 'a non-empty list');
    requireParameter(probabilities.length === n, 'discrete', 'probabilities', `${probabilities.length} entries`, `${n} entries, one per value`);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      requireParameter(isFiniteNumber(values[i]), 'discrete', `values[${i}]`, values[i], 'a finite number');
      const p = probabilities[i];
      requireParameter(isFiniteNumber(p) && p >= 0, 'discrete', `probabilities[${i}]`, p, 'a finite number ≥ 0');
      sum += p;
    }
    requireParameter(Math.abs(sum - 1) <= SUM_TOLERANCE, 'discrete', 'probabilities', `a sum of ${sum}`, 'a list summing to 1');
    this.values = Float64Array.from(values);
    this.label = `discrete(${n} values)`;
    let mean = 0, second = 0;
    for (let i = 0; i < n; i++) {
      const p = probabilities[i] / sum;
      mean += p * values[i];
      second += p * values[i] * values[i];
    }
    this.mean = mean;
    this.variance = Math.max(0, second - mean * mean);

    // Vose: split scaled probabilities into those below and above 1, pair each small with a large.
    this.keep = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = probabilities.map((p) => (p / sum) * n);
    const small: number[] = [], large: number[] = [];
    scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!, l = large.pop()!;
      this.keep[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    for (const i of large) { this.keep[i] = 1; this.alias[i] = i; }
    for (const i of small) { this.keep[i] = 1; this.alias[i] = i; } // only rounding leaves any here
  }

  /** Index of the drawn value (0 … n−1). */
  sampleIndex(rng: RandomStream): number {
    const i = Math.floor(rng.next() * this.keep.length);
    return rng.next() < this.keep[i] ? i : this.alias[i];
  }

  sample(rng: RandomStream): number {
    return this.values[this.sampleIndex(rng)];
  }
}
