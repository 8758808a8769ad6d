/**
 * Checkpoint billing: a job's customer pays for the work that is safe — done up to its last
 * checkpoint — at the price of the hour its run segment started. Work after the last checkpoint is
 * lost when a preemption or failure stops the job, and never billed.
 */
import type { JobClassSpec } from './cluster-spec.js';
import type { JobTable } from './job-table.js';
import type { RunningSet } from './running-set.js';

/** Hours of job j's work safe at `nowH`: its progress at the last checkpoint (all of it with continuous checkpoints). */
export function checkpointedWorkH(jobs: JobTable, j: number, nowH: number): number {
  const progress = jobs.segmentBaseH[j] + (nowH - jobs.startH[j]);
  const ckpt = jobs.checkpointH[j];
  return ckpt === 0 ? progress : Math.max(jobs.segmentBaseH[j], Number.isFinite(ckpt) ? Math.floor(progress / ckpt) * ckpt : 0);
}

export class Billing {
  /** Per class: GPU-hours billed, their revenue (USD), and GPU-hours of work lost to interruptions. */
  readonly soldGpuH: Float64Array;
  readonly revenueUSD: Float64Array;
  readonly lostGpuH: Float64Array;

  constructor(
    private readonly jobs: JobTable,
    private readonly running: RunningSet,
    private readonly classes: readonly JobClassSpec[],
  ) {
    this.soldGpuH = new Float64Array(classes.length);
    this.revenueUSD = new Float64Array(classes.length);
    this.lostGpuH = new Float64Array(classes.length);
  }

  /** Bills the work from the segment's start to `upToH` (hours of work) at the price when it started. */
  bill(j: number, upToH: number): void {
    const { jobs } = this;
    const c = jobs.cls[j];
    const gpuHours = (upToH - jobs.segmentBaseH[j]) * jobs.gpus[j];
    if (gpuHours <= 0) return;
    this.soldGpuH[c] += gpuHours;
    this.revenueUSD[c] += gpuHours * this.classes[c].priceUSDPerGPUH(jobs.startH[j]);
  }

  /** Job j is stopped at `nowH`: bills its work up to the last checkpoint, counts the rest as lost, and returns the hours of work saved. */
  settleInterrupted(j: number, nowH: number): number {
    const { jobs } = this;
    const progress = jobs.segmentBaseH[j] + (nowH - jobs.startH[j]);
    const saved = checkpointedWorkH(jobs, j, nowH);
    this.lostGpuH[jobs.cls[j]] += (progress - saved) * jobs.gpus[j];
    this.bill(j, saved);
    return saved;
  }

  /** GPU-hours sold to class c and their revenue up to `tH`: billed work plus running work up to its last checkpoint. */
  accrued(c: number, tH: number): { gpuHours: number; revenueUSD: number } {
    const { jobs, running } = this;
    let gpuHours = this.soldGpuH[c], revenueUSD = this.revenueUSD[c];
    for (let i = 0; i < running.size; i++) {
      const j = running.job(i);
      if (jobs.cls[j] !== c) continue;
      const h = (checkpointedWorkH(jobs, j, tH) - jobs.segmentBaseH[j]) * jobs.gpus[j];
      gpuHours += h;
      revenueUSD += h * this.classes[c].priceUSDPerGPUH(jobs.startH[j]);
    }
    return { gpuHours, revenueUSD };
  }
}
