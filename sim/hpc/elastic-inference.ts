/**
 * Elastic inference on a cluster: every hour it wants the GPUs its request rate needs, takes them
 * ahead of the job classes ranked below it (the cluster preempts those if it must) and behind those
 * ranked above; what it cannot get is shortfall — GPU-hours of missed service, the basis of SLA
 * credits. Served GPU-hours earn the price of the hour the hold began.
 */
import type { Simulation } from '../core/engine.js';
import { TimeIntegral } from '../core/stats/time-integral.js';
import type { InferenceSpec } from './cluster-spec.js';
import type { InferenceMetrics } from './cluster-metrics.js';
import type { GpuPool } from './gpu-pool.js';

export class ElasticInference {
  /** Job classes with an index below this come before inference; the others after it. */
  readonly rank: number;
  /** GPUs wanted this hour. */
  wantedGpus = 0;
  /** GPUs wanted and served over time. */
  private readonly wanted: TimeIntegral;
  private readonly served: TimeIntegral;
  /** Revenue of the holds that have ended, USD, and when the current hold began. */
  private closedRevenueUSD = 0;
  private heldSinceH = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly spec: InferenceSpec,
    private readonly pool: GpuPool,
  ) {
    this.rank = spec.rank;
    this.served = new TimeIntegral(sim.now, 0);
    this.wanted = new TimeIntegral(sim.now, 0);
  }

  /** Reads the GPUs wanted at the top of this hour. */
  wantNow(): void {
    const now = this.sim.now;
    this.wantedGpus = Math.max(0, Math.floor(this.spec.gpusWanted(now)));
    this.wanted.set(now, this.wantedGpus);
  }

  /** The GPUs inference should hold: what it wants, up to what the job classes ranked above it leave. */
  targetGpus(): number {
    const { pool } = this;
    let above = 0;
    for (let c = 0; c < this.rank; c++) above += pool.jobGpusByClass[c];
    return Math.max(0, Math.min(this.wantedGpus, pool.capacity - above));
  }

  /** Holds `gpus` GPUs from now on, closing the revenue of the hold that ends. */
  hold(gpus: number): void {
    const now = this.sim.now;
    this.closedRevenueUSD += this.pool.heldGpus * (now - this.heldSinceH) * this.spec.priceUSDPerGPUH(this.heldSinceH);
    this.heldSinceH = now;
    this.pool.hold(gpus, now);
    this.served.set(now, gpus);
  }

  /** Revenue up to `tH`, USD: the holds that have ended and the current one so far. */
  revenueUSDAt(tH: number): number {
    return this.closedRevenueUSD + this.pool.heldGpus * (tH - this.heldSinceH) * this.spec.priceUSDPerGPUH(this.heldSinceH);
  }

  /** GPU-hours wanted but not served from the start to `tH`. */
  shortfallGpuHoursAt(tH: number): number {
    return this.wanted.integralAt(tH) - this.served.integralAt(tH);
  }

  metrics(endH: number): InferenceMetrics {
    const wantedGpuHours = this.wanted.integralAt(endH), servedGpuHours = this.served.integralAt(endH);
    return {
      wantedGpuHours,
      servedGpuHours,
      shortfallGpuHours: wantedGpuHours - servedGpuHours,
      revenueUSD: this.revenueUSDAt(endH),
      slaCreditsUSD: (wantedGpuHours - servedGpuHours) * (this.spec.creditUSDPerGPUHMissed ?? 0),
    };
  }
}
