/** `campus merge DIR…`: combine shard folders into the study's folder, identical to a one-machine run. */
import type { Argv } from 'yargs';
import { PRIMARY_METRIC } from '../campus/metrics.js';
import { reportErrors } from './user-error.js';

interface MergeArgs {
  dirs: string[];
  out: string;
}

export const mergeCommand = {
  command: 'merge <dirs..>',
  describe: 'Merge the shard folders of one study (from --shard K/N) into one result',
  builder: (y: Argv) =>
    y
      .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'Shard folders' })
      .option('out', { type: 'string', demandOption: true, describe: 'Folder for the merged study' }),
  handler: (args: MergeArgs) =>
    reportErrors(async () => {
      // Loaded when the command runs, not when the CLI starts (main.ts).
      const [{ mergeStudies }, { writeReport }, { resultsLine }, { contextTable, summaryTable }] = await Promise.all([
        import('../study/merge.js'),
        import('../../reports/report-files.js'),
        import('./results-line.js'),
        import('./summary-table.js'),
      ]);
      const result = await mergeStudies(args.dirs, args.out, { beforeCommit: writeReport });
      if (result.summary) process.stdout.write(`${summaryTable(result.summary, PRIMARY_METRIC)}\n\n${contextTable(result.summary)}\n`);
      process.stdout.write(`\nMerged ${args.dirs.length} shards. ${resultsLine(args.out, result.files)}\n`);
    }),
};
