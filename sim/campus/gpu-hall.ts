/**
 * An owned GPU hall as a load: the HPC cluster on the campus's own event engine, built when the hall
 * comes online and grown phase by phase, capped to the GPUs its power (grid, backup) and cooling
 * allow, drawing what its busy and idle GPUs draw (every change re-rates the campus's power), and
 * earning by segment. GPUs above the cap, or not yet installed, are switched off, not idling.
 */
import { randomStream } from '../core/stream.js';
import { Cluster } from '../hpc/cluster.js';
import type { GpuCloudConfig } from '../hpc/config.js';
import { gpuCloudSetup, type GpuCloudSetup, hallBuiltAt, phaseNodes } from '../hpc/gpu-cloud.js';
import { gpuPowerMW } from '../hpc/gpu-pool.js';
import { ruleBuildsHall } from '../scenario/types.js';
import { HallCooling } from '../site/hall-cooling.js';
import { outageIntervals } from '../site/outages.js';
import { type LoadAccounts, MonthlyChange } from './ledger.js';
import type { Load, LoadContext, LoadKind, LoadReport } from './load.js';
import { gpuMetrics } from './metrics.js';
import { PRIORITY_GRID } from './priorities.js';
import { replayIntervals } from './replay.js';
import type { SiteState } from './site-state.js';

export class GpuHall implements Load {
  readonly shedRank = 1;
  readonly segment = 'compute';
  readonly billed = true;
  readonly onBackup = true;
  readonly gridBound = false;
  readonly hourlyInputs: number;
  readonly recapHourly: boolean;
  // Every field is set in the constructor, so every hall has one hidden class: the campus reads its
  // loads through one call site, which V8 cannot inline past four classes (measured: a study
  // replication spent 3 % of its instructions in generic property loads when fields came later).
  private cluster: Cluster | undefined = undefined;
  /** As configured, or as built when a decision rule builds it (hallBuiltAt: its dates count from the decision). */
  private config: GpuCloudConfig;
  private setup: GpuCloudSetup;
  private readonly cooling: HallCooling | undefined;
  private capGpus: number;
  /** GPUs installed so far (the build-out phases reached), and what the cluster was last allowed. */
  private installedGpus = 0;
  private allowedGpus = -1;
  /** GPUs a correlated hall failure leaves (all of them outside one). */
  private survivingGpus: number;
  /** IT power of one busy GPU (its share of a node), MW: the cluster's own figure, so the GPUs a cap allows draw no more than the power it was set from. */
  private readonly gpuMW: number;
  private readonly gpuRevenue: MonthlyChange;
  private readonly inferenceRevenue: MonthlyChange;
  private gpuHoursAtMonthStart = { busy: 0, available: 0 };

  /** Streams are named by segment, not by layout: every layout's hall sees the same arrivals and failures (common random numbers). */
  constructor(private readonly ctx: LoadContext) {
    const config = ctx.variant.gpuCloud!;
    const { sim, world, horizonH } = ctx;
    this.config = config;
    if (config.cooling && !world.weather) throw new Error(`variant ${ctx.variant.name}: GPU-hall cooling needs the world's weather`);
    this.cooling = config.cooling ? new HallCooling(config.cooling, config.itMW, world.weather!) : undefined;
    this.hourlyInputs = this.cooling ? world.weather!.dryBulbC.length : 0;
    this.recapHourly = this.cooling !== undefined;
    this.setup = gpuCloudSetup(config, horizonH);
    this.capGpus = this.setup.cluster.gpus;
    this.survivingGpus = this.setup.cluster.gpus;
    this.gpuMW = gpuPowerMW(this.setup.cluster);
    this.gpuRevenue = new MonthlyChange(ctx.ledger.monthly.gpuCloudRevenueUSD);
    this.inferenceRevenue = new MonthlyChange(ctx.ledger.monthly.inferenceRevenueUSD);
    // A hall a decision rule builds waits for it (build()); any other is built on its dates.
    if (!ruleBuildsHall(ctx.variant)) this.schedule();
  }

  /** Its opening, phases and failures, on the dates of `this.config`. */
  private schedule(): void {
    const { sim, world, horizonH } = this.ctx;
    const config = this.config;
    // Drawn from a stream named for the hall, not the layout: every hall with the same spec fails alike.
    const hf = config.hallFailures;
    const failuresH = hf ? outageIntervals(hf.spec, horizonH, randomStream(world.seed, world.replication, 'gpuCloud.hallFailures')).filter(([, end]) => end > config.onlineH) : [];
    replayIntervals(sim, 'GPU hall failure edge', failuresH, PRIORITY_GRID, this.onHallFailure, Math.max(config.onlineH, failuresH[0]?.[0] ?? 0));
    // A hall decided too late to open within the horizon is paid for and never runs (its opening is past the end).
    sim.schedule(config.onlineH, sim.on('GPU hall online', this.start), 0, PRIORITY_GRID);
    const phaseKind = sim.on('GPU hall phase', this.onPhase);
    for (let k = 1; k < config.phases.length; k++) sim.schedule(config.phases[k].atH, phaseKind, k, PRIORITY_GRID);
  }

  /** A decision rule starts building it now: it opens its build time later (hallBuiltAt). */
  build(): void {
    this.config = hallBuiltAt(this.config, this.ctx.sim.now, this.ctx.horizonH);
    this.setup = gpuCloudSetup(this.config, this.ctx.horizonH);
    this.schedule();
  }

  get inService(): boolean {
    return this.cluster !== undefined;
  }

  get gpus(): number {
    return this.setup.cluster.gpus;
  }

  itDrawMW(): number {
    return this.cluster !== undefined ? this.cluster.itPowerMW() : 0;
  }

  /** IT and its cooling: IT × PUE(ambient, part load) with a cooling model, else IT × the configured PUE; nothing before it is online. */
  facilityDrawMW(h: number): number {
    if (this.cluster === undefined) return 0;
    return this.cooling !== undefined ? this.cooling.facilityMW(h, this.itDrawMW()) : this.itDrawMW() * this.config.pue;
  }

  maxItMW(h: number, facilityMW: number): number {
    if (facilityMW <= 0) return 0;
    return this.cooling !== undefined ? this.cooling.maxItMW(h, facilityMW) : facilityMW / this.config.pue;
  }

  /** GPUs that may run within `itMW` of IT power, all of them busy. */
  gpusForItMW(itMW: number): number {
    const gpus = Math.floor(itMW / this.gpuMW + 1e-9);
    return gpus < 0 ? 0 : gpus > this.gpus ? this.gpus : gpus;
  }

  decide(): void {}

  demandMW(site: SiteState): number {
    return this.facilityDrawMW(site.hour);
  }

  /** At most the GPUs the power and the cooling allow run from now on (0 in an outage without backup); lower classes are preempted first. */
  cap(site: SiteState, availableMW: number): void {
    const gpus = this.gpusForItMW(this.maxItMW(site.hour, availableMW));
    if (gpus === this.capGpus) return;
    this.capGpus = gpus;
    this.applyCap();
  }

  take(): void {
    // Capped when the power available changes, not on every dispatch: its own load changing leaves its cap alone.
  }

  opexUSDPerH(): number {
    return this.cluster !== undefined ? this.config.itMW * this.ctx.variant.finance.gpuOpexUSDPerMWH : 0;
  }

  curtailedForDemandResponseMW(): number {
    return 0;
  }

  closeMonth(m: number, endH: number): void {
    const r = this.revenueToDate();
    this.gpuRevenue.close(m, r.reservedUSD + r.trainingUSD);
    this.inferenceRevenue.close(m, r.inferenceUSD);
    const hours = this.cluster ? this.cluster.gpuHoursAt(endH) : { busy: 0, available: 0 };
    const available = hours.available - this.gpuHoursAtMonthStart.available;
    this.ctx.ledger.monthly.gpuUtilisation[m] = available > 0 ? (hours.busy - this.gpuHoursAtMonthStart.busy) / available : NaN;
    this.gpuHoursAtMonthStart = hours;
  }

  report(endH: number, accounts: LoadAccounts): LoadReport {
    const metrics = {
      ...gpuMetrics(this.cluster ? { ...this.cluster.metrics(endH), setup: this.setup } : undefined),
      gpuEnergyMWh: accounts.facilityMW.integralAt(endH),
      gpuItEnergyMWh: accounts.itMW.integralAt(endH),
      gpuDowntimeHours: accounts.darkHours.integralAt(endH),
    };
    return { metrics, revenueUSD: metrics.gpuCloudRevenueUSD, creditsPaidUSD: 0 };
  }

  problem(): string | undefined {
    const c = this.cluster;
    if (c === undefined) return undefined;
    if (!(c.busyGPUs <= c.capacity)) return `${c.busyGPUs} GPUs busy, more than the ${c.capacity} allowed to run`;
    if (!(c.capacity <= c.upGPUs)) return `${c.capacity} GPUs allowed to run, more than the ${c.upGPUs} up`;
    return undefined;
  }

  /** Revenue by segment earned up to now; inference less the SLA credits for inference wanted but not served. */
  private revenueToDate(): { reservedUSD: number; trainingUSD: number; inferenceUSD: number } {
    const c = this.cluster;
    if (!c) return { reservedUSD: 0, trainingUSD: 0, inferenceUSD: 0 };
    const { reservedClass, trainingClass, inference } = this.setup;
    const shortfall = inference ? c.inferenceShortfallGpuHoursAt(this.ctx.sim.now) : 0;
    return {
      reservedUSD: reservedClass >= 0 ? c.revenueToDateUSD(reservedClass) : 0,
      trainingUSD: trainingClass >= 0 ? c.revenueToDateUSD(trainingClass) : 0,
      inferenceUSD: c.inferenceRevenueToDateUSD() - shortfall * (inference?.creditUSDPerGPUHMissed ?? 0),
    };
  }

  /** The cluster may run what power and cooling allow, of the GPUs installed so far and not failed. */
  private applyCap(): void {
    const allowed = Math.min(this.capGpus, this.installedGpus, this.survivingGpus);
    if (allowed === this.allowedGpus || this.cluster === undefined) return;
    this.allowedGpus = allowed;
    this.cluster.capNow(allowed);
  }

  /** While a hall failure lasts, its share of the nodes is down. */
  private readonly onHallFailure = (starts: boolean): void => {
    const lost = this.config.hallFailures!.lostShare;
    this.survivingGpus = starts ? Math.floor((1 - lost) * (this.gpus / this.config.gpusPerNode)) * this.config.gpusPerNode : this.gpus;
    this.applyCap();
    this.ctx.drawChanged(this);
  };

  private readonly onPhase = (k: number): void => {
    this.installedGpus = phaseNodes(this.config, this.config.phases[k].share) * this.config.gpusPerNode;
    this.applyCap();
    this.ctx.drawChanged(this); // newly installed GPUs draw their idle share from now on
  };

  private readonly start = (): void => {
    const { sim, world, horizonH } = this.ctx;
    const s = this.setup;
    const stream = (component: string) => randomStream(world.seed, world.replication, `gpuCloud.${component}`);
    const cluster = new Cluster(sim, s.cluster, s.classes, s.scheduler, {
      arrivals: s.classes.map((c) => stream(`${c.name}.arrivals`)),
      jobs: s.classes.map((c) => stream(`${c.name}.jobs`)),
      failures: stream('failures'),
    }, s.inference);
    cluster.onLoadChange = this.onClusterLoad;
    this.cluster = cluster;
    this.installedGpus = phaseNodes(this.config, this.config.phases[0].share) * this.config.gpusPerNode;
    cluster.start(horizonH);
    this.applyCap();
    // A hall converting mining halls switches that many machines off for good as it opens.
    if (this.config.convertsMiningMW > 0) this.ctx.convertMining(this.config.convertsMiningMW);
    this.ctx.powerChanged();
    this.ctx.drawChanged(this);
  };

  private readonly onClusterLoad = (): void => this.ctx.drawChanged(this);
}

/** A layout's owned GPU hall; a layout without one reports no revenue and no utilisation. */
export const GPU_HALL: LoadKind = {
  name: 'gpuCloud',
  build: (ctx) => (ctx.variant.gpuCloud ? new GpuHall(ctx) : undefined),
  absentMetrics: { ...gpuMetrics(undefined), gpuEnergyMWh: 0, gpuItEnergyMWh: 0, gpuDowntimeHours: 0 },
};
