/**
 * `campus k8s <file> --shards N`: print a study as a Kubernetes Indexed Job of shards plus a merge
 * Job, for `kubectl apply -f -`.
 */
import type { Argv } from 'yargs';
import { clusterStudy, type ClusterStudyArgs, clusterStudyOptions } from './cluster-flags.js';
import { wholeNumber } from './flags.js';
import { reportErrors } from './user-error.js';

interface K8sArgs extends ClusterStudyArgs {
  image?: string;
  name?: string;
  parallelism?: string;
  claim?: string;
}

export const k8sCommand = {
  command: 'k8s <file>',
  describe: 'Print a study as a Kubernetes Indexed Job of shards and a merge Job (YAML)',
  builder: (y: Argv) =>
    clusterStudyOptions(y, 'one Job index')
      .option('image', { type: 'string', describe: 'Container image with campus on its PATH (default: campus-sim:<version>)' })
      .option('name', { type: 'string', describe: 'Prefix of the objects’ names (default: from the scenario name)' })
      .option('parallelism', { type: 'string', describe: 'Shard pods at once (default: all)' })
      .option('claim', { type: 'string', describe: 'Existing ReadWriteMany PersistentVolumeClaim for the results (default: create <name>-results)' }),
  handler: (args: K8sArgs) =>
    reportErrors(async () => {
      // Loaded when the command runs, not when the CLI starts (main.ts).
      const [{ k8sManifest, k8sName }, { toolVersion }] = await Promise.all([import('../cluster/k8s-manifest.js'), import('../study/manifest.js')]);
      const study = await clusterStudy(args);
      const manifest = k8sManifest(study, {
        name: args.name ?? k8sName(study.name),
        image: args.image ?? `campus-sim:${toolVersion()}`,
        parallelism: wholeNumber('parallelism', args.parallelism) ?? study.shards,
        claim: args.claim,
      });
      process.stdout.write(manifest);
    }),
};
