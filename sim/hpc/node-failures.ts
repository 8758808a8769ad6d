/**
 * Node failures: they arrive at rate (nodes up)/(node MTBF), and each node is repaired after a
 * random time. A failure lands on a running job with probability (its GPUs)/(GPUs up); the cluster
 * decides what that job loses.
 */
import type { EventId, EventKind, Simulation } from '../core/engine.js';
import type { RandomStream } from '../core/stream.js';
import { finite } from '../market/check.js';
import type { ClusterSpec } from './cluster-spec.js';
import type { GpuPool } from './gpu-pool.js';
import type { JobTable } from './job-table.js';
import type { RunningSet } from './running-set.js';

export class NodeFailures {
  /** Failures so far. */
  count = 0;
  private pending: EventId = -1;
  /** One node's mean time between failures, hours: its GPUs fail independently. */
  private readonly nodeMtbfH: number;

  constructor(
    private readonly sim: Simulation,
    private readonly spec: ClusterSpec,
    private readonly pool: GpuPool,
    private readonly rng: RandomStream,
    private readonly failKind: EventKind,
    private readonly repairKind: EventKind,
  ) {
    this.nodeMtbfH = spec.gpuMtbfH / spec.gpusPerNode;
  }

  /**
   * The pending failure happens now: counts it and returns the running job whose GPU failed, or −1
   * when it was an idle one. Walks the running jobs, each weighted by its GPUs.
   */
  strike(jobs: JobTable, running: RunningSet): number {
    this.pending = -1;
    this.count++;
    const hit = this.rng.next() * this.pool.upNodes * this.spec.gpusPerNode;
    if (hit < this.pool.jobGpus) {
      let acc = 0;
      for (let i = 0; i < running.size; i++) {
        const j = running.job(i);
        acc += jobs.gpus[j];
        if (hit < acc) return j;
      }
    }
    return -1;
  }

  /** Sends the failed node to repair: it comes back after a random time. */
  scheduleRepair(): void {
    this.sim.after(this.spec.repairH.sample(this.rng), this.repairKind);
  }

  /** (Re)draws the next failure for the nodes up now; memoryless, so redrawing on a change of rate is exact. */
  scheduleNext(): void {
    if (this.pending >= 0) this.sim.cancel(this.pending);
    this.pending = -1;
    if (!finite(this.nodeMtbfH) || this.pool.upNodes === 0) return;
    this.pending = this.sim.after(this.rng.standardExponential() * (this.nodeMtbfH / this.pool.upNodes), this.failKind);
  }
}
