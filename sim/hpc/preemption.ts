/**
 * What runs when capacity falls, or inference wants more: the job classes ranked below inference
 * are preempted first (lowest class, most recently started first), then inference shrinks, then the
 * classes above it are preempted. A stopped job keeps the work up to its last checkpoint, loses the
 * rest, and waits again at the front of its class.
 */
import type { Simulation } from '../core/engine.js';
import type { Billing } from './billing.js';
import type { ClassTallies } from './cluster-metrics.js';
import type { ElasticInference } from './elastic-inference.js';
import type { GpuPool } from './gpu-pool.js';
import type { JobTable } from './job-table.js';
import type { Scheduler } from './scheduler.js';

export class Preemption {
  /** Classes from this index on are ranked below inference (all of them without inference: none is). */
  private readonly inferenceRank: number;

  constructor(
    private readonly sim: Simulation,
    private readonly jobs: JobTable,
    private readonly pool: GpuPool,
    private readonly scheduler: Scheduler,
    private readonly billing: Billing,
    private readonly tallies: ClassTallies,
    private readonly inference: ElasticInference | undefined,
    classes: number,
  ) {
    this.inferenceRank = inference ? inference.rank : classes;
  }

  /** Makes what runs fit the capacity, in the order above; then lets inference grow back into room freed above it. */
  fitCapacity(): void {
    const { inference, pool } = this;
    while (pool.jobGpus + pool.heldGpus > pool.capacity) {
      let victim = this.scheduler.lowestRunning(this.inferenceRank);
      if (victim < 0 && pool.heldGpus > 0) {
        inference!.hold(Math.max(0, pool.capacity - pool.jobGpus));
        continue;
      }
      if (victim < 0) victim = this.scheduler.lowestRunning(0);
      this.preempt(victim);
    }
    if (inference && pool.heldGpus < inference.wantedGpus) this.allocateInference();
  }

  /** Inference takes what it wants, up to what the classes ranked above it leave, preempting those below. */
  allocateInference(): void {
    const { inference, pool } = this;
    if (!inference) return;
    const target = inference.targetGpus();
    while (pool.capacity - pool.jobGpus < target) {
      const victim = this.scheduler.lowestRunning(inference.rank);
      if (victim < 0) break;
      this.preempt(victim);
    }
    inference.hold(Math.max(0, Math.min(target, pool.capacity - pool.jobGpus)));
  }

  /** Stops a running job (preemption or failure): it keeps its last checkpoint and waits again at the front. */
  interrupt(j: number): void {
    this.jobs.savedH[j] = this.billing.settleInterrupted(j, this.sim.now);
    this.scheduler.release(j);
    this.scheduler.requeue(j);
  }

  private preempt(j: number): void {
    this.tallies.preempted[this.jobs.cls[j]]++;
    this.interrupt(j);
  }
}
