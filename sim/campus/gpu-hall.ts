/**
 * An owned GPU hall inside a campus run: the HPC cluster on the campus's own event engine, built
 * when the hall comes online and grown phase by phase, capped by the campus to the GPUs its power
 * (grid, backup) and cooling allow, and read by the campus for its power draw (every change in busy
 * or up GPUs re-rates the campus's power) and its revenue by segment. GPUs above the cap, or not
 * yet installed, are switched off, not idling.
 */
import type { Simulation } from '../core/engine.js';
import { randomStream } from '../core/stream.js';
import { Cluster, type ClusterMetrics } from '../hpc/cluster.js';
import { gpuCloudSetup, type GpuCloudSetup, phaseNodes } from '../hpc/gpu-cloud.js';
import type { GpuCloudConfig } from '../hpc/config.js';
import type { HallCooling } from '../site/hall-cooling.js';
import { outageIntervals } from '../site/outages.js';

export interface GpuRevenue {
  reservedUSD: number;
  trainingUSD: number;
  /** Inference served, less the SLA credits for inference wanted but not served. */
  inferenceUSD: number;
}

export class GpuHall {
  private cluster: Cluster | undefined;
  private readonly setup: GpuCloudSetup;
  private capGpus: number;
  private readonly onlineKind: number;
  private readonly phaseKind: number;
  /** GPUs installed so far (the build-out phases reached), and what the cluster was last allowed. */
  private installedGpus = 0;
  private allowedGpus = -1;
  /** GPUs a correlated hall failure leaves (all of them outside one), and its intervals. */
  private survivingGpus: number;
  private readonly hallFailuresH: Array<[number, number]>;
  private readonly failureKind: number;
  /** IT power of one busy GPU (its share of a node), MW, and an idle one's share of it. */
  private readonly gpuMW: number;
  private readonly idleShare: number;

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
    private readonly horizonH: number,
    priority: number,
    /** The hall's cooling against the world's weather; without it the draw is IT × `config.pue`. */
    readonly cooling?: HallCooling,
  ) {
    this.setup = gpuCloudSetup(config, horizonH);
    this.capGpus = this.setup.cluster.gpus;
    this.gpuMW = config.nodePowerKW / 1000 / config.gpusPerNode;
    this.idleShare = config.idlePowerShare;
    this.onlineKind = sim.on('GPU hall online', this.start);
    this.phaseKind = sim.on('GPU hall phase', this.onPhase);
    this.failureKind = sim.on('GPU hall failure edge', this.onHallFailureEdge);
    this.survivingGpus = this.setup.cluster.gpus;
    // Drawn from a stream named for the hall, not the layout: every hall with the same spec fails alike.
    const hf = config.hallFailures;
    this.hallFailuresH = hf ? outageIntervals(hf.spec, horizonH, randomStream(seed, replication, 'gpuCloud.hallFailures')).filter(([, end]) => end > config.onlineH) : [];
    if (this.hallFailuresH.length > 0) sim.schedule(Math.max(config.onlineH, this.hallFailuresH[0][0]), this.failureKind, 0, priority);
    sim.schedule(config.onlineH, this.onlineKind, 0, priority);
    for (let k = 1; k < config.phases.length; k++) sim.schedule(config.phases[k].atH, this.phaseKind, k, priority);
  }

  get online(): boolean {
    return this.cluster !== undefined;
  }

  get gpus(): number {
    return this.setup.cluster.gpus;
  }

  /** IT power the hall draws now, MW: busy GPUs in full, the others it may run at the idle share. */
  itDrawMW(): number {
    const c = this.cluster;
    if (c === undefined) return 0;
    const busy = c.busyGPUs;
    return (busy + this.idleShare * (c.capacity - busy)) * this.gpuMW;
  }

  /** Facility power the hall draws now, in hour `h`, MW: IT and its cooling (nothing before it is online). */
  facilityDrawMW(h: number): number {
    if (this.cluster === undefined) return 0;
    return this.cooling !== undefined ? this.cooling.facilityMW(h, this.itDrawMW()) : this.itDrawMW() * this.config.pue;
  }

  /** The most IT power, MW, `facilityMW` runs in hour `h`, within the cooling's capacity. */
  maxItMW(h: number, facilityMW: number): number {
    if (facilityMW <= 0) return 0;
    return this.cooling !== undefined ? this.cooling.maxItMW(h, facilityMW) : facilityMW / this.config.pue;
  }

  /** GPUs that may run within `itMW` of IT power, all of them busy. */
  gpusForItMW(itMW: number): number {
    const gpus = Math.floor(itMW / this.gpuMW + 1e-9);
    return gpus < 0 ? 0 : gpus > this.gpus ? this.gpus : gpus;
  }

  /** From now on at most `gpus` GPUs may run (0 in a grid outage without backup); lower classes are preempted first. */
  cap(gpus: number): void {
    if (gpus === this.capGpus) return;
    this.capGpus = gpus;
    this.applyCap();
  }

  /** The cluster may run what power and cooling allow, of the GPUs installed so far. */
  private applyCap(): void {
    const allowed = Math.min(this.capGpus, this.installedGpus, this.survivingGpus);
    if (allowed === this.allowedGpus || this.cluster === undefined) return;
    this.allowedGpus = allowed;
    this.cluster.capNow(allowed);
  }

  /** GPUs busy, allowed to run, and up now (zero before the hall is online): for `--check`. */
  gpuCounts(): { busy: number; allowed: number; up: number } {
    const c = this.cluster;
    return c ? { busy: c.busyGPUs, allowed: c.capacity, up: c.upGPUs } : { busy: 0, allowed: 0, up: 0 };
  }

  /** Edges 2i and 2i + 1 start and end hall failure i: its share of the nodes is down meanwhile. */
  private readonly onHallFailureEdge = (edge: number): void => {
    const i = edge >> 1;
    const down = (edge & 1) === 0;
    const lost = this.config.hallFailures!.lostShare;
    this.survivingGpus = down ? Math.floor((1 - lost) * (this.gpus / this.config.gpusPerNode)) * this.config.gpusPerNode : this.gpus;
    this.applyCap();
    this.onLoad();
    if (down) this.sim.schedule(this.hallFailuresH[i][1], this.failureKind, edge + 1, -1);
    else if (i + 1 < this.hallFailuresH.length) this.sim.schedule(this.hallFailuresH[i + 1][0], this.failureKind, edge + 1, -1);
  };

  private readonly onPhase = (k: number): void => {
    this.installedGpus = phaseNodes(this.config, this.config.phases[k].share) * this.config.gpusPerNode;
    this.applyCap();
    this.onLoad(); // newly installed GPUs draw their idle share from now on
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
    cluster.start(this.horizonH);
    this.applyCap();
    this.onOnline();
    this.onLoad();
  };
}
