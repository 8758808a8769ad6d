/**
 * An owned GPU hall inside a campus run: the HPC cluster on the campus's own event engine, built
 * when the hall comes online and grown phase by phase, cut off by grid outages, and read by the campus for its power draw
 * (every change in busy or up GPUs re-rates the campus's power) and its revenue by segment.
 */
import type { Simulation } from '../core/engine.js';
import { randomStream } from '../core/stream.js';
import { Cluster, type ClusterMetrics } from '../hpc/cluster.js';
import { gpuCloudSetup, type GpuCloudSetup, phaseNodes } from '../hpc/gpu-cloud.js';
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
  private readonly phaseKind: number;
  /** GPUs installed so far (the build-out phases reached). */
  private installedGpus = 0;

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
    this.phaseKind = sim.on('GPU hall phase', this.onPhase);
    sim.schedule(config.onlineH, this.onlineKind, 0, priority);
    for (let k = 1; k < config.phases.length; k++) sim.schedule(config.phases[k].atH, this.phaseKind, k, priority);
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

  /** A grid outage takes every GPU down; the end of one brings back those installed. */
  setGridUp(up: boolean): void {
    this.gridUp = up;
    this.cluster?.capNow(this.allowedGpus());
  }

  private allowedGpus(): number {
    return this.gridUp ? this.installedGpus : 0;
  }

  private readonly onPhase = (k: number): void => {
    this.installedGpus = phaseNodes(this.config, this.config.phases[k].share) * this.config.gpusPerNode;
    this.cluster?.capNow(this.allowedGpus());
  };

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
    this.installedGpus = phaseNodes(this.config, this.config.phases[0].share) * this.config.gpusPerNode;
    cluster.start();
    if (this.allowedGpus() < this.gpus) cluster.capNow(this.allowedGpus());
    this.onOnline();
    this.onLoad();
  };
}
