/** Runs one HPC cluster on its own engine for a horizon: what a campus replication does for its GPU halls. */
import { Simulation } from '../core/engine.js';
import { randomStream } from '../core/stream.js';
import { checkPriceCurve } from './inference.js';
import { Cluster } from './cluster.js';
import type { ClusterMetrics } from './cluster-metrics.js';
import type { ClusterSpec, InferenceSpec, JobClassSpec, SchedulerSpec } from './cluster-spec.js';

export interface HpcRun {
  cluster: ClusterSpec;
  classes: readonly JobClassSpec[];
  scheduler: SchedulerSpec;
  horizonH: number;
  seed: number;
  replication: number;
  /** Power/cooling caps: from `atH` on at most `gpus` may run. */
  caps?: ReadonlyArray<{ atH: number; gpus: number }>;
  inference?: InferenceSpec;
}

export interface HpcResult {
  metrics: ClusterMetrics;
  cluster: Cluster;
  events: number;
}

export function simulateHpc(run: HpcRun, hooks?: (cluster: Cluster) => void): HpcResult {
  for (const c of run.classes) checkPriceCurve(c.priceUSDPerGPUH, run.horizonH, c.name);
  if (run.inference) checkPriceCurve(run.inference.priceUSDPerGPUH, run.horizonH, 'inference');
  const sim = new Simulation(1024);
  const stream = (c: string) => randomStream(run.seed, run.replication, c);
  const cluster = new Cluster(sim, run.cluster, run.classes, run.scheduler, {
    arrivals: run.classes.map((c) => stream(`hpc.${c.name}.arrivals`)),
    jobs: run.classes.map((c) => stream(`hpc.${c.name}.jobs`)),
    failures: stream('hpc.failures'),
  }, run.inference);
  hooks?.(cluster);
  for (const cap of run.caps ?? []) cluster.capAt(cap.atH, cap.gpus);
  cluster.start(run.horizonH);
  sim.run(run.horizonH);
  return { metrics: cluster.metrics(run.horizonH), cluster, events: sim.eventsProcessed };
}
