/**
 * Running jobs kept sorted by their expected end: EASY backfill reads off when enough GPUs will be
 * free for the job at the head of the queue by walking this list from the soonest end. Insertion
 * shifts a typed array (fast for the hundreds of jobs a campus runs at once).
 */
export class RunningSet {
  private jobs = new Int32Array(256);
  private ends = new Float64Array(256);
  size = 0;

  insert(job: number, endH: number): void {
    if (this.size === this.jobs.length) {
      const j = new Int32Array(this.size * 2), e = new Float64Array(this.size * 2);
      j.set(this.jobs);
      e.set(this.ends);
      this.jobs = j;
      this.ends = e;
    }
    // Binary search for the first entry ending after endH (ties keep insertion order).
    let lo = 0, hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ends[mid] <= endH) lo = mid + 1;
      else hi = mid;
    }
    this.jobs.copyWithin(lo + 1, lo, this.size);
    this.ends.copyWithin(lo + 1, lo, this.size);
    this.jobs[lo] = job;
    this.ends[lo] = endH;
    this.size++;
  }

  /** Removes `job`, which was inserted with end `endH`: found by binary search, not a scan. */
  remove(job: number, endH: number): void {
    let lo = 0, hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ends[mid] < endH) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.size && this.ends[i] === endH; i++) {
      if (this.jobs[i] === job) {
        this.jobs.copyWithin(i, i + 1, this.size);
        this.ends.copyWithin(i, i + 1, this.size);
        this.size--;
        return;
      }
    }
    throw new RangeError(`job ${job} is not running`);
  }

  job(i: number): number {
    return this.jobs[i];
  }

  end(i: number): number {
    return this.ends[i];
  }
}
