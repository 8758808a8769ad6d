/**
 * Streaming mean and variance by Welford's update (Knuth TAOCP vol. 2 §4.2.2), mergeable by Chan,
 * Golub & LeVeque's pairwise formula so shards and workers can combine partial results.
 */
export class RunningStats {
  count = 0;
  mean = 0;
  min = Infinity;
  max = -Infinity;
  private m2 = 0;

  push(x: number): void {
    this.count++;
    const delta = x - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  /** Folds another accumulator into this one, as if its values had been pushed here. */
  merge(other: RunningStats): void {
    if (other.count === 0) return;
    if (this.count === 0) {
      this.count = other.count;
      this.mean = other.mean;
      this.m2 = other.m2;
      this.min = other.min;
      this.max = other.max;
      return;
    }
    const n = this.count + other.count;
    const delta = other.mean - this.mean;
    this.mean += (delta * other.count) / n;
    this.m2 += other.m2 + (delta * delta * this.count * other.count) / n;
    this.count = n;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
  }

  /** Sample variance (n − 1 denominator); NaN below two values. */
  get variance(): number {
    return this.count > 1 ? this.m2 / (this.count - 1) : NaN;
  }

  get standardDeviation(): number {
    return Math.sqrt(this.variance);
  }

  /** Standard error of the mean. */
  get standardError(): number {
    return Math.sqrt(this.variance / this.count);
  }
}
