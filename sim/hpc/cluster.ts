/**
 * A GPU cluster and its scheduler on the event engine.
 *
 * Jobs of several classes wait in one queue ordered by class priority (0 first), then by arrival.
 * The scheduler starts the head whenever it fits; with EASY backfill (Lifka 1995; Mu'alem &
 * Feitelson 2001) a blocked head gets a reservation — the earliest time enough GPUs will be free,
 * from the running jobs' ends — and later jobs may start now only if they end before it or use
 * GPUs the head will not need then, so the head is never delayed. The scan looks at most
 * `backfillDepth` jobs deep, as production schedulers bound it.
 *
 * Capacity is GPUs on nodes that are up, capped by what power and cooling allow. When it drops
 * below what is running, the lowest class is preempted first, most recently started first; a
 * preempted or failed job keeps the work up to its last checkpoint, loses the rest, and waits at the
 * front of its class. Node failures arrive at rate (nodes up)/MTBF and each is repaired after a
 * random time; a failure lands on a running job with probability (its GPUs)/(GPUs up).
 */
import type { EventId, Simulation } from '../core/engine.js';
import type { Discrete } from '../core/samplers/discrete.js';
import type { Distribution } from '../core/samplers/distribution.js';
import { TimeIntegral } from '../core/stats/time-integral.js';
import type { RandomStream } from '../core/stream.js';
import { finite, requireModelParameter } from '../market/check.js';
import type { Arrivals } from './arrivals.js';
import { JobQueue } from './job-queue.js';
import { DONE, JobTable, QUEUED, REJECTED, RUNNING } from './job-table.js';
import { RunningSet } from './running-set.js';

export interface ClusterSpec {
  gpus: number;
  gpusPerNode: number;
  /** Mean time between failures of one GPU, hours (Llama 3's run: ≈ 5.8 years, DOMAIN §4). Infinity: none. */
  gpuMtbfH: number;
  /** Repair or replacement time of a failed node, hours. */
  repairH: Distribution;
}

export interface JobClassSpec {
  name: string;
  arrivals: Arrivals;
  /** GPUs per job. */
  gpus: Discrete;
  /** Hours of work per job at its full width. */
  durationH: Distribution;
  /** Hours between checkpoints (Infinity: a job restarts from zero). */
  checkpointH: number;
  /** Price per GPU-hour of useful work, USD, as a function of the hour the work started. */
  priceUSDPerGPUH: (tH: number) => number;
}

export interface SchedulerSpec {
  policy: 'fifo' | 'easy-backfill';
  /** Jobs behind the head that one backfill pass looks at. */
  backfillDepth: number;
}

export interface ClassMetrics {
  arrived: number;
  completed: number;
  rejected: number;
  /** Times a running job was preempted (capacity cut), each counted once. */
  preempted: number;
  /** Times a running job was hit by a node failure. */
  failed: number;
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
  nodeFailures: number;
  classes: ClassMetrics[];
}

export class Cluster {
  readonly jobs = new JobTable(4096);
  private readonly queue: JobQueue;
  private readonly running = new RunningSet();
  private readonly nodes: number;
  private upNodes: number;
  private powerCapGPUs: number;
  private busy = 0;
  private readonly busyGpus: TimeIntegral;
  private readonly capacityGpus: TimeIntegral;
  private readonly inSystem: TimeIntegral[];
  private readonly timeInSystem: Float64Array;
  private readonly waits: number[][];
  private readonly counts: { arrived: Int32Array; completed: Int32Array; rejected: Int32Array; preempted: Int32Array; failed: Int32Array };
  private readonly sold: Float64Array;
  private readonly revenue: Float64Array;
  private readonly lost: Float64Array;
  private nodeFailures = 0;
  private failureEvent: EventId = -1;
  private readonly kinds: { arrive: number; end: number; fail: number; repair: number; cap: number };
  /** When set, called with (head job, its reservation) each time backfill reserves for a head: lets tests check EASY's promise. */
  onReservation?: (job: number, reservedStartH: number) => void;

  constructor(
    private readonly sim: Simulation,
    private readonly spec: ClusterSpec,
    private readonly classes: readonly JobClassSpec[],
    private readonly scheduler: SchedulerSpec,
    private readonly rng: { arrivals: RandomStream[]; jobs: RandomStream[]; failures: RandomStream },
  ) {
    requireModelParameter(Number.isInteger(spec.gpus) && spec.gpus > 0, 'hpc', 'gpus', spec.gpus, 'a whole number > 0');
    requireModelParameter(Number.isInteger(spec.gpusPerNode) && spec.gpusPerNode > 0 && spec.gpus % spec.gpusPerNode === 0, 'hpc', 'gpusPerNode', spec.gpusPerNode, `a whole number > 0 dividing the ${spec.gpus} GPUs`);
    requireModelParameter(spec.gpuMtbfH > 0, 'hpc', 'gpuMtbf', spec.gpuMtbfH, 'a time > 0');
    requireModelParameter(['fifo', 'easy-backfill'].includes(scheduler.policy), 'hpc', 'scheduler.policy', scheduler.policy, 'fifo or easy-backfill');
    requireModelParameter(Number.isInteger(scheduler.backfillDepth) && scheduler.backfillDepth >= 0, 'hpc', 'scheduler.backfillDepth', scheduler.backfillDepth, 'a whole number ≥ 0');
    classes.forEach((c, i) => {
      requireModelParameter(c.checkpointH > 0, 'hpc', `classes[${i}].checkpoint`, c.checkpointH, 'a time > 0 (Infinity for none)');
      for (const g of c.gpus.values) requireModelParameter(Number.isInteger(g) && g > 0, 'hpc', `classes[${i}].gpus`, g, 'whole numbers of GPUs > 0');
    });
    this.nodes = spec.gpus / spec.gpusPerNode;
    this.upNodes = this.nodes;
    this.powerCapGPUs = spec.gpus;
    const k = classes.length;
    this.queue = new JobQueue(k, 4096);
    this.busyGpus = new TimeIntegral(sim.now, 0);
    this.capacityGpus = new TimeIntegral(sim.now, spec.gpus);
    this.inSystem = classes.map(() => new TimeIntegral(sim.now, 0));
    this.timeInSystem = new Float64Array(k);
    this.waits = classes.map(() => []);
    this.counts = { arrived: new Int32Array(k), completed: new Int32Array(k), rejected: new Int32Array(k), preempted: new Int32Array(k), failed: new Int32Array(k) };
    this.sold = new Float64Array(k);
    this.revenue = new Float64Array(k);
    this.lost = new Float64Array(k);
    this.kinds = {
      arrive: sim.on('job arrival', this.onArrival),
      end: sim.on('job end', this.onEnd),
      fail: sim.on('node failure', this.onFailure),
      repair: sim.on('node repair', this.onRepair),
      cap: sim.on('power cap', this.onCap),
    };
  }

  /** Schedules the first arrival of every class and the first failure. */
  start(): void {
    this.classes.forEach((c, i) => this.sim.schedule(c.arrivals.next(this.sim.now, this.rng.arrivals[i]), this.kinds.arrive, i));
    this.scheduleFailure();
  }

  /** From `atH` on, power and cooling allow at most `gpus` GPUs to run. */
  capAt(atH: number, gpus: number): void {
    this.sim.schedule(atH, this.kinds.cap, gpus, -1);
  }

  /** GPUs that may run now. */
  get capacity(): number {
    return Math.min(this.powerCapGPUs, this.upNodes * this.spec.gpusPerNode);
  }

  get busyGPUs(): number {
    return this.busy;
  }

  metrics(endH: number): ClusterMetrics {
    const availableGpuHours = this.capacityGpus.integralAt(endH);
    const busyGpuHours = this.busyGpus.integralAt(endH);
    return {
      utilisation: availableGpuHours > 0 ? busyGpuHours / availableGpuHours : 0,
      busyGpuHours,
      availableGpuHours,
      nodeFailures: this.nodeFailures,
      classes: this.classes.map((_, c) => {
        const waits = Float64Array.from(this.waits[c]).sort();
        let sum = 0;
        for (const w of waits) sum += w;
        // Time in system so far of jobs still queued or running at the end (Little's law over [0, end]).
        let open = 0;
        for (let j = 0; j < this.jobs.count; j++) {
          if (this.jobs.cls[j] === c && (this.jobs.state[j] === QUEUED || this.jobs.state[j] === RUNNING)) open += endH - this.jobs.submitH[j];
        }
        const admitted = this.counts.arrived[c] - this.counts.rejected[c];
        return {
          arrived: this.counts.arrived[c],
          completed: this.counts.completed[c],
          rejected: this.counts.rejected[c],
          preempted: this.counts.preempted[c],
          failed: this.counts.failed[c],
          meanWaitH: waits.length ? sum / waits.length : NaN,
          p95WaitH: waits.length ? waits[Math.min(waits.length - 1, Math.ceil(0.95 * waits.length) - 1)] : NaN,
          gpuHoursSold: this.sold[c],
          revenueUSD: this.revenue[c],
          gpuHoursLost: this.lost[c],
          little: {
            meanInSystem: this.inSystem[c].averageAt(endH),
            arrivalRatePerH: admitted / endH,
            meanTimeInSystemH: admitted > 0 ? (this.timeInSystem[c] + open) / admitted : 0,
          },
        };
      }),
    };
  }

  // ── events ────────────────────────────────────────────────────────────────────────────────

  private readonly onArrival = (c: number): void => {
    const now = this.sim.now;
    const spec = this.classes[c];
    this.sim.schedule(spec.arrivals.next(now, this.rng.arrivals[c]), this.kinds.arrive, c);
    const gpus = spec.gpus.sample(this.rng.jobs[c]);
    const work = spec.durationH.sample(this.rng.jobs[c]);
    this.counts.arrived[c]++;
    const j = this.jobs.add(c, gpus, work, spec.checkpointH, now);
    if (gpus > this.spec.gpus) {
      // Wider than the whole cluster: it could never start. Refuse it now rather than queue it forever.
      this.jobs.state[j] = REJECTED;
      this.counts.rejected[c]++;
      return;
    }
    this.inSystem[c].add(now, 1);
    this.queue.pushBack(c, j);
    this.schedulePass();
  };

  private readonly onEnd = (j: number): void => {
    const now = this.sim.now;
    const { jobs } = this;
    const c = jobs.cls[j];
    this.bill(j, jobs.workH[j]);
    jobs.savedH[j] = jobs.workH[j];
    jobs.state[j] = DONE;
    this.release(j);
    this.counts.completed[c]++;
    this.inSystem[c].add(now, -1);
    this.timeInSystem[c] += now - jobs.submitH[j];
    this.schedulePass();
  };

  private readonly onFailure = (): void => {
    this.failureEvent = -1;
    this.nodeFailures++;
    const hit = this.rng.failures.next() * this.upNodes * this.spec.gpusPerNode;
    if (hit < this.busy) {
      // The failed GPU belongs to a running job: walk the jobs, each weighted by its GPUs.
      let acc = 0;
      for (let i = 0; i < this.running.size; i++) {
        const j = this.running.job(i);
        acc += this.jobs.gpus[j];
        if (hit < acc) {
          this.counts.failed[this.jobs.cls[j]]++;
          this.interrupt(j);
          break;
        }
      }
    }
    this.upNodes--;
    this.capacityGpus.set(this.sim.now, this.capacity);
    this.sim.after(this.spec.repairH.sample(this.rng.failures), this.kinds.repair);
    this.enforceCapacity();
    this.scheduleFailure();
    this.schedulePass();
  };

  private readonly onRepair = (): void => {
    this.upNodes++;
    this.capacityGpus.set(this.sim.now, this.capacity);
    this.scheduleFailure();
    this.schedulePass();
  };

  private readonly onCap = (gpus: number): void => {
    this.powerCapGPUs = Math.max(0, Math.min(this.spec.gpus, gpus));
    this.capacityGpus.set(this.sim.now, this.capacity);
    this.enforceCapacity();
    this.schedulePass();
  };

  // ── scheduling ────────────────────────────────────────────────────────────────────────────

  private schedulePass(): void {
    const { jobs, queue } = this;
    let free = this.capacity - this.busy;
    let j = queue.first();
    while (j >= 0 && jobs.gpus[j] <= free) {
      this.launch(j);
      free -= jobs.gpus[j];
      j = queue.first();
    }
    if (j < 0 || free <= 0 || this.scheduler.policy === 'fifo') return;

    // EASY: reserve for the blocked head, then backfill behind it without delaying that reservation.
    const need = jobs.gpus[j];
    let shadowH = Infinity, extra = free;
    if (need <= this.capacity) {
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
    let k = queue.after(j, jobs.cls[j]);
    for (let scanned = 0; k >= 0 && scanned < this.scheduler.backfillDepth && free > 0; scanned++) {
      const next = queue.after(k, jobs.cls[k]);
      const g = jobs.gpus[k];
      if (g <= free) {
        const endsInTime = now + (jobs.workH[k] - jobs.savedH[k]) <= shadowH;
        if (endsInTime || g <= extra) {
          if (!endsInTime) extra -= g;
          this.launch(k);
          free -= g;
        }
      }
      k = next;
    }
  }

  private launch(j: number): void {
    const { jobs } = this;
    const now = this.sim.now;
    const c = jobs.cls[j];
    this.queue.remove(c, j);
    if (Number.isNaN(jobs.firstWaitH[j])) {
      jobs.firstWaitH[j] = now - jobs.submitH[j];
      this.waits[c].push(jobs.firstWaitH[j]);
    }
    jobs.state[j] = RUNNING;
    jobs.startH[j] = now;
    jobs.segmentBaseH[j] = jobs.savedH[j];
    jobs.endH[j] = now + (jobs.workH[j] - jobs.savedH[j]);
    jobs.endEvent[j] = this.sim.schedule(jobs.endH[j], this.kinds.end, j);
    this.running.insert(j, jobs.endH[j]);
    this.busy += jobs.gpus[j];
    this.busyGpus.set(now, this.busy);
  }

  /** Takes job j off its GPUs. */
  private release(j: number): void {
    this.running.remove(j, this.jobs.endH[j]);
    this.busy -= this.jobs.gpus[j];
    this.busyGpus.set(this.sim.now, this.busy);
  }

  /** Stops a running job (preemption or failure): it keeps its last checkpoint and waits again at the front. */
  private interrupt(j: number): void {
    const { jobs } = this;
    const now = this.sim.now;
    const c = jobs.cls[j];
    const progress = jobs.segmentBaseH[j] + (now - jobs.startH[j]);
    const ckpt = jobs.checkpointH[j];
    const saved = Math.max(jobs.segmentBaseH[j], Number.isFinite(ckpt) ? Math.floor(progress / ckpt) * ckpt : 0);
    this.lost[c] += (progress - saved) * jobs.gpus[j];
    this.bill(j, saved);
    jobs.savedH[j] = saved;
    this.sim.cancel(jobs.endEvent[j]);
    this.release(j);
    jobs.state[j] = QUEUED;
    this.queue.pushFront(c, j);
  }

  /** Bills the work from the segment's start to `upToH` (hours of work) at the price when it started. */
  private bill(j: number, upToH: number): void {
    const { jobs } = this;
    const c = jobs.cls[j];
    const gpuHours = (upToH - jobs.segmentBaseH[j]) * jobs.gpus[j];
    if (gpuHours <= 0) return;
    this.sold[c] += gpuHours;
    this.revenue[c] += gpuHours * this.classes[c].priceUSDPerGPUH(jobs.startH[j]);
  }

  /** Preempts until what runs fits the capacity: lowest class first, most recently started first. */
  private enforceCapacity(): void {
    const { jobs } = this;
    while (this.busy > this.capacity) {
      let victim = -1;
      for (let i = 0; i < this.running.size; i++) {
        const j = this.running.job(i);
        if (victim < 0 || jobs.cls[j] > jobs.cls[victim] || (jobs.cls[j] === jobs.cls[victim] && jobs.startH[j] > jobs.startH[victim])) victim = j;
      }
      this.counts.preempted[jobs.cls[victim]]++;
      this.interrupt(victim);
    }
  }

  private scheduleFailure(): void {
    if (this.failureEvent >= 0) this.sim.cancel(this.failureEvent);
    this.failureEvent = -1;
    const nodeMtbfH = this.spec.gpuMtbfH / this.spec.gpusPerNode;
    if (!finite(nodeMtbfH) || this.upNodes === 0) return;
    this.failureEvent = this.sim.after(this.rng.failures.standardExponential() * (nodeMtbfH / this.upNodes), this.kinds.fail);
  }
}
