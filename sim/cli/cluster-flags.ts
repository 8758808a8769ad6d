/** The flags `campus slurm` and `campus k8s` share: which study, in how many shards. */
import type { Argv } from 'yargs';
import type { ClusterStudy } from '../cluster/cluster-study.js';
import { replicationsFlag, seedFlag, wholeNumber } from './flags.js';

export interface ClusterStudyArgs {
  file: string;
  shards: string;
  replications?: string;
  seed?: string;
  cpus?: string;
}

/** Adds the shared flags; `shardIs` says what runs one shard, e.g. 'one array task'. */
export function clusterStudyOptions(y: Argv, shardIs: string) {
  return y
    .positional('file', { type: 'string', demandOption: true, describe: 'Scenario file (YAML)' })
    .option('shards', { type: 'string', demandOption: true, describe: `Number of shards, ${shardIs} each` })
    .option('replications', { alias: 'n', type: 'string', describe: 'Replications of the whole study (default: the scenario’s)' })
    .option('seed', { type: 'string', describe: 'Root seed (default: the scenario’s)' })
    .option('cpus', { type: 'string', describe: 'CPUs per shard, used as its worker threads (default: 1)' });
}

/** The study the flags ask for, checked (loading the scenario: not done before a command runs). */
export async function clusterStudy(args: ClusterStudyArgs): Promise<ClusterStudy> {
  const { planClusterStudy } = await import('../cluster/cluster-study.js');
  return planClusterStudy({
    file: args.file,
    shards: wholeNumber('shards', args.shards)!,
    replications: replicationsFlag(args.replications),
    seed: seedFlag(args.seed),
    cpus: wholeNumber('cpus', args.cpus),
  });
}
