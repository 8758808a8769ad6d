/** What a cluster reports, and the per-class tallies it is drawn from. */
import { SampleBuffer } from '../core/stats/select.js';
import { TimeIntegral } from '../core/stats/time-integral.js';
import type { Billing } from './billing.js';
import { type JobTable, QUEUED, RUNNING } from './job-table.js';

export interface InferenceMetrics {
  wantedGpuHours: number;
  servedGpuHours: number;
  /** GPU-hours wanted but not served: missed service, the basis of SLA credits. */
  shortfallGpuHours: number;
  revenueUSD: number;
  slaCreditsUSD: number;
}

export interface ClassMetrics {
  arrived: number;
  completed: number;
  rejected: number;
  /** Times a running job was preempted (capacity cut), each counted once. */
  preempted: number;
  /** Times a running job was hit by a node failure. */
  failed: number;
  /** Jobs whose customers left before their first start, with the GPU-hours of work and the revenue that went elsewhere. */
  abandoned: number;
  gpuHoursAbandoned: number;
  revenueForgoneUSD: number;
  meanWaitH: number;
  p95WaitH: number;
  gpuHoursSold: number;
  revenueUSD: number;
  gpuHoursLost: number;
  /** Sample-path Little's law terms over [0, end]: time-average jobs in system, arrival rate, mean time in system. */
  little: { meanInSystem: number; arrivalRatePerH: number; meanTimeInSystemH: number };
}

export interface ClusterMetrics {
  /** ∫ busy GPUs dt ÷ ∫ available GPUs dt. */
  utilisation: number;
  busyGpuHours: number;
  availableGpuHours: number;
  /** IT energy of the nodes that are up: busy at full power, idle at the idle share. */
  itEnergyMWh: number;
  nodeFailures: number;
  classes: ClassMetrics[];
  inference?: InferenceMetrics;
}

/** Per class: jobs counted by what happened to them, first waits, and the jobs in the system over time. */
export class ClassTallies {
  readonly arrived: Int32Array;
  readonly completed: Int32Array;
  readonly rejected: Int32Array;
  readonly preempted: Int32Array;
  readonly failed: Int32Array;
  readonly abandoned: Int32Array;
  /** GPU-hours of work and revenue (USD) of the jobs whose customers left. */
  readonly abandonedGpuH: Float64Array;
  readonly forgoneUSD: Float64Array;
  /** Each job's wait before its first start, hours. */
  readonly waits: SampleBuffer[];
  readonly inSystem: TimeIntegral[];
  /** Summed time in system of the jobs that have left (done or abandoned), hours. */
  readonly timeInSystemH: Float64Array;

  constructor(classes: number, nowH: number) {
    this.arrived = new Int32Array(classes);
    this.completed = new Int32Array(classes);
    this.rejected = new Int32Array(classes);
    this.preempted = new Int32Array(classes);
    this.failed = new Int32Array(classes);
    this.abandoned = new Int32Array(classes);
    this.abandonedGpuH = new Float64Array(classes);
    this.forgoneUSD = new Float64Array(classes);
    this.waits = Array.from({ length: classes }, () => new SampleBuffer());
    this.inSystem = Array.from({ length: classes }, () => new TimeIntegral(nowH, 0));
    this.timeInSystemH = new Float64Array(classes);
  }

  /** A job of class c leaves the system at `nowH` after `stayedH` hours in it. */
  leave(c: number, nowH: number, stayedH: number): void {
    this.inSystem[c].add(nowH, -1);
    this.timeInSystemH[c] += stayedH;
  }

  /** Class c's metrics over [0, endH]. */
  classMetrics(c: number, endH: number, jobs: JobTable, billing: Billing): ClassMetrics {
    // Work of jobs still running at the end counts up to their last checkpoint.
    const accrued = billing.accrued(c, endH);
    const waits = this.waits[c];
    // Time in system so far of jobs still queued or running at the end (Little's law over [0, end]).
    let open = 0;
    for (let j = 0; j < jobs.count; j++) {
      if (jobs.cls[j] === c && (jobs.state[j] === QUEUED || jobs.state[j] === RUNNING)) open += endH - jobs.submitH[j];
    }
    const admitted = this.arrived[c] - this.rejected[c];
    return {
      arrived: this.arrived[c],
      completed: this.completed[c],
      rejected: this.rejected[c],
      preempted: this.preempted[c],
      failed: this.failed[c],
      abandoned: this.abandoned[c],
      gpuHoursAbandoned: this.abandonedGpuH[c],
      revenueForgoneUSD: this.forgoneUSD[c],
      meanWaitH: waits.count ? waits.sum / waits.count : NaN,
      p95WaitH: waits.quantile(0.95),
      gpuHoursSold: accrued.gpuHours,
      revenueUSD: accrued.revenueUSD,
      gpuHoursLost: billing.lostGpuH[c],
      little: {
        meanInSystem: this.inSystem[c].averageAt(endH),
        arrivalRatePerH: admitted / endH,
        meanTimeInSystemH: admitted > 0 ? (this.timeInSystemH[c] + open) / admitted : 0,
      },
    };
  }
}
