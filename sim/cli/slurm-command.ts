/**
 * `campus slurm <file> --shards N`: write (and with --submit, submit) a study as a Slurm array of
 * shards plus a merge job that waits for all of them, giving the bytes of a one-machine run.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { campusLauncher } from '../cluster/launcher.js';
import { sbatch } from '../cluster/sbatch.js';
import { shellQuote } from '../cluster/shell-quote.js';
import { writeFileAtomic } from '../study/atomic-write.js';
import { clusterStudy, type ClusterStudyArgs, clusterStudyOptions } from './cluster-flags.js';
import { reportErrors } from './user-error.js';

interface SlurmArgs extends ClusterStudyArgs {
  partition?: string;
  time?: string;
  out?: string;
  submit?: boolean;
}

export const slurmCommand = {
  command: 'slurm <file>',
  describe: 'Write (or --submit) a study as a Slurm job array of shards and a merge job',
  builder: (y: Argv) =>
    clusterStudyOptions(y, 'one array task')
      .option('partition', { alias: 'p', type: 'string', describe: 'Slurm partition (default: the cluster’s default)' })
      .option('time', { alias: 't', type: 'string', describe: 'Time limit per task, e.g. 30 or 2:00:00 (default: the partition’s)' })
      .option('out', { type: 'string', describe: 'Study folder on storage every node sees (default: out/<scenario name>)' })
      .option('submit', { type: 'boolean', describe: 'Submit both jobs with sbatch and print their ids' }),
  handler: (args: SlurmArgs) => reportErrors(async () => slurm(args)),
};

async function slurm(args: SlurmArgs): Promise<void> {
  // Loaded when the command runs, not when the CLI starts (main.ts).
  const { slurmFolder, slurmScripts } = await import('../cluster/slurm-scripts.js');
  // 1. check everything before writing anything
  const study = await clusterStudy(args);
  const outDir = resolve(args.out ?? join('out', study.name));
  const options = { outDir, partition: args.partition, time: args.time, launcher: campusLauncher() };
  const scripts = slurmScripts(study, options);

  // 2. write the scripts; Slurm does not create the folder of a job's log file, so make it now
  const paths = slurmFolder(outDir);
  mkdirSync(paths.logs, { recursive: true });
  writeFileAtomic(paths.shards, scripts.shards);
  writeFileAtomic(paths.merge, scripts.merge);
  const shardsQ = shellQuote(paths.shards), mergeQ = shellQuote(paths.merge);
  const last = study.shards - 1;
  process.stdout.write(
    `campus slurm: ${study.name} · ${study.replications} replications in ${study.shards} shards · seed ${study.seed}\n` +
      `  ${paths.shards}   array 0-${last}: campus study --shard K/${study.shards} into ${join(outDir, 'shards', 'K')}\n` +
      `  ${paths.merge}    campus merge into ${outDir}, once every shard has succeeded\n`,
  );
  if (!args.submit) {
    process.stdout.write(
      `Submit both (or run again with --submit):\n` +
        `  jobid=$(sbatch --parsable ${shardsQ}) && sbatch --dependency=afterok:\${jobid%%;*} ${mergeQ}\n`,
    );
    return;
  }

  // 3. submit: the merge waits for every task of the array to end with exit code 0
  const shardsJob = sbatch(paths.shards);
  let mergeJob: string;
  try {
    mergeJob = sbatch(paths.merge, [`--dependency=afterok:${shardsJob}`]);
  } catch (e) {
    process.stderr.write(`campus: the shards were submitted as job ${shardsJob}, but not the merge; once they end, run: sbatch --dependency=afterok:${shardsJob} ${mergeQ}\n`);
    throw e;
  }
  process.stdout.write(
    `Submitted the shards as array job ${shardsJob} and the merge as job ${mergeJob}.\n` +
      `  watch:   squeue -j ${shardsJob},${mergeJob}\n` +
      `  logs:    ${paths.logs}/\n` +
      `  result:  ${join(outDir, 'summary.json')} and report.html, when job ${mergeJob} has ended\n` +
      `If shard K fails, job ${mergeJob} never starts. Run that shard again alone, then a new merge:\n` +
      `  scancel ${mergeJob}\n` +
      `  jobid=$(sbatch --parsable --array=K ${shardsQ})\n` +
      `  sbatch --dependency=afterok:\${jobid%%;*} ${mergeQ}\n`,
  );
}
