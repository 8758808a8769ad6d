/**
 * `campus k8s <file> --shards N`: print a study as a Kubernetes Indexed Job of shards plus a merge
 * Job, for `kubectl apply -f -`.
 */
import type { Argv } from 'yargs';
import { planClusterStudy } from '../cluster/cluster-study.js';
import { k8sManifest, k8sName } from '../cluster/k8s-manifest.js';
import { toolVersion } from '../study/manifest.js';
import { wholeNumber } from './flags.js';
import { reportErrors } from './user-error.js';

interface K8sArgs {
  file: string;
  shards: string;
  image?: string;
  name?: string;
  parallelism?: string;
  claim?: string;
  replications?: string;
  seed?: string;
  cpus?: string;
}

export const k8sCommand = {
  command: 'k8s <file>',
  describe: 'Print a study as a Kubernetes Indexed Job of shards and a merge Job (YAML)',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'Scenario file (YAML)' })
      .option('shards', { type: 'string', demandOption: true, describe: 'Number of shards, one Job index each' })
      .option('image', { type: 'string', describe: 'Container image with campus on its PATH (default: campus-sim:<version>)' })
      .option('name', { type: 'string', describe: 'Prefix of the objects’ names (default: from the scenario name)' })
      .option('parallelism', { type: 'string', describe: 'Shard pods at once (default: all)' })
      .option('claim', { type: 'string', describe: 'Existing ReadWriteMany PersistentVolumeClaim for the results (default: create <name>-results)' })
      .option('replications', { alias: 'n', type: 'string', describe: 'Replications of the whole study (default: the scenario’s)' })
      .option('seed', { type: 'string', describe: 'Root seed (default: the scenario’s)' })
      .option('cpus', { type: 'string', describe: 'CPUs requested per shard pod, used as its worker threads (default: 1)' }),
  handler: (args: K8sArgs) =>
    reportErrors(async () => {
      const study = planClusterStudy({
        file: args.file,
        shards: wholeNumber('shards', args.shards)!,
        replications: wholeNumber('replications', args.replications),
        seed: wholeNumber('seed', args.seed),
        cpus: wholeNumber('cpus', args.cpus),
      });
      const manifest = k8sManifest(study, {
        name: args.name ?? k8sName(study.name),
        image: args.image ?? `campus-sim:${toolVersion()}`,
        parallelism: wholeNumber('parallelism', args.parallelism) ?? study.shards,
        claim: args.claim,
      });
      process.stdout.write(manifest);
    }),
};
