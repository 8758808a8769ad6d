/**
 * Jobs as rows of typed arrays (no object per job): what each job asks for, and where it stands.
 * Rows are never reused within a run, so a job's index is its identity for metrics and tests.
 */

/** ABANDONED: a customer who left, tired of waiting, before the job first started. */
export const QUEUED = 0, RUNNING = 1, DONE = 2, REJECTED = 3, ABANDONED = 4;

export class JobTable {
  count = 0;
  cls: Int8Array;
  gpus: Int32Array;
  /** Hours of work at its full width. */
  workH: Float64Array;
  /** Work saved at the last checkpoint, hours. */
  savedH: Float64Array;
  /** Hours between checkpoints (Infinity: none). */
  checkpointH: Float64Array;
  submitH: Float64Array;
  /** Start of the current run segment. */
  startH: Float64Array;
  /** Work done when the current segment started (= savedH then). */
  segmentBaseH: Float64Array;
  /** When the current segment will end if nothing interrupts it. */
  endH: Float64Array;
  state: Uint8Array;
  /** Wait before the job first started, hours (NaN until it starts). */
  firstWaitH: Float64Array;
  /** When its customer leaves if it has not started by then (Infinity: never). */
  deadlineH: Float64Array;

  constructor(capacity = 1024) {
    const n = Math.max(16, capacity);
    this.cls = new Int8Array(n);
    this.gpus = new Int32Array(n);
    this.workH = new Float64Array(n);
    this.savedH = new Float64Array(n);
    this.checkpointH = new Float64Array(n);
    this.submitH = new Float64Array(n);
    this.startH = new Float64Array(n);
    this.segmentBaseH = new Float64Array(n);
    this.endH = new Float64Array(n);
    this.state = new Uint8Array(n);
    this.firstWaitH = new Float64Array(n);
    this.deadlineH = new Float64Array(n);
  }

  add(cls: number, gpus: number, workH: number, checkpointH: number, submitH: number): number {
    if (this.count === this.cls.length) this.grow();
    const j = this.count++;
    this.cls[j] = cls;
    this.gpus[j] = gpus;
    this.workH[j] = workH;
    this.savedH[j] = 0;
    this.checkpointH[j] = checkpointH;
    this.submitH[j] = submitH;
    this.state[j] = QUEUED;
    this.firstWaitH[j] = NaN;
    this.deadlineH[j] = Infinity;
    return j;
  }

  /** Makes room for `capacity` jobs at once (one allocation instead of repeated doubling). */
  reserve(capacity: number): void {
    if (capacity > this.cls.length) this.grow(capacity);
  }

  private grow(n = this.cls.length * 2): void {
    const widen = <T extends Int8Array | Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.cls = widen(this.cls, (m) => new Int8Array(m));
    this.gpus = widen(this.gpus, (m) => new Int32Array(m));
    this.workH = widen(this.workH, (m) => new Float64Array(m));
    this.savedH = widen(this.savedH, (m) => new Float64Array(m));
    this.checkpointH = widen(this.checkpointH, (m) => new Float64Array(m));
    this.submitH = widen(this.submitH, (m) => new Float64Array(m));
    this.startH = widen(this.startH, (m) => new Float64Array(m));
    this.segmentBaseH = widen(this.segmentBaseH, (m) => new Float64Array(m));
    this.endH = widen(this.endH, (m) => new Float64Array(m));
    this.state = widen(this.state, (m) => new Uint8Array(m));
    this.firstWaitH = widen(this.firstWaitH, (m) => new Float64Array(m));
    this.deadlineH = widen(this.deadlineH, (m) => new Float64Array(m));
  }
}
