/**
 * The customers behind the jobs: a customer waits for a random job's first start only so long
 * (its patience) before going elsewhere, taking the work and its revenue along; a job that has
 * started once stays, even if preempted later. A contract that ends may be renewed, and comes back
 * as a new job of the same width and term.
 */
import type { RandomStream } from '../core/stream.js';
import type { JobClassSpec } from './cluster-spec.js';
import type { ClassTallies } from './cluster-metrics.js';
import type { JobQueue } from './job-queue.js';
import { ABANDONED, type JobTable } from './job-table.js';

export class Customers {
  /** No later than the earliest deadline of a job waiting for its first start (Infinity: none; may be stale-early). */
  nextDeadlineH = Infinity;

  constructor(
    private readonly jobs: JobTable,
    private readonly queue: JobQueue,
    private readonly classes: readonly JobClassSpec[],
    private readonly tallies: ClassTallies,
    /** Each class's job stream: patience and renewal are drawn after the job's own draws. */
    private readonly jobStreams: readonly RandomStream[],
  ) {}

  /** How long the customer of a new random job of class c waits for its first start, hours (Infinity: for ever). */
  drawPatienceH(c: number): number {
    // Drawn only for a class with a patience: a class without one draws as it would with no customers model.
    const patienceH = this.classes[c].patienceH;
    return patienceH ? patienceH.sample(this.jobStreams[c]) : Infinity;
  }

  /** Job j's customer leaves at `deadlineH` unless it has started by then; true when that is the earliest deadline now. */
  leavesAt(j: number, deadlineH: number): boolean {
    this.jobs.deadlineH[j] = deadlineH;
    if (deadlineH < this.nextDeadlineH) {
      this.nextDeadlineH = deadlineH;
      return true;
    }
    return false;
  }

  /** Is the contract of a job of class c that just ended renewed? (Drawn from the class's own stream, which a class of fixed jobs uses for nothing else.) */
  renews(c: number): boolean {
    const renewal = this.classes[c].renewal;
    return renewal !== undefined && this.jobStreams[c].next() < renewal;
  }

  /**
   * Customers whose patience ran out before their job first started leave now: their jobs go, with
   * the work and revenue they would have brought. Sets the next deadline from the jobs still
   * waiting; true when anyone left (a head that left may have held back jobs behind it).
   */
  abandonExpired(nowH: number): boolean {
    const { jobs, queue, tallies } = this;
    let next = Infinity, left = false;
    for (let j = queue.first(); j >= 0; ) {
      const c = jobs.cls[j];
      const after = queue.after(j, c);
      if (Number.isNaN(jobs.firstWaitH[j])) {
        const d = jobs.deadlineH[j];
        if (d <= nowH) {
          queue.remove(c, j);
          jobs.state[j] = ABANDONED;
          tallies.abandoned[c]++;
          const gpuH = jobs.gpus[j] * jobs.workH[j];
          tallies.abandonedGpuH[c] += gpuH;
          tallies.forgoneUSD[c] += gpuH * this.classes[c].priceUSDPerGPUH(d);
          tallies.leave(c, nowH, d - jobs.submitH[j]);
          left = true;
        } else if (d < next) {
          next = d;
        }
      }
      j = after;
    }
    this.nextDeadlineH = next;
    return left;
  }
}
