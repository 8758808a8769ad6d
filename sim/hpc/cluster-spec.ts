/** What a GPU cluster is given: its nodes, its job classes in priority order, its scheduler and its inference demand. */
import type { Discrete } from '../core/samplers/discrete.js';
import type { Distribution } from '../core/samplers/distribution.js';
import { requireModelParameter } from '../market/check.js';
import type { Arrivals } from './arrivals.js';

/** An idle GPU's draw as a share of a busy one's when a spec does not say. */
export const DEFAULT_IDLE_POWER_SHARE = 0.3;

export interface ClusterSpec {
  gpus: number;
  gpusPerNode: number;
  /** Mean time between failures of one GPU, hours (Llama 3's run: 419 interruptions in 54 days on 16,384 H100s ≈ 5.8 years; Meta). Infinity: none. */
  gpuMtbfH: number;
  /** Repair or replacement time of a failed node, hours. */
  repairH: Distribution;
  /** Power of a busy node at the wall, kW (a DGX H100 draws up to 10.2 kW, NVIDIA); default 0. */
  nodePowerKW?: number;
  /** Power of an idle node as a share of a busy one; default 0.3. */
  idlePowerShare?: number;
}

export interface JobClassSpec {
  name: string;
  /** Random arrivals; a class may instead (or also) have fixed jobs. */
  arrivals?: Arrivals;
  /** Jobs that arrive at given times (a reserved block: its GPUs for its term). */
  fixedJobs?: ReadonlyArray<{ atH: number; gpus: number; workH: number }>;
  /** GPUs per job. */
  gpus: Discrete;
  /** Hours of work per job at its full width. */
  durationH: Distribution;
  /** Hours between checkpoints (Infinity: a job restarts from zero; 0: nothing is ever lost). */
  checkpointH: number;
  /** Price per GPU-hour of useful work, USD, as a function of the hour the work started. */
  priceUSDPerGPUH: (tH: number) => number;
  /**
   * How long a customer waits for a random job's first start before going elsewhere, hours; absent:
   * for ever. A job that has started once stays, even if preempted later.
   */
  patienceH?: Distribution;
  /** Chance a job of this class is submitted again when it ends (a contract renewed for another term); absent: never. */
  renewal?: number;
}

export interface InferenceSpec {
  /** Job classes with an index below `rank` come before inference; the others after it. */
  rank: number;
  /** GPUs inference wants at hour t (its request rate ÷ (throughput per GPU × target utilisation)). */
  gpusWanted: (tH: number) => number;
  /** USD per GPU-hour served, by the hour it is served. */
  priceUSDPerGPUH: (tH: number) => number;
  /** SLA credit paid per GPU-hour wanted but not served, USD; default 0. */
  creditUSDPerGPUHMissed?: number;
}

export interface SchedulerSpec {
  policy: 'fifo' | 'easy-backfill';
  /** Waiting jobs behind the head that one backfill pass may pass over (those it starts do not count). */
  backfillDepth: number;
}

/** Throws a model-parameter error naming the first key of a cluster's specs that is out of range. */
export function checkClusterSpec(spec: ClusterSpec, classes: readonly JobClassSpec[], scheduler: SchedulerSpec, inference?: InferenceSpec): void {
  requireModelParameter(Number.isInteger(spec.gpus) && spec.gpus > 0, 'hpc', 'gpus', spec.gpus, 'a whole number > 0');
  requireModelParameter(Number.isInteger(spec.gpusPerNode) && spec.gpusPerNode > 0 && spec.gpus % spec.gpusPerNode === 0, 'hpc', 'gpusPerNode', spec.gpusPerNode, `a whole number > 0 dividing the ${spec.gpus} GPUs`);
  requireModelParameter(spec.gpuMtbfH > 0, 'hpc', 'gpuMtbf', spec.gpuMtbfH, 'a time > 0');
  requireModelParameter(['fifo', 'easy-backfill'].includes(scheduler.policy), 'hpc', 'scheduler.policy', scheduler.policy, 'fifo or easy-backfill');
  requireModelParameter(Number.isInteger(scheduler.backfillDepth) && scheduler.backfillDepth >= 0, 'hpc', 'scheduler.backfillDepth', scheduler.backfillDepth, 'a whole number ≥ 0');
  classes.forEach((c, i) => {
    requireModelParameter(c.checkpointH >= 0, 'hpc', `classes[${i}].checkpoint`, c.checkpointH, 'a time ≥ 0 (0: continuous, Infinity: none)');
    for (const g of c.gpus.values) requireModelParameter(Number.isInteger(g) && g > 0, 'hpc', `classes[${i}].gpus`, g, 'whole numbers of GPUs > 0');
  });
  if (inference) {
    requireModelParameter(Number.isInteger(inference.rank) && inference.rank >= 0 && inference.rank <= classes.length, 'hpc', 'inference.rank', inference.rank, `a whole number in [0, ${classes.length}]`);
  }
}

/** The narrowest job any class can submit, GPUs: with fewer free, no scheduling pass can start anything. */
export function narrowestJobGpus(classes: readonly JobClassSpec[]): number {
  return Math.min(...classes.flatMap((c) => [...c.gpus.values, ...(c.fixedJobs ?? []).map((f) => f.gpus)]));
}
