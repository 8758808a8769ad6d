/**
 * A cluster's GPUs as one account every mechanism reads and writes: how many may run (nodes up,
 * capped by what power and cooling allow), how many run jobs, how many inference holds, their
 * integrals over time, and the IT power they draw.
 *
 * Plain fields, not accessors: the scheduler reads them on every pass, and V8 keeps those loads
 * as cheap as the cluster's own fields were when this class has one shape (all fields set here).
 */
import { TimeIntegral } from '../core/stats/time-integral.js';
import { type ClusterSpec, DEFAULT_IDLE_POWER_SHARE } from './cluster-spec.js';

/** IT power of one busy GPU, MW: its share of its node's power at the wall. */
export function gpuPowerMW(spec: ClusterSpec): number {
  return (spec.nodePowerKW ?? 0) / 1000 / spec.gpusPerNode;
}

export class GpuPool {
  readonly totalGpus: number;
  readonly gpusPerNode: number;
  upNodes: number;
  /** GPUs power and cooling allow to run. */
  powerCapGpus: number;
  /** GPUs running jobs, in all and by class. */
  jobGpus = 0;
  readonly jobGpusByClass: Int32Array;
  /** GPUs elastic inference holds. */
  heldGpus = 0;
  /** GPUs busy (jobs and inference), GPUs that may run, GPUs on nodes that are up: each over time. */
  readonly busyGpus: TimeIntegral;
  readonly capacityGpus: TimeIntegral;
  readonly upGpus: TimeIntegral;
  /** Set by every change of the GPUs busy or up; the cluster clears it when it tells its listener. */
  loadChanged = false;
  /**
   * Counts the changes that may let a waiting job start sooner than a reservation said: GPUs freed,
   * capacity changed, inference's hold changed. A job starting does not count. A backfill
   * reservation made at one count holds while the count stays the same.
   */
  roomChanges = 0;
  /** A busy GPU's power, MW, and an idle one's as a share of it. */
  private readonly gpuMW: number;
  private readonly idlePowerShare: number;
  private readonly nodePowerKW: number;

  constructor(spec: ClusterSpec, classes: number, nowH: number) {
    this.totalGpus = spec.gpus;
    this.gpusPerNode = spec.gpusPerNode;
    this.upNodes = spec.gpus / spec.gpusPerNode;
    this.powerCapGpus = spec.gpus;
    this.jobGpusByClass = new Int32Array(classes);
    this.busyGpus = new TimeIntegral(nowH, 0);
    this.capacityGpus = new TimeIntegral(nowH, spec.gpus);
    this.upGpus = new TimeIntegral(nowH, spec.gpus);
    this.gpuMW = gpuPowerMW(spec);
    this.idlePowerShare = spec.idlePowerShare ?? DEFAULT_IDLE_POWER_SHARE;
    this.nodePowerKW = spec.nodePowerKW ?? 0;
  }

  /** GPUs that may run now. */
  get capacity(): number {
    return Math.min(this.powerCapGpus, this.upNodes * this.gpusPerNode);
  }

  /** A job of class `c` starts on `gpus` GPUs. */
  startJob(c: number, gpus: number, nowH: number): void {
    this.jobGpus += gpus;
    this.jobGpusByClass[c] += gpus;
    this.busyGpus.set(nowH, this.jobGpus + this.heldGpus);
    this.loadChanged = true;
  }

  /** A job of class `c` leaves its `gpus` GPUs (done, preempted or failed). */
  endJob(c: number, gpus: number, nowH: number): void {
    this.roomChanges++;
    this.jobGpus -= gpus;
    this.jobGpusByClass[c] -= gpus;
    this.busyGpus.set(nowH, this.jobGpus + this.heldGpus);
    this.loadChanged = true;
  }

  /** Inference holds `gpus` GPUs from now on. */
  hold(gpus: number, nowH: number): void {
    if (gpus !== this.heldGpus) this.roomChanges++;
    this.heldGpus = gpus;
    this.busyGpus.set(nowH, this.jobGpus + this.heldGpus);
    this.loadChanged = true;
  }

  /** A node fails (`delta` −1) or comes back from repair (+1). */
  nodesChange(delta: number, nowH: number): void {
    this.upNodes += delta;
    this.roomChanges++;
    this.capacityGpus.set(nowH, this.capacity);
    this.upGpus.set(nowH, this.upNodes * this.gpusPerNode);
    this.loadChanged = true;
  }

  /** From now on power and cooling allow at most `gpus` GPUs to run (clamped to the cluster). */
  capTo(gpus: number, nowH: number): void {
    this.powerCapGpus = Math.max(0, Math.min(this.totalGpus, gpus));
    this.roomChanges++;
    this.capacityGpus.set(nowH, this.capacity);
    this.loadChanged = true; // the GPUs that may idle changed, and with them the idle draw
  }

  /** Are jobs of any class below `c` (a larger index) running? */
  runsBelow(c: number): boolean {
    const byClass = this.jobGpusByClass;
    for (let k = c + 1; k < byClass.length; k++) if (byClass[k] > 0) return true;
    return false;
  }

  /**
   * IT power now, MW: busy GPUs at full power, the others that may run at the idle share (nodes
   * the power cap keeps off — not yet installed, or without power — draw nothing).
   */
  itPowerMW(): number {
    const busy = this.jobGpus + this.heldGpus;
    return (busy + this.idlePowerShare * (this.capacity - busy)) * this.gpuMW;
  }

  /** IT energy to `endH` of the nodes that are up, MWh: busy GPUs at full power, idle ones at the idle share. */
  itEnergyMWh(endH: number, busyGpuHours: number): number {
    const upGpuHours = this.upGpus.integralAt(endH);
    return ((busyGpuHours + this.idlePowerShare * (upGpuHours - busyGpuHours)) / this.gpusPerNode) * this.nodePowerKW / 1000;
  }
}
