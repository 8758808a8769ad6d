/**
 * A study to be run as shards on a cluster: the scenario, the replications and seed pinned, the
 * number of shards. Everything is checked here, on the machine that writes the scripts, so a bad
 * request fails at once with one message instead of in N array tasks an hour later.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadScenario } from '../scenario/load.js';
import { planStudy } from '../study/plan.js';
import { StudyError } from '../study/study-error.js';

export interface ClusterRequest {
  file: string;
  shards: number;
  replications?: number;
  seed?: number;
  /** CPUs each shard asks for; its worker threads. */
  cpus?: number;
}

export interface ClusterStudy {
  /** Absolute path of the scenario file. */
  scenarioFile: string;
  /** The scenario file's exact text (shipped to Kubernetes in a ConfigMap). */
  scenarioText: string;
  /** The scenario's name, e.g. `capital-raise`. */
  name: string;
  shards: number;
  /** Pinned, so every shard and a one-machine run agree even if the scenario's defaults are read differently. */
  replications: number;
  seed: number;
  cpus: number;
}

export function planClusterStudy(request: ClusterRequest): ClusterStudy {
  const { shards } = request;
  if (!Number.isInteger(shards) || shards < 1) throw new StudyError(`--shards must be a whole number ≥ 1, got ${shards}`);
  const cpus = request.cpus ?? 1;
  if (!Number.isInteger(cpus) || cpus < 1 || cpus > 256) throw new StudyError(`--cpus must be a whole number from 1 to 256, got ${cpus}`);
  const scenario = loadScenario(request.file);
  // The study's own checks (replications, seed, workers), so the cluster refuses what `campus study` would.
  const plan = planStudy(scenario, { replications: request.replications, seed: request.seed, workers: cpus }, 1);
  if (shards > plan.replications) throw new StudyError(`--shards ${shards} is more than the ${plan.replications} replications; every shard needs at least one`);
  return {
    scenarioFile: resolve(request.file),
    scenarioText: readFileSync(request.file, 'utf8'),
    name: scenario.name,
    shards,
    replications: plan.replications,
    seed: plan.seed,
    cpus,
  };
}

/** The `campus study` flags every shard shares; the shard index and folder are added by the caller. */
export function sharedStudyFlags(study: ClusterStudy): string[] {
  return ['--replications', String(study.replications), '--seed', String(study.seed), '--workers', String(study.cpus)];
}
