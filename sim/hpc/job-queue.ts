/**
 * Waiting jobs: one FIFO per class, as doubly linked lists through typed arrays, so a job can leave
 * from the middle (backfilled) in O(1). Iteration visits classes in priority order (0 first), each
 * oldest first: the order the scheduler serves them in.
 */
export class JobQueue {
  private next: Int32Array;
  private prev: Int32Array;
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly lengths: Int32Array;

  constructor(readonly classes: number, capacity = 1024) {
    this.next = new Int32Array(capacity).fill(-1);
    this.prev = new Int32Array(capacity).fill(-1);
    this.head = new Int32Array(classes).fill(-1);
    this.tail = new Int32Array(classes).fill(-1);
    this.lengths = new Int32Array(classes);
  }

  /** Jobs waiting in class `c`. */
  length(c: number): number {
    return this.lengths[c];
  }

  get total(): number {
    let n = 0;
    for (let c = 0; c < this.classes; c++) n += this.lengths[c];
    return n;
  }

  pushBack(c: number, job: number): void {
    this.ensure(job);
    this.prev[job] = this.tail[c];
    this.next[job] = -1;
    if (this.tail[c] >= 0) this.next[this.tail[c]] = job;
    else this.head[c] = job;
    this.tail[c] = job;
    this.lengths[c]++;
  }

  /** A preempted job goes back to the front of its class: it was there before the others. */
  pushFront(c: number, job: number): void {
    this.ensure(job);
    this.next[job] = this.head[c];
    this.prev[job] = -1;
    if (this.head[c] >= 0) this.prev[this.head[c]] = job;
    else this.tail[c] = job;
    this.head[c] = job;
    this.lengths[c]++;
  }

  remove(c: number, job: number): void {
    const p = this.prev[job], n = this.next[job];
    if (p >= 0) this.next[p] = n;
    else this.head[c] = n;
    if (n >= 0) this.prev[n] = p;
    else this.tail[c] = p;
    this.next[job] = this.prev[job] = -1;
    this.lengths[c]--;
  }

  /** The first waiting job of the highest-priority non-empty class, or −1. */
  first(): number {
    for (let c = 0; c < this.classes; c++) if (this.head[c] >= 0) return this.head[c];
    return -1;
  }

  /** The job after `job` in service order (continuing into lower classes), or −1. */
  after(job: number, c: number): number {
    if (this.next[job] >= 0) return this.next[job];
    for (let k = c + 1; k < this.classes; k++) if (this.head[k] >= 0) return this.head[k];
    return -1;
  }

  /** Makes room for jobs numbered below `capacity` at once. */
  reserve(capacity: number): void {
    if (capacity > 0) this.ensure(capacity - 1);
  }

  private ensure(job: number): void {
    if (job < this.next.length) return;
    let n = this.next.length;
    while (n <= job) n *= 2;
    const next = new Int32Array(n).fill(-1), prev = new Int32Array(n).fill(-1);
    next.set(this.next);
    prev.set(this.prev);
    this.next = next;
    this.prev = prev;
  }
}
