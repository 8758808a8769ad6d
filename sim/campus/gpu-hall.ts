/**
 * An owned GPU hall inside a campus run: the HPC cluster on the campus's own event engine, built
 * when the hall comes online, cut off by grid outages, and read by the campus for its power draw
 * (every change in busy or up GPUs re-rates the campus's power) and its revenue by segment.
 */
import type { Simulation } from '../core/engine.js';
import { randomStream } from '../core/stream.js';
import { Cluster, type ClusterMetrics } from '../hpc/cluster.js';
import { gpuCloudSetup, type GpuCloudSetup } from '../hpc/gpu-cloud.js';
import type { GpuCloudConfig } from '../scenario/types.js';

export interface GpuRevenue {
  reservedUSD: number;
  trainingUSD: number;
  /** Inference served, less the SLA credits for inference wanted but not served. */
  inferenceUSD: number;
}

export class GpuHall {
  private cluster: Cluster | undefined;
  private readonly setup: GpuCloudSetup;
  private gridUp = true;
  private readonly onlineKind: number;

  /**
   * `onLoad` is called whenever the hall's draw changes; `onOnline` once, when it starts. Streams are
   * named by segment, not by layout, so every layout's hall sees the same arrivals and failures
   * (common random numbers across layouts).
   */
  constructor(
    private readonly sim: Simulation,
    readonly config: GpuCloudConfig,
    private readonly seed: number,
    private readonly replication: number,
    private readonly onLoad: () => void,
    private readonly onOnline: () => void,
    horizonH: number,
    priority: number,
  ) {
    this.setup = gpuCloudSetup(config, horizonH);
    this.onlineKind = sim.on('GPU hall online', this.start);
    sim.schedule(config.onlineH, this.onlineKind, 0, priority);
  }

  get online(): boolean {
    return this.cluster !== undefined;
  }

  get gpus(): number {
    return this.setup.cluster.gpus;
  }

  /** Facility power the hall draws now, MW (IT × PUE; nothing before it is online). */
  facilityDrawMW(): number {
    return this.cluster ? (this.cluster.itPowerKW() / 1000) * this.config.pue : 0;
  }

  /** A grid outage takes every GPU down; the end of one brings them back. */
  setGridUp(up: boolean): void {
    this.gridUp = up;
    this.cluster?.capNow(up ? this.gpus : 0);
  }

  /** Revenue by segment earned up to now. */
  revenueToDate(): GpuRevenue {
    const c = this.cluster;
    if (!c) return { reservedUSD: 0, trainingUSD: 0, inferenceUSD: 0 };
    const { reservedClass, trainingClass, inference } = this.setup;
    const shortfall = inference ? c.inferenceShortfallGpuHoursAt(this.sim.now) : 0;
    return {
      reservedUSD: reservedClass >= 0 ? c.revenueToDateUSD(reservedClass) : 0,
      trainingUSD: trainingClass >= 0 ? c.revenueToDateUSD(trainingClass) : 0,
      inferenceUSD: c.inferenceRevenueToDateUSD() - shortfall * (inference?.creditUSDPerGPUHMissed ?? 0),
    };
  }

  /** GPU-hours busy and available so far (zero before the hall is online). */
  gpuHoursToDate(): { busy: number; available: number } {
    return this.cluster ? this.cluster.gpuHoursAt(this.sim.now) : { busy: 0, available: 0 };
  }

  /** The cluster's figures at `endH`, or undefined if the hall never came online. */
  metrics(endH: number): (ClusterMetrics & { setup: GpuCloudSetup }) | undefined {
    return this.cluster ? { ...this.cluster.metrics(endH), setup: this.setup } : undefined;
  }

  private readonly start = (): void => {
    const s = this.setup;
    const stream = (component: string) => randomStream(this.seed, this.replication, `gpuCloud.${component}`);
    const cluster = new Cluster(this.sim, s.cluster, s.classes, s.scheduler, {
      arrivals: s.classes.map((c) => stream(`${c.name}.arrivals`)),
      jobs: s.classes.map((c) => stream(`${c.name}.jobs`)),
      failures: stream('failures'),
    }, s.inference);
    cluster.onLoadChange = this.onLoad;
    this.cluster = cluster;
    cluster.start();
    if (!this.gridUp) cluster.capNow(0);
    this.onOnline();
    this.onLoad();
  };
}
