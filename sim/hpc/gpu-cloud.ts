/**
 * An owned GPU hall as the scheduler sees it: its nodes, and its workload as job classes in
 * priority order — contracted reserved blocks first, then elastic inference, then on-demand
 * training — built from a scenario's GpuCloudConfig.
 */
import { Constant } from '../core/samplers/constant.js';
import { Discrete } from '../core/samplers/discrete.js';
import { Exponential } from '../core/samplers/exponential.js';
import { LogNormal } from '../core/samplers/lognormal.js';
import { HOURS_PER_YEAR } from '../core/time.js';
import type { GpuCloudConfig } from './config.js';
import { Arrivals } from './arrivals.js';
import type { ClusterSpec, InferenceSpec, JobClassSpec, SchedulerSpec } from './cluster-spec.js';

/** Nodes in one reserved pod (a scalable unit of 32 eight-GPU nodes is 256 GPUs). */
const POD_NODES = 32;

/** Nodes that fit in the hall's IT power. */
export function gpuCloudNodes(g: GpuCloudConfig): number {
  return Math.floor((g.itMW * 1000) / g.nodePowerKW + 1e-9);
}

/** Nodes installed once `share` of the hall is built (whole nodes). */
export function phaseNodes(g: GpuCloudConfig, share: number): number {
  return Math.round(share * gpuCloudNodes(g));
}

export interface GpuCloudSetup {
  cluster: ClusterSpec;
  classes: JobClassSpec[];
  scheduler: SchedulerSpec;
  inference?: InferenceSpec;
  /** Index of each segment's class, −1 when the hall has none. */
  reservedClass: number;
  trainingClass: number;
}

/** The cluster, classes and scheduler of a hall that comes online at `onlineH` (reserved blocks start then), for a horizon of `horizonH`. */
export function gpuCloudSetup(g: GpuCloudConfig, horizonH: number): GpuCloudSetup {
  const nodes = gpuCloudNodes(g);
  const classes: JobClassSpec[] = [];
  let reservedClass = -1, trainingClass = -1;
  if (g.reserved && g.reserved.share > 0) {
    // A block is served as pods of up to POD_NODES nodes, each a job held for the term at the top
    // of the queue; a failed node under a pod is replaced at once from GPUs running lower classes.
    const reservedNodes = Math.round(g.reserved.share * nodes);
    const pods = Array.from({ length: Math.ceil(reservedNodes / POD_NODES) }, (_, i) => Math.min(POD_NODES, reservedNodes - i * POD_NODES));
    const price = g.reserved.priceUSDPerGPUH;
    // Work started before the first contracts end is at their price; a renewed contract's at the price then.
    const firstEndH = g.onlineH + g.reserved.termH;
    const renewed = g.reserved.renewalPrice ?? (() => price);
    reservedClass = classes.length;
    classes.push({
      name: 'reserved',
      fixedJobs: pods.map((podNodes) => ({ atH: g.onlineH, gpus: podNodes * g.gpusPerNode, workH: g.reserved!.termH })),
      gpus: new Discrete([POD_NODES * g.gpusPerNode], [1]),
      durationH: new Constant(g.reserved.termH),
      checkpointH: 0,
      priceUSDPerGPUH: (tH) => (tH < firstEndH ? price : renewed(tH)),
      ...(g.reserved.renewal > 0 ? { renewal: g.reserved.renewal } : {}),
    });
  }
  if (g.training) {
    const t = g.training;
    const ratePerH = t.jobsPerYear / HOURS_PER_YEAR;
    trainingClass = classes.length;
    classes.push({
      name: 'training',
      arrivals: new Arrivals(t.arrivalCV === 1 ? { kind: 'poisson', ratePerH } : { kind: 'gamma', ratePerH, cv: t.arrivalCV }, 'gpuCloud.training.arrivals'),
      gpus: new Discrete(t.gpus, t.probabilities),
      durationH: LogNormal.fromMoments(t.meanDurationH, t.sdDurationH),
      checkpointH: t.checkpointH,
      priceUSDPerGPUH: t.price,
      // Exponential patience: the Erlang A customer, whose formulas the cluster is tested against.
      ...(Number.isFinite(t.patienceH) ? { patienceH: new Exponential(1 / t.patienceH) } : {}),
    });
  }
  let inference: InferenceSpec | undefined;
  if (g.inference && g.inference.share > 0) {
    const inf = g.inference;
    const mean = inf.hourOfDay.reduce((a, b) => a + b, 0) / 24;
    const perHour = Float64Array.from(inf.hourOfDay, (x) => (mean > 0 ? (inf.share * nodes * g.gpusPerNode * x) / mean : 0));
    // Demand grows continuously; the factor is tabulated by day (growth within a day is < 0.1 %).
    const growthByDay = new Float64Array(Math.ceil(horizonH / 24) + 1);
    for (let d = 0; d < growthByDay.length; d++) growthByDay[d] = (1 + inf.growthPerYear) ** ((d * 24 - g.onlineH) / HOURS_PER_YEAR);
    const lastDay = growthByDay.length - 1;
    inference = {
      // After the reserved blocks, ahead of on-demand training.
      rank: reservedClass >= 0 ? 1 : 0,
      gpusWanted: (tH) => Math.ceil(perHour[Math.floor(tH) % 24] * growthByDay[Math.min(lastDay, Math.floor(tH / 24))] - 1e-9),
      priceUSDPerGPUH: inf.price,
      creditUSDPerGPUHMissed: inf.creditUSDPerGPUHMissed,
    };
  }
  return {
    cluster: {
      gpus: nodes * g.gpusPerNode,
      gpusPerNode: g.gpusPerNode,
      gpuMtbfH: g.gpuMtbfH,
      repairH: LogNormal.fromMoments(g.repairMeanH, g.repairMeanH),
      nodePowerKW: g.nodePowerKW,
      idlePowerShare: g.idlePowerShare,
    },
    classes,
    scheduler: { policy: g.policy, backfillDepth: g.backfillDepth },
    ...(inference ? { inference } : {}),
    reservedClass,
    trainingClass,
  };
}

/**
 * The hall as built when a rule decides at `decidedAtH` to build it: construction takes `buildH`,
 * then its first phase opens (the whole hall when it has none), each later one as long after the one
 * before as the scenario says, its hall failures and inference growth counting from then, its
 * reserved contracts signed then — at `renewalPrice` when the scenario gives the market's price, and
 * for their term or to the horizon, whichever ends first.
 */
export function hallBuiltAt(g: GpuCloudConfig, decidedAtH: number, horizonH: number): GpuCloudConfig {
  const onlineH = decidedAtH + g.buildH;
  const reserved = g.reserved && {
    ...g.reserved,
    priceUSDPerGPUH: g.reserved.renewalPrice ? g.reserved.renewalPrice(Math.min(onlineH, horizonH - 1)) : g.reserved.priceUSDPerGPUH,
    termH: Math.min(g.reserved.termH, Math.max(horizonH - onlineH, 1)),
  };
  const first = g.phases[0].atH;
  const phases = g.phases.map((p, i) => ({ atH: i === 0 ? onlineH : onlineH + (p.atH - first), share: p.share }));
  return { ...g, onlineH, phases, ...(reserved ? { reserved } : {}) };
}
