/**
 * A GPU cluster on the event engine: its event loop, and the order in which its mechanisms act.
 *
 *   scheduler.ts          which waiting jobs start (FIFO or EASY backfill), which running job is preempted first
 *   preemption.ts         what stops when capacity falls or inference wants more
 *   elastic-inference.ts  the GPUs inference wants each hour, what it holds and earns
 *   node-failures.ts      when nodes fail and are repaired, and which job a failure hits
 *   customers.ts          customers who leave before their job starts, contracts that renew
 *   billing.ts            work billed up to the last checkpoint, work lost
 *   gpu-pool.ts           the GPUs up, allowed, busy and held, and their IT power
 *   cluster-metrics.ts    what the cluster reports
 *
 * Capacity is GPUs on nodes that are up, capped by what power and cooling allow. A failure that
 * lands on a job with lower classes running below it moves the job onto their GPUs instead (the
 * capacity cut then preempts them); otherwise the job loses its work since its last checkpoint.
 * Reserved blocks are fixed jobs: a block of GPUs held from a start for a term, at the top of the
 * queue, resuming where it stopped if cut. The mechanisms are plain classes sharing the GPU pool and
 * the job table, called from here only, in a fixed order: the order in which random numbers are
 * drawn and events scheduled, on which every output byte depends.
 */
import type { EventId, Simulation } from '../core/engine.js';
import type { RandomStream } from '../core/stream.js';
import { Billing } from './billing.js';
import { checkClusterSpec, type ClusterSpec, type InferenceSpec, type JobClassSpec, narrowestJobGpus, type SchedulerSpec } from './cluster-spec.js';
import { ClassTallies, type ClusterMetrics } from './cluster-metrics.js';
import { Customers } from './customers.js';
import { ElasticInference } from './elastic-inference.js';
import { GpuPool } from './gpu-pool.js';
import { DONE, JobTable, REJECTED } from './job-table.js';
import { NodeFailures } from './node-failures.js';
import { Preemption } from './preemption.js';
import { Scheduler } from './scheduler.js';

export class Cluster {
  readonly jobs = new JobTable(4096);
  private readonly pool: GpuPool;
  private readonly scheduler: Scheduler;
  private readonly tallies: ClassTallies;
  private readonly billing: Billing;
  private readonly customers: Customers;
  private readonly failures: NodeFailures;
  private readonly inference: ElasticInference | undefined;
  private readonly preemption: Preemption;
  private readonly fixed: Array<{ cls: number; atH: number; gpus: number; workH: number }>;
  /** Each class's next random arrival, hours (Infinity: none). */
  private readonly nextArrivalH: Float64Array;
  /** The one engine event for the cluster's next arrival, job end or customer leaving, and its time. */
  private stepEvent: EventId = -1;
  private stepAtH = Infinity;
  /** Inside the step handler, which arms the next step itself when it is done. */
  private stepping = false;
  private readonly kinds: { step: number; fixed: number; fail: number; repair: number; cap: number; inference: number };
  /**
   * When set, called once after each event that changed the GPUs busy or up, so a campus can re-rate
   * the hall's power draw. Once per event, not per change: a pass that starts ten jobs at one instant
   * is one change of draw, and a listener that ran ten times would only redo its sums.
   */
  onLoadChange?: () => void;

  constructor(
    private readonly sim: Simulation,
    private readonly spec: ClusterSpec,
    private readonly classes: readonly JobClassSpec[],
    schedulerSpec: SchedulerSpec,
    private readonly rng: { arrivals: RandomStream[]; jobs: RandomStream[]; failures: RandomStream },
    inferenceSpec?: InferenceSpec,
  ) {
    checkClusterSpec(spec, classes, schedulerSpec, inferenceSpec);
    const k = classes.length;
    this.fixed = classes.flatMap((c, cls) => (c.fixedJobs ?? []).map((f) => ({ cls, ...f })));
    this.nextArrivalH = new Float64Array(k).fill(Infinity);
    this.kinds = {
      step: sim.on('job arrival or end', this.onStep),
      fixed: sim.on('fixed job arrival', this.onFixedArrival),
      inference: sim.on('inference hour', this.onInferenceHour),
      fail: sim.on('node failure', this.onFailure),
      repair: sim.on('node repair', this.onRepair),
      cap: sim.on('power cap', this.onCap),
    };
    this.pool = new GpuPool(spec, k, sim.now);
    this.tallies = new ClassTallies(k, sim.now);
    this.scheduler = new Scheduler(sim, this.jobs, this.pool, this.tallies, schedulerSpec, k, narrowestJobGpus(classes), this.armStep);
    this.billing = new Billing(this.jobs, this.scheduler.running, classes);
    this.customers = new Customers(this.jobs, this.scheduler.queue, classes, this.tallies, rng.jobs);
    this.failures = new NodeFailures(sim, spec, this.pool, rng.failures, this.kinds.fail, this.kinds.repair);
    this.inference = inferenceSpec ? new ElasticInference(sim, inferenceSpec, this.pool) : undefined;
    this.preemption = new Preemption(sim, this.jobs, this.pool, this.scheduler, this.billing, this.tallies, this.inference, k);
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
        this.tallies.waits[i].reserve(n + (c.fixedJobs?.length ?? 0));
        expected += n;
      });
      this.jobs.reserve(expected);
      this.scheduler.reserve(expected);
    }
    this.classes.forEach((c, i) => {
      if (c.arrivals) this.nextArrivalH[i] = c.arrivals.next(this.sim.now, this.rng.arrivals[i]);
    });
    this.armStep();
    this.fixed.forEach((f, i) => this.sim.schedule(Math.max(this.sim.now, f.atH), this.kinds.fixed, i));
    if (this.inference) this.sim.schedule(this.sim.now, this.kinds.inference, 0, -1);
    this.failures.scheduleNext();
  }

  /** When set, called with (head job, its reservation) each time backfill reserves for a head: lets tests check EASY's promise. */
  set onReservation(listener: ((job: number, reservedStartH: number) => void) | undefined) {
    this.scheduler.onReservation = listener;
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
    return { busy: this.pool.busyGpus.integralAt(tH), available: this.pool.capacityGpus.integralAt(tH) };
  }

  /** Inference GPU-hours wanted but not served from the start to `tH` (0 without inference). */
  inferenceShortfallGpuHoursAt(tH: number): number {
    return this.inference ? this.inference.shortfallGpuHoursAt(tH) : 0;
  }

  /** GPUs that may run now. */
  get capacity(): number {
    return this.pool.capacity;
  }

  /** GPUs on nodes that are up. */
  get upGPUs(): number {
    return this.pool.upNodes * this.pool.gpusPerNode;
  }

  /** GPUs running jobs or serving inference. */
  get busyGPUs(): number {
    return this.pool.jobGpus + this.pool.heldGpus;
  }

  /** IT power now, MW (gpu-pool.ts says how). */
  itPowerMW(): number {
    return this.pool.itPowerMW();
  }

  /**
   * Revenue of class `c` earned up to now, USD: work billed, plus what running jobs have done up to
   * their last checkpoint (work after it may still be lost, so it is not counted yet). Never falls.
   */
  revenueToDateUSD(c: number): number {
    return this.billing.accrued(c, this.sim.now).revenueUSD;
  }

  /** Inference revenue up to now, USD. */
  inferenceRevenueToDateUSD(): number {
    return this.inference ? this.inference.revenueUSDAt(this.sim.now) : 0;
  }

  metrics(endH: number): ClusterMetrics {
    const availableGpuHours = this.pool.capacityGpus.integralAt(endH);
    const busyGpuHours = this.pool.busyGpus.integralAt(endH);
    return {
      utilisation: availableGpuHours > 0 ? busyGpuHours / availableGpuHours : 0,
      busyGpuHours,
      availableGpuHours,
      itEnergyMWh: this.pool.itEnergyMWh(endH, busyGpuHours),
      nodeFailures: this.failures.count,
      classes: this.classes.map((_, c) => this.tallies.classMetrics(c, endH, this.jobs, this.billing)),
      ...(this.inference ? { inference: this.inference.metrics(endH) } : {}),
    };
  }

  // ── jobs: arrivals, ends and customers leaving, on one event ─────────────────────────────────

  /**
   * Job arrivals and ends share one engine event, armed for the sooner of the two, and run inline
   * while each next one comes before anything else pending (see Simulation.continueAt). At equal
   * times an end goes first, so an arrival finds the GPUs it freed.
   */
  private readonly onStep = (): void => {
    this.stepEvent = -1;
    this.stepAtH = Infinity;
    this.stepping = true;
    const { nextArrivalH } = this;
    const running = this.scheduler.running;
    for (;;) {
      const now = this.sim.now;
      if (running.size > 0 && running.end(0) <= now) {
        this.finish(running.job(0));
      } else {
        let c = 0;
        while (c < nextArrivalH.length && !(nextArrivalH[c] <= now)) c++;
        if (c < nextArrivalH.length) this.arrive(c);
        else if (this.customers.nextDeadlineH <= now) {
          if (this.customers.abandonExpired(now)) this.scheduler.pass();
        } else break; // nothing due: what was armed for has gone
      }
      this.notifyLoad();
      if (!this.sim.continueAt(this.nextStepH(), this.kinds.step)) break;
    }
    this.stepping = false;
    this.armStep();
  };

  /** The time of the cluster's next arrival, job end or customer leaving (Infinity: none). */
  private nextStepH(): number {
    const running = this.scheduler.running;
    let t = running.size > 0 ? running.end(0) : Infinity;
    if (this.customers.nextDeadlineH < t) t = this.customers.nextDeadlineH;
    const next = this.nextArrivalH;
    for (let c = 0; c < next.length; c++) if (next[c] < t) t = next[c];
    return t;
  }

  /** Keeps the one engine event at the cluster's next arrival or end (the step handler arms it on leaving). */
  private readonly armStep = (): void => {
    if (this.stepping) return;
    const t = this.nextStepH();
    if (t === this.stepAtH) return;
    if (this.stepEvent >= 0) this.sim.cancel(this.stepEvent);
    this.stepAtH = t;
    this.stepEvent = t < Infinity ? this.sim.schedule(t, this.kinds.step) : -1;
  };

  private arrive(c: number): void {
    const spec = this.classes[c];
    this.nextArrivalH[c] = spec.arrivals!.next(this.sim.now, this.rng.arrivals[c]);
    const gpus = spec.gpus.sample(this.rng.jobs[c]);
    const work = spec.durationH.sample(this.rng.jobs[c]);
    this.admit(c, gpus, work, this.customers.drawPatienceH(c));
  }

  private readonly onFixedArrival = (i: number): void => {
    const f = this.fixed[i];
    this.admit(f.cls, f.gpus, f.workH);
    this.notifyLoad();
  };

  private admit(c: number, gpus: number, work: number, patienceH = Infinity): void {
    const now = this.sim.now;
    this.tallies.arrived[c]++;
    const j = this.jobs.add(c, gpus, work, this.classes[c].checkpointH, now);
    if (patienceH < Infinity && this.customers.leavesAt(j, now + patienceH)) this.armStep();
    if (gpus > this.spec.gpus) {
      // Wider than the whole cluster: it could never start. Refuse it now rather than queue it forever.
      this.jobs.state[j] = REJECTED;
      this.tallies.rejected[c]++;
      return;
    }
    this.tallies.inSystem[c].add(now, 1);
    this.scheduler.submit(j, c);
  }

  /** Job j has done all its work. */
  private finish(j: number): void {
    const now = this.sim.now;
    const { jobs } = this;
    const c = jobs.cls[j];
    this.billing.bill(j, jobs.workH[j]);
    jobs.savedH[j] = jobs.workH[j];
    jobs.state[j] = DONE;
    this.scheduler.release(j);
    this.tallies.completed[c]++;
    this.tallies.leave(c, now, now - jobs.submitH[j]);
    if (this.customers.renews(c)) this.admit(c, jobs.gpus[j], jobs.workH[j]);
    else this.scheduler.pass();
  }

  // ── capacity: failures, repairs, power caps, inference ─────────────────────────────────────

  private readonly onFailure = (): void => {
    const j = this.failures.strike(this.jobs, this.scheduler.running);
    // A job with lower classes running below it moves onto their GPUs instead (the capacity cut
    // below preempts them, lowest first); a job of the lowest running class loses its work since
    // the last checkpoint.
    if (j >= 0 && !this.pool.runsBelow(this.jobs.cls[j])) {
      this.tallies.failed[this.jobs.cls[j]]++;
      this.preemption.interrupt(j);
    }
    this.pool.nodesChange(-1, this.sim.now);
    this.failures.scheduleRepair();
    this.preemption.fitCapacity();
    this.failures.scheduleNext();
    this.scheduler.pass();
    this.notifyLoad();
  };

  private readonly onRepair = (): void => {
    this.pool.nodesChange(+1, this.sim.now);
    this.failures.scheduleNext();
    this.scheduler.pass();
    this.notifyLoad();
  };

  private readonly onCap = (gpus: number): void => {
    this.pool.capTo(gpus, this.sim.now);
    this.preemption.fitCapacity();
    this.scheduler.pass();
    this.notifyLoad();
  };

  private readonly onInferenceHour = (): void => {
    const now = this.sim.now;
    const { pool } = this;
    const freeBefore = pool.capacity - pool.jobGpus - pool.heldGpus;
    this.inference!.wantNow();
    this.preemption.allocateInference();
    this.sim.schedule(Math.floor(now) + 1, this.kinds.inference, 0, -1);
    // Only GPUs set free can start a job: a pass with no more free than before the hour would find
    // what the last pass found (waiting jobs only get harder to backfill as time passes).
    if (pool.capacity - pool.jobGpus - pool.heldGpus > freeBefore) this.scheduler.pass();
    this.notifyLoad();
  };

  /** Tells the listener, once, that this event changed the load. */
  private notifyLoad(): void {
    if (!this.pool.loadChanged) return;
    this.pool.loadChanged = false;
    this.onLoadChange?.();
  }
}
