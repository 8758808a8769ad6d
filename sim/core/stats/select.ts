/**
 * Order statistics without sorting: the k-th smallest of the first n values, found in place by
 * quickselect (Hoare's FIND, 1961) with a median-of-three pivot — linear time on average, where a
 * sort of a 100,000-job sample to read one percentile would be n log n.
 */

/** The k-th smallest (0-based) of a[0 … n−1]; reorders those values. */
export function kthSmallest(a: Float64Array, n: number, k: number): number {
  if (!(k >= 0 && k < n)) throw new RangeError(`rank ${k} is outside 0…${n - 1}`);
  let lo = 0, hi = n - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    // Median of three as the pivot: sorted or reversed input stays linear.
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** A growable sample of doubles in a typed array (no boxed numbers, no per-push allocation). */
export class SampleBuffer {
  private values = new Float64Array(1024);
  count = 0;
  sum = 0;

  /** Makes room for `capacity` values at once. */
  reserve(capacity: number): void {
    if (capacity <= this.values.length) return;
    const grown = new Float64Array(capacity);
    grown.set(this.values.subarray(0, this.count));
    this.values = grown;
  }

  push(x: number): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = x;
    this.sum += x;
  }

  /** The ⌈p·n⌉-th smallest value (the empirical p-quantile, inverse-CDF definition); NaN when empty. Reorders the sample. */
  quantile(p: number): number {
    if (this.count === 0) return NaN;
    return kthSmallest(this.values, this.count, Math.min(this.count - 1, Math.max(0, Math.ceil(p * this.count) - 1)));
  }
}
