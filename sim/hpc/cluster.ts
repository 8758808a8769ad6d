/**
 * A GPU cluster and its scheduler on the event engine.
 *
 * Jobs of several classes wait in one queue ordered by class priority (0 first), then by arrival.
 * The scheduler starts the head whenever it fits; with EASY backfill (Lifka 1995; Mu'alem &
 * Feitelson 2001) a blocked head gets a reservation — the earliest time enough GPUs will be free,
 * from the running jobs' ends — and later jobs may start now only if they end before it or use
 * GPUs the head will not need then, so the head is never delayed. The scan stops once it has passed
 * over `backfillDepth` waiting jobs it could not start, as production schedulers bound it.
 *
 * Capacity is GPUs on nodes that are up, capped by what power and cooling allow. When it drops
 * below what is running, the lowest class is preempted first, most recently started first; a
 * preempted or failed job keeps the work up to its last checkpoint, loses the rest, and waits at the
 * front of its class. Node failures arrive at rate (nodes up)/MTBF and each is repaired after a
 * random time; a failure lands on a running job with probability (its GPUs)/(GPUs up), and
 * interrupts it unless lower classes are running, whose GPUs it takes over (they are preempted).
 *
 * Inference is elastic: every hour it wants the GPUs its request rate needs, takes them ahead of the
 * job classes ranked below it (preempting them if it must) and behind those ranked above; what it
 * cannot get is shortfall — GPU-hours of missed service. Reserved blocks are fixed jobs: a block of
 * GPUs held from a start for a term, at the top of the queue, resuming where it stopped if cut.
 */
import type { EventId, Simulation } from '../core/engine.js';
import type { Discrete } from '../core/samplers/discrete.js';
import type { Distribution } from '../core/samplers/distribution.js';
import { SampleBuffer } from '../core/stats/select.js';
import { TimeIntegral } from '../core/stats/time-integral.js';
import type { RandomStream } from '../core/stream.js';
import { finite, requireModelParameter } from '../market/check.js';
import type { Arrivals } from './arrivals.js';
import { JobQueue } from './job-queue.js';
import { ABANDONED, DONE, JobTable, QUEUED, REJECTED, RUNNING } from './job-table.js';
import { RunningSet } from './running-set.js';

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

export interface InferenceMetrics {
  wantedGpuHours: number;
  servedGpuHours: number;
  /** GPU-hours wanted but not served: missed service, the basis of SLA credits. */
  shortfallGpuHours: number;
  revenueUSD: number;
  slaCreditsUSD: number;
}

export interface SchedulerSpec {
  policy: 'fifo' | 'easy-backfill';
  /** Waiting jobs behind the head that one backfill pass may pass over (those it starts do not count). */
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

export class Cluster {
  readonly jobs = new JobTable(4096);
  private readonly queue: JobQueue;
  private readonly running = new RunningSet();
  private readonly nodes: number;
  private upNodes: number;
  private powerCapGPUs: number;
  private busy = 0;
  private readonly busyByClass: Int32Array;
  private held = 0; // GPUs inference holds
  private wanted = 0;
  private readonly servedGpus: TimeIntegral;
  private readonly wantedGpus: TimeIntegral;
  private inferenceRevenue = 0;
  private readonly fixed: Array<{ cls: number; atH: number; gpus: number; workH: number }>;
  private readonly busyGpus: TimeIntegral;
  private readonly capacityGpus: TimeIntegral;
  private readonly upGpus: TimeIntegral;
  private readonly inSystem: TimeIntegral[];
  private readonly timeInSystem: Float64Array;
  private readonly waits: SampleBuffer[];
  private readonly counts: { arrived: Int32Array; completed: Int32Array; rejected: Int32Array; preempted: Int32Array; failed: Int32Array; abandoned: Int32Array };
  /** Per class: GPU-hours of work and revenue of the jobs abandoned. */
  private readonly abandonedGpuH: Float64Array;
  private readonly forgoneUSD: Float64Array;
  /** No later than the earliest deadline of a job waiting for its first start (Infinity: none; may be stale-early). */
  private nextDeadlineH = Infinity;
  private readonly sold: Float64Array;
  private readonly revenue: Float64Array;
  private readonly lost: Float64Array;
  private nodeFailures = 0;
  /** A busy GPU's share of its node's power, MW, and an idle one's share of that. */
  private readonly gpuMW: number;
  private readonly idleShare: number;
  /** The narrowest job any class can submit: with fewer GPUs free, no pass can start anything. */
  private readonly minJobGpus: number;
  /**
   * The last backfill pass's reservation: the blocked head, its reserved start and the GPUs spare
   * then. It holds until GPUs are freed or capacity changes (−1 once it may not): while it holds, a
   * newcomer is the only job a new pass could start, so an arrival checks just that job.
   */
  private reservedHead = -1;
  private reservedStartH = Infinity;
  private reservedExtra = 0;
  private failureEvent: EventId = -1;
  /** Each class's next random arrival, hours (Infinity: none). */
  private readonly nextArrivalH: Float64Array;
  /** The one engine event for the cluster's next arrival or job end, and its time. */
  private stepEvent: EventId = -1;
  private stepAtH = Infinity;
  /** Inside the step handler, which arms the next step itself when it is done. */
  private stepping = false;
  private readonly kinds: { step: number; fixed: number; fail: number; repair: number; cap: number; inference: number };
  /** When set, called with (head job, its reservation) each time backfill reserves for a head: lets tests check EASY's promise. */
  onReservation?: (job: number, reservedStartH: number) => void;
  /**
   * When set, called once after each event that changed the GPUs busy or up, so a campus can re-rate
   * the hall's power draw. Once per event, not per change: a pass that starts ten jobs at one instant
   * is one change of draw, and a listener that ran ten times would only redo its sums.
   */
  onLoadChange?: () => void;
  private loadChanged = false;

  constructor(
    private readonly sim: Simulation,
    private readonly spec: ClusterSpec,
    private readonly classes: readonly JobClassSpec[],
    private readonly scheduler: SchedulerSpec,
    private readonly rng: { arrivals: RandomStream[]; jobs: RandomStream[]; failures: RandomStream },
    private readonly inference?: InferenceSpec,
  ) {
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
    this.fixed = classes.flatMap((c, cls) => (c.fixedJobs ?? []).map((f) => ({ cls, ...f })));
    this.nodes = spec.gpus / spec.gpusPerNode;
    this.minJobGpus = Math.min(...classes.flatMap((c) => [...c.gpus.values, ...(c.fixedJobs ?? []).map((f) => f.gpus)]));
    this.upNodes = this.nodes;
    this.gpuMW = (spec.nodePowerKW ?? 0) / 1000 / spec.gpusPerNode;
    this.idleShare = spec.idlePowerShare ?? DEFAULT_IDLE_POWER_SHARE;
    this.powerCapGPUs = spec.gpus;
    const k = classes.length;
    this.queue = new JobQueue(k, 4096);
    this.busyGpus = new TimeIntegral(sim.now, 0);
    this.busyByClass = new Int32Array(k);
    this.servedGpus = new TimeIntegral(sim.now, 0);
    this.wantedGpus = new TimeIntegral(sim.now, 0);
    this.capacityGpus = new TimeIntegral(sim.now, spec.gpus);
    this.upGpus = new TimeIntegral(sim.now, spec.gpus);
    this.inSystem = classes.map(() => new TimeIntegral(sim.now, 0));
    this.timeInSystem = new Float64Array(k);
    this.waits = classes.map(() => new SampleBuffer());
    this.counts = { arrived: new Int32Array(k), completed: new Int32Array(k), rejected: new Int32Array(k), preempted: new Int32Array(k), failed: new Int32Array(k), abandoned: new Int32Array(k) };
    this.abandonedGpuH = new Float64Array(k);
    this.forgoneUSD = new Float64Array(k);
    this.sold = new Float64Array(k);
    this.revenue = new Float64Array(k);
    this.lost = new Float64Array(k);
    this.nextArrivalH = new Float64Array(k).fill(Infinity);
    this.kinds = {
      step: sim.on('job arrival or end', this.onStep),
      fixed: sim.on('fixed job arrival', this.onFixedArrival),
      inference: sim.on('inference hour', this.onInferenceHour),
      fail: sim.on('node failure', this.onFailure),
      repair: sim.on('node repair', this.onRepair),
      cap: sim.on('power cap', this.onCap),
    };
  }

  /**
   * Schedules the first arrival of every class and the first failure. Given the hour the run will
   * end, sizes the job tables for the jobs expected by then (mean arrival rates, plus a tenth), so
   * they are allocated once rather than regrown and copied as the run goes.
   */
  start(untilH = Infinity): void {
    if (Number.isFinite(untilH)) {
      let expected = this.fixed.length;
      this.classes.forEach((c, i) => {
        const n = c.arrivals ? Math.ceil(1.1 * c.arrivals.spec.ratePerH * Math.max(0, untilH - this.sim.now)) : 0;
        this.waits[i].reserve(n + (c.fixedJobs?.length ?? 0));
        expected += n;
      });
      this.jobs.reserve(expected);
      this.queue.reserve(expected);
    }
    this.classes.forEach((c, i) => {
      if (c.arrivals) this.nextArrivalH[i] = c.arrivals.next(this.sim.now, this.rng.arrivals[i]);
    });
    this.armStep();
    this.fixed.forEach((f, i) => this.sim.schedule(Math.max(this.sim.now, f.atH), this.kinds.fixed, i));
    if (this.inference) this.sim.schedule(this.sim.now, this.kinds.inference, 0, -1);
    this.scheduleFailure();
  }

  /** From `atH` on, power and cooling allow at most `gpus` GPUs to run. */
  capAt(atH: number, gpus: number): void {
    this.sim.schedule(atH, this.kinds.cap, gpus, -1);
  }

  /** From now on, power and cooling allow at most `gpus` GPUs to run (a grid outage: 0). */
  capNow(gpus: number): void {
    this.onCap(gpus);
  }

  /** GPU-hours busy and available from the start to `tH` (for utilisation over any interval). */
  gpuHoursAt(tH: number): { busy: number; available: number } {
    return { busy: this.busyGpus.integralAt(tH), available: this.capacityGpus.integralAt(tH) };
  }

  /** Inference GPU-hours wanted but not served from the start to `tH`. */
  inferenceShortfallGpuHoursAt(tH: number): number {
    return this.wantedGpus.integralAt(tH) - this.servedGpus.integralAt(tH);
  }

  /** GPUs that may run now. */
  get capacity(): number {
    return Math.min(this.powerCapGPUs, this.upNodes * this.spec.gpusPerNode);
  }

  /** GPUs on nodes that are up. */
  get upGPUs(): number {
    return this.upNodes * this.spec.gpusPerNode;
  }

  /** GPUs running jobs or serving inference. */
  get busyGPUs(): number {
    return this.busy + this.held;
  }

  /**
   * IT power now, MW: busy GPUs at full power, the others that may run at the idle share (nodes
   * the power cap keeps off — not yet installed, or without power — draw nothing).
   */
  itPowerMW(): number {
    const busy = this.busy + this.held;
    return (busy + this.idleShare * (this.capacity - busy)) * this.gpuMW;
  }

  /**
   * Revenue of class `c` earned up to now, USD: work billed, plus what running jobs have done up to
   * their last checkpoint (work after it may still be lost, so it is not counted yet). Never falls.
   */
  revenueToDateUSD(c: number): number {
    return this.accrued(c, this.sim.now).revenueUSD;
  }

  /** GPU-hours sold to class c and their revenue up to `tH`: billed work plus running work up to its last checkpoint. */
  private accrued(c: number, tH: number): { gpuHours: number; revenueUSD: number } {
    const { jobs } = this;
    let gpuHours = this.sold[c], revenueUSD = this.revenue[c];
    for (let i = 0; i < this.running.size; i++) {
      const j = this.running.job(i);
      if (jobs.cls[j] !== c) continue;
      const h = (this.savedAt(j, tH) - jobs.segmentBaseH[j]) * jobs.gpus[j];
      gpuHours += h;
      revenueUSD += h * this.classes[c].priceUSDPerGPUH(jobs.startH[j]);
    }
    return { gpuHours, revenueUSD };
  }

  /** Inference revenue up to now, USD. */
  inferenceRevenueToDateUSD(): number {
    if (!this.inference) return 0;
    return this.inferenceRevenue + this.held * (this.sim.now - this.heldSinceH) * this.inference.priceUSDPerGPUH(this.heldSinceH);
  }

  metrics(endH: number): ClusterMetrics {
    const availableGpuHours = this.capacityGpus.integralAt(endH);
    const busyGpuHours = this.busyGpus.integralAt(endH);
    const nodeKW = this.spec.nodePowerKW ?? 0;
    const idle = this.idleShare;
    const upGpuHours = this.upGpus.integralAt(endH);
    return {
      utilisation: availableGpuHours > 0 ? busyGpuHours / availableGpuHours : 0,
      busyGpuHours,
      availableGpuHours,
      itEnergyMWh: ((busyGpuHours + idle * (upGpuHours - busyGpuHours)) / this.spec.gpusPerNode) * nodeKW / 1000,
      nodeFailures: this.nodeFailures,
      classes: this.classes.map((_, c) => {
        // Work of jobs still running at the end counts up to their last checkpoint.
        const accrued = this.accrued(c, endH);
        const waits = this.waits[c];
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
          abandoned: this.counts.abandoned[c],
          gpuHoursAbandoned: this.abandonedGpuH[c],
          revenueForgoneUSD: this.forgoneUSD[c],
          meanWaitH: waits.count ? waits.sum / waits.count : NaN,
          p95WaitH: waits.quantile(0.95),
          gpuHoursSold: accrued.gpuHours,
          revenueUSD: accrued.revenueUSD,
          gpuHoursLost: this.lost[c],
          little: {
            meanInSystem: this.inSystem[c].averageAt(endH),
            arrivalRatePerH: admitted / endH,
            meanTimeInSystemH: admitted > 0 ? (this.timeInSystem[c] + open) / admitted : 0,
          },
        };
      }),
      ...(this.inference
        ? {
            inference: {
              wantedGpuHours: this.wantedGpus.integralAt(endH),
              servedGpuHours: this.servedGpus.integralAt(endH),
              shortfallGpuHours: this.wantedGpus.integralAt(endH) - this.servedGpus.integralAt(endH),
              revenueUSD: this.inferenceRevenue + this.held * (endH - this.heldSinceH) * this.inference.priceUSDPerGPUH(this.heldSinceH),
              slaCreditsUSD: (this.wantedGpus.integralAt(endH) - this.servedGpus.integralAt(endH)) * (this.inference.creditUSDPerGPUHMissed ?? 0),
            },
          }
        : {}),
    };
  }

  // ── events ────────────────────────────────────────────────────────────────────────────────

  /**
   * Job arrivals and ends share one engine event, armed for the sooner of the two, and run inline
   * while each next one comes before anything else pending (see Simulation.continueAt). At equal
   * times an end goes first, so an arrival finds the GPUs it freed.
   */
  private readonly onStep = (): void => {
    this.stepEvent = -1;
    this.stepAtH = Infinity;
    this.stepping = true;
    const { running, nextArrivalH } = this;
    for (;;) {
      const now = this.sim.now;
      if (running.size > 0 && running.end(0) <= now) {
        this.finish(running.job(0));
      } else {
        let c = 0;
        while (c < nextArrivalH.length && !(nextArrivalH[c] <= now)) c++;
        if (c < nextArrivalH.length) this.arrive(c);
        else if (this.nextDeadlineH <= now) this.abandonExpired();
        else break; // nothing due: what was armed for has gone
      }
      this.notifyLoad();
      if (!this.sim.continueAt(this.nextStepH(), this.kinds.step)) break;
    }
    this.stepping = false;
    this.armStep();
  };

  /** The time of the cluster's next arrival, job end or customer leaving (Infinity: none). */
  private nextStepH(): number {
    let t = this.running.size > 0 ? this.running.end(0) : Infinity;
    if (this.nextDeadlineH < t) t = this.nextDeadlineH;
    const next = this.nextArrivalH;
    for (let c = 0; c < next.length; c++) if (next[c] < t) t = next[c];
    return t;
  }

  /** Keeps the one engine event at the cluster's next arrival or end (the step handler arms it on leaving). */
  private armStep(): void {
    if (this.stepping) return;
    const t = this.nextStepH();
    if (t === this.stepAtH) return;
    if (this.stepEvent >= 0) this.sim.cancel(this.stepEvent);
    this.stepAtH = t;
    this.stepEvent = t < Infinity ? this.sim.schedule(t, this.kinds.step) : -1;
  }

  private arrive(c: number): void {
    const spec = this.classes[c];
    this.nextArrivalH[c] = spec.arrivals!.next(this.sim.now, this.rng.arrivals[c]);
    const gpus = spec.gpus.sample(this.rng.jobs[c]);
    const work = spec.durationH.sample(this.rng.jobs[c]);
    // Drawn after the job's own draws, and only for a class with a patience: a class without one draws as before.
    const patience = spec.patienceH ? spec.patienceH.sample(this.rng.jobs[c]) : Infinity;
    this.admit(c, gpus, work, patience);
  }

  private readonly onFixedArrival = (i: number): void => {
    const f = this.fixed[i];
    this.admit(f.cls, f.gpus, f.workH);
    this.notifyLoad();
  };

  private admit(c: number, gpus: number, work: number, patienceH = Infinity): void {
    const now = this.sim.now;
    const spec = this.classes[c];
    this.counts.arrived[c]++;
    const j = this.jobs.add(c, gpus, work, spec.checkpointH, now);
    if (patienceH < Infinity) {
      this.jobs.deadlineH[j] = now + patienceH;
      if (this.jobs.deadlineH[j] < this.nextDeadlineH) {
        this.nextDeadlineH = this.jobs.deadlineH[j];
        this.armStep();
      }
    }
    if (gpus > this.spec.gpus) {
      // Wider than the whole cluster: it could never start. Refuse it now rather than queue it forever.
      this.jobs.state[j] = REJECTED;
      this.counts.rejected[c]++;
      return;
    }
    this.inSystem[c].add(now, 1);
    this.queue.pushBack(c, j);
    if (this.reservedHead >= 0 && c >= this.jobs.cls[this.reservedHead]) this.backfillNewcomer(j, c);
    else this.schedulePass();
  }

  /** Job j has done all its work. */
  private finish(j: number): void {
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
    // A renewed contract comes back as a new job of the same width and term (drawn from the class's
    // own stream, which a class of fixed jobs uses for nothing else).
    const renewal = this.classes[c].renewal;
    if (renewal !== undefined && this.rng.jobs[c].next() < renewal) this.admit(c, jobs.gpus[j], jobs.workH[j]);
    else this.schedulePass();
  }

  /**
   * Customers whose patience ran out before their job first started leave now: their jobs go, with
   * the work and revenue they would have brought. Then a pass, since a head that left may have held
   * back jobs behind it. Sets the next deadline from the jobs still waiting.
   */
  private abandonExpired(): void {
    const { jobs, queue } = this;
    const now = this.sim.now;
    let next = Infinity, left = false;
    for (let j = queue.first(); j >= 0; ) {
      const c = jobs.cls[j];
      const after = queue.after(j, c);
      if (Number.isNaN(jobs.firstWaitH[j])) {
        const d = jobs.deadlineH[j];
        if (d <= now) {
          queue.remove(c, j);
          jobs.state[j] = ABANDONED;
          this.counts.abandoned[c]++;
          const gpuH = jobs.gpus[j] * jobs.workH[j];
          this.abandonedGpuH[c] += gpuH;
          this.forgoneUSD[c] += gpuH * this.classes[c].priceUSDPerGPUH(d);
          this.inSystem[c].add(now, -1);
          this.timeInSystem[c] += d - jobs.submitH[j];
          left = true;
        } else if (d < next) {
          next = d;
        }
      }
      j = after;
    }
    this.nextDeadlineH = next;
    if (left) this.schedulePass();
  }

  private readonly onFailure = (): void => {
    this.failureEvent = -1;
    this.nodeFailures++;
    const hit = this.rng.failures.next() * this.upNodes * this.spec.gpusPerNode;
    if (hit < this.busy) {
      // The failed GPU belongs to a running job: walk the jobs, each weighted by its GPUs. A job
      // with lower classes running below it moves onto their GPUs instead (the capacity cut below
      // preempts them, lowest first); a job of the lowest running class loses its work since the
      // last checkpoint.
      let acc = 0;
      for (let i = 0; i < this.running.size; i++) {
        const j = this.running.job(i);
        acc += this.jobs.gpus[j];
        if (hit < acc) {
          if (!this.runsBelow(this.jobs.cls[j])) {
            this.counts.failed[this.jobs.cls[j]]++;
            this.interrupt(j);
          }
          break;
        }
      }
    }
    this.upNodes--;
    this.reservedHead = -1;
    this.capacityGpus.set(this.sim.now, this.capacity);
    this.upGpus.set(this.sim.now, this.upNodes * this.spec.gpusPerNode);
    this.loadChanged = true;
    this.sim.after(this.spec.repairH.sample(this.rng.failures), this.kinds.repair);
    this.enforceCapacity();
    this.scheduleFailure();
    this.schedulePass();
    this.notifyLoad();
  };

  private readonly onRepair = (): void => {
    this.upNodes++;
    this.reservedHead = -1;
    this.capacityGpus.set(this.sim.now, this.capacity);
    this.upGpus.set(this.sim.now, this.upNodes * this.spec.gpusPerNode);
    this.loadChanged = true;
    this.scheduleFailure();
    this.schedulePass();
    this.notifyLoad();
  };

  private readonly onCap = (gpus: number): void => {
    this.powerCapGPUs = Math.max(0, Math.min(this.spec.gpus, gpus));
    this.reservedHead = -1;
    this.capacityGpus.set(this.sim.now, this.capacity);
    this.loadChanged = true; // the GPUs that may idle changed, and with them the idle draw
    this.enforceCapacity();
    this.schedulePass();
    this.notifyLoad();
  };

  private heldSinceH = 0;

  private readonly onInferenceHour = (): void => {
    const now = this.sim.now;
    const spec = this.inference!;
    const freeBefore = this.capacity - this.busy - this.held;
    this.wanted = Math.max(0, Math.floor(spec.gpusWanted(now)));
    this.wantedGpus.set(now, this.wanted);
    this.allocateInference();
    this.sim.schedule(Math.floor(now) + 1, this.kinds.inference, 0, -1);
    // Only GPUs set free can start a job: a pass with no more free than before the hour would find
    // what the last pass found (waiting jobs only get harder to backfill as time passes).
    if (this.capacity - this.busy - this.held > freeBefore) this.schedulePass();
    this.notifyLoad();
  };

  /** Inference takes what it wants, up to what the classes ranked above it leave, preempting those below. */
  private allocateInference(): void {
    if (!this.inference) return;
    let above = 0;
    for (let c = 0; c < this.inference.rank; c++) above += this.busyByClass[c];
    const target = Math.max(0, Math.min(this.wanted, this.capacity - above));
    while (this.capacity - this.busy < target) {
      const victim = this.lowestRunning(this.inference.rank);
      if (victim < 0) break;
      this.counts.preempted[this.jobs.cls[victim]]++;
      this.interrupt(victim);
    }
    this.setHeld(Math.max(0, Math.min(target, this.capacity - this.busy)));
  }

  private setHeld(gpus: number): void {
    const now = this.sim.now;
    if (this.inference) this.inferenceRevenue += this.held * (now - this.heldSinceH) * this.inference.priceUSDPerGPUH(this.heldSinceH);
    this.heldSinceH = now;
    if (gpus !== this.held) this.reservedHead = -1;
    this.held = gpus;
    this.servedGpus.set(now, gpus);
    this.busyGpus.set(now, this.busy + this.held);
    this.loadChanged = true;
  }

  /** The running job to preempt first among classes ≥ `fromClass`: lowest class, latest start; −1 if none. */
  private lowestRunning(fromClass: number): number {
    if (!this.runsBelow(fromClass - 1)) return -1;
    const { jobs } = this;
    let victim = -1;
    for (let i = 0; i < this.running.size; i++) {
      const j = this.running.job(i);
      if (jobs.cls[j] < fromClass) continue;
      if (victim < 0 || jobs.cls[j] > jobs.cls[victim] || (jobs.cls[j] === jobs.cls[victim] && jobs.startH[j] > jobs.startH[victim])) victim = j;
    }
    return victim;
  }

  /** Tells the listener, once, that this event changed the load. */
  private notifyLoad(): void {
    if (!this.loadChanged) return;
    this.loadChanged = false;
    this.onLoadChange?.();
  }

  /** Are jobs of any class below `c` (a larger index) running? */
  private runsBelow(c: number): boolean {
    for (let k = c + 1; k < this.busyByClass.length; k++) if (this.busyByClass[k] > 0) return true;
    return false;
  }

  // ── scheduling ────────────────────────────────────────────────────────────────────────────

  private schedulePass(): void {
    const { jobs, queue } = this;
    this.reservedHead = -1;
    let free = this.capacity - this.busy - this.held;
    if (free < this.minJobGpus) return;
    let j = queue.first();
    while (j >= 0 && jobs.gpus[j] <= free) {
      this.launch(j);
      free -= jobs.gpus[j];
      j = queue.first();
    }
    if (j < 0 || free < this.minJobGpus || this.scheduler.policy === 'fifo') return;

    // EASY: reserve for the blocked head, then backfill behind it without delaying that reservation.
    const need = jobs.gpus[j];
    let shadowH = Infinity, extra = free;
    if (need <= this.capacity - this.held) {
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
    for (let scanned = 0; k >= 0 && scanned < this.scheduler.backfillDepth && free >= this.minJobGpus; ) {
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
    this.reservedExtra = extra;
  }

  /**
   * A job arrived behind a blocked head whose reservation still holds. A full pass would try the
   * same jobs against the same reservation and GPUs, and turn down the same ones (time has only
   * moved on, which makes ending before the reservation harder), so only the newcomer is tried —
   * if it is within the depth a pass looks.
   */
  private backfillNewcomer(j: number, c: number): void {
    const { jobs } = this;
    const g = jobs.gpus[j];
    if (g > this.capacity - this.busy - this.held) return;
    let ahead = -1; // jobs ahead of it in service order, the head included
    for (let k = 0; k <= c; k++) ahead += this.queue.length(k);
    if (ahead > this.scheduler.backfillDepth) return;
    const endsInTime = this.sim.now + (jobs.workH[j] - jobs.savedH[j]) <= this.reservedStartH;
    if (endsInTime || g <= this.reservedExtra) {
      if (!endsInTime) this.reservedExtra -= g;
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
      this.waits[c].push(jobs.firstWaitH[j]);
    }
    jobs.state[j] = RUNNING;
    jobs.startH[j] = now;
    jobs.segmentBaseH[j] = jobs.savedH[j];
    jobs.endH[j] = now + (jobs.workH[j] - jobs.savedH[j]);
    this.running.insert(j, jobs.endH[j]);
    this.armStep();
    this.busy += jobs.gpus[j];
    this.busyByClass[c] += jobs.gpus[j];
    this.busyGpus.set(now, this.busy + this.held);
    this.loadChanged = true;
  }

  /** Takes job j off its GPUs. */
  private release(j: number): void {
    this.reservedHead = -1;
    this.running.remove(j, this.jobs.endH[j]);
    this.armStep();
    this.busy -= this.jobs.gpus[j];
    this.busyByClass[this.jobs.cls[j]] -= this.jobs.gpus[j];
    this.busyGpus.set(this.sim.now, this.busy + this.held);
    this.loadChanged = true;
  }

  /** Stops a running job (preemption or failure): it keeps its last checkpoint and waits again at the front. */
  private interrupt(j: number): void {
    const { jobs } = this;
    const now = this.sim.now;
    const c = jobs.cls[j];
    const progress = jobs.segmentBaseH[j] + (now - jobs.startH[j]);
    const saved = this.savedAt(j, now);
    this.lost[c] += (progress - saved) * jobs.gpus[j];
    this.bill(j, saved);
    jobs.savedH[j] = saved;
    this.release(j);
    jobs.state[j] = QUEUED;
    this.queue.pushFront(c, j);
  }

  /** Hours of job j's work safe at `nowH`: its progress at the last checkpoint (all of it with continuous checkpoints). */
  private savedAt(j: number, nowH: number): number {
    const { jobs } = this;
    const progress = jobs.segmentBaseH[j] + (nowH - jobs.startH[j]);
    const ckpt = jobs.checkpointH[j];
    return ckpt === 0 ? progress : Math.max(jobs.segmentBaseH[j], Number.isFinite(ckpt) ? Math.floor(progress / ckpt) * ckpt : 0);
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

  /**
   * Makes what runs fit the capacity: job classes ranked below inference are preempted first (lowest
   * class, latest start), then inference shrinks, then the classes above it are preempted.
   */
  private enforceCapacity(): void {
    const rank = this.inference ? this.inference.rank : this.classes.length;
    while (this.busy + this.held > this.capacity) {
      let victim = this.lowestRunning(rank);
      if (victim < 0 && this.held > 0) {
        this.setHeld(Math.max(0, this.capacity - this.busy));
        continue;
      }
      if (victim < 0) victim = this.lowestRunning(0);
      this.counts.preempted[this.jobs.cls[victim]]++;
      this.interrupt(victim);
    }
    // Room freed above inference may let it grow back to what it wants.
    if (this.inference && this.held < this.wanted) this.allocateInference();
  }

  private scheduleFailure(): void {
    if (this.failureEvent >= 0) this.sim.cancel(this.failureEvent);
    this.failureEvent = -1;
    const nodeMtbfH = this.spec.gpuMtbfH / this.spec.gpusPerNode;
    if (!finite(nodeMtbfH) || this.upNodes === 0) return;
    this.failureEvent = this.sim.after(this.rng.failures.standardExponential() * (nodeMtbfH / this.upNodes), this.kinds.fail);
  }
}
