/**
 * The scheduler: which waiting jobs start, and which running job is preempted first.
 *
 * Jobs wait in one queue ordered by class priority (0 first), then by arrival. A pass starts the
 * head whenever it fits; with EASY backfill (Lifka 1995; Mu'alem & Feitelson 2001) a blocked head
 * gets a reservation — the earliest time enough GPUs will be free, from the running jobs' ends —
 * and later jobs may start now only if they end before it or use GPUs the head will not need then,
 * so the head is never delayed. The scan stops once it has passed over `backfillDepth` waiting jobs
 * it could not start, as production schedulers bound it.
 */
import type { Simulation } from '../core/engine.js';
import type { SchedulerSpec } from './cluster-spec.js';
import type { ClassTallies } from './cluster-metrics.js';
import type { GpuPool } from './gpu-pool.js';
import { JobQueue } from './job-queue.js';
import { type JobTable, QUEUED, RUNNING } from './job-table.js';
import { RunningSet } from './running-set.js';

export class Scheduler {
  readonly queue: JobQueue;
  readonly running = new RunningSet();
  /** When set, called with (head job, its reservation) each time backfill reserves for a head: lets tests check EASY's promise. */
  onReservation: ((job: number, reservedStartH: number) => void) | undefined = undefined;
  /**
   * The last backfill pass's reservation: the blocked head, its reserved start and the GPUs spare
   * then, made at the pool's `roomChanges` count `reservedAtChange`. While the count is unchanged
   * (no GPUs freed, no capacity change), a newcomer is the only job a new pass could start, so an
   * arrival checks just that job. −1: no reservation.
   */
  private reservedHead = -1;
  private reservedStartH = Infinity;
  private reservedExtraGpus = 0;
  private reservedAtChange = -1;
  private readonly fifo: boolean;
  private readonly backfillDepth: number;

  constructor(
    private readonly sim: Simulation,
    private readonly jobs: JobTable,
    private readonly pool: GpuPool,
    private readonly tallies: ClassTallies,
    spec: SchedulerSpec,
    classes: number,
    /** The narrowest job any class can submit: with fewer GPUs free, no pass can start anything. */
    private readonly minJobGpus: number,
    /** Called whenever a job starts or stops, so the cluster keeps its next-job-end event in step. */
    private readonly runningChanged: () => void,
  ) {
    this.queue = new JobQueue(classes, 4096);
    this.fifo = spec.policy === 'fifo';
    this.backfillDepth = spec.backfillDepth;
  }

  /** Makes room in the queue for `jobs` jobs at once. */
  reserve(jobs: number): void {
    this.queue.reserve(jobs);
  }

  /** Job j of class c joins the queue, and starts if it can. */
  submit(j: number, c: number): void {
    this.queue.pushBack(c, j);
    if (this.reservedHead >= 0 && this.reservedAtChange === this.pool.roomChanges && c >= this.jobs.cls[this.reservedHead]) this.backfillNewcomer(j, c);
    else this.pass();
  }

  /** Starts what fits now: the queue's head while it fits, then (EASY) backfill behind a blocked head. */
  pass(): void {
    const { jobs, queue, pool } = this;
    this.reservedHead = -1;
    let free = pool.capacity - pool.jobGpus - pool.heldGpus;
    if (free < this.minJobGpus) return;
    let j = queue.first();
    while (j >= 0 && jobs.gpus[j] <= free) {
      this.launch(j);
      free -= jobs.gpus[j];
      j = queue.first();
    }
    if (j < 0 || free < this.minJobGpus || this.fifo) return;

    // EASY: reserve for the blocked head, then backfill behind it without delaying that reservation.
    const need = jobs.gpus[j];
    let shadowH = Infinity, extra = free;
    if (need <= pool.capacity - pool.heldGpus) {
      let freed = free;
      for (let i = 0; i < this.running.size; i++) {
        freed += jobs.gpus[this.running.job(i)];
        if (freed >= need) {
          shadowH = this.running.end(i);
          extra = freed - need;
          break;
        }
      }
    }
    this.onReservation?.(j, shadowH);
    const now = this.sim.now;
    // The depth counts the jobs left waiting, so after a pass the first `backfillDepth` jobs behind
    // the head have all been tried against this reservation (what backfillNewcomer relies on).
    let k = queue.after(j, jobs.cls[j]);
    for (let scanned = 0; k >= 0 && scanned < this.backfillDepth && free >= this.minJobGpus; ) {
      const next = queue.after(k, jobs.cls[k]);
      const g = jobs.gpus[k];
      const endsInTime = now + (jobs.workH[k] - jobs.savedH[k]) <= shadowH;
      if (g <= free && (endsInTime || g <= extra)) {
        if (!endsInTime) extra -= g;
        this.launch(k);
        free -= g;
      } else {
        scanned++;
      }
      k = next;
    }
    this.reservedHead = j;
    this.reservedStartH = shadowH;
    this.reservedExtraGpus = extra;
    this.reservedAtChange = pool.roomChanges;
  }

  /**
   * A job arrived behind a blocked head whose reservation still holds. A full pass would try the
   * same jobs against the same reservation and GPUs, and turn down the same ones (time has only
   * moved on, which makes ending before the reservation harder), so only the newcomer is tried —
   * if it is within the depth a pass looks.
   */
  private backfillNewcomer(j: number, c: number): void {
    const { jobs, pool } = this;
    const g = jobs.gpus[j];
    if (g > pool.capacity - pool.jobGpus - pool.heldGpus) return;
    let ahead = -1; // jobs ahead of it in service order, the head included
    for (let k = 0; k <= c; k++) ahead += this.queue.length(k);
    if (ahead > this.backfillDepth) return;
    const endsInTime = this.sim.now + (jobs.workH[j] - jobs.savedH[j]) <= this.reservedStartH;
    if (endsInTime || g <= this.reservedExtraGpus) {
      if (!endsInTime) this.reservedExtraGpus -= g;
      this.launch(j);
    }
  }

  private launch(j: number): void {
    const { jobs } = this;
    const now = this.sim.now;
    const c = jobs.cls[j];
    this.queue.remove(c, j);
    if (Number.isNaN(jobs.firstWaitH[j])) {
      jobs.firstWaitH[j] = now - jobs.submitH[j];
      this.tallies.waits[c].push(jobs.firstWaitH[j]);
    }
    jobs.state[j] = RUNNING;
    jobs.startH[j] = now;
    jobs.segmentBaseH[j] = jobs.savedH[j];
    jobs.endH[j] = now + (jobs.workH[j] - jobs.savedH[j]);
    this.running.insert(j, jobs.endH[j]);
    this.runningChanged();
    this.pool.startJob(c, jobs.gpus[j], now);
  }

  /** Takes job j off its GPUs (done, or stopped to wait again). */
  release(j: number): void {
    const { jobs } = this;
    this.running.remove(j, jobs.endH[j]);
    this.runningChanged();
    this.pool.endJob(jobs.cls[j], jobs.gpus[j], this.sim.now);
  }

  /** A stopped job (preempted or failed, its saved work set) waits again at the front of its class: it was there before the others. */
  requeue(j: number): void {
    this.jobs.state[j] = QUEUED;
    this.queue.pushFront(this.jobs.cls[j], j);
  }

  /** The running job to preempt first among classes ≥ `fromClass`: lowest class, latest start; −1 if none. */
  lowestRunning(fromClass: number): number {
    if (!this.pool.runsBelow(fromClass - 1)) return -1;
    const { jobs, running } = this;
    let victim = -1;
    for (let i = 0; i < running.size; i++) {
      const j = running.job(i);
      if (jobs.cls[j] < fromClass) continue;
      if (victim < 0 || jobs.cls[j] > jobs.cls[victim] || (jobs.cls[j] === jobs.cls[victim] && jobs.startH[j] > jobs.startH[victim])) victim = j;
    }
    return victim;
  }
}
