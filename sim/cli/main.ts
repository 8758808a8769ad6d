#!/usr/bin/env node
/**
 * The `campus` command line. Each command imports what its handler needs when it runs, so the CLI
 * starts on yargs and the commands' flags alone: `campus --help` loads no simulator, scenario
 * reader or chart renderer, and `campus validate` no study, campus or charts.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { k8sCommand } from './k8s-command.js';
import { mergeCommand } from './merge-command.js';
import { reportCommand } from './report-command.js';
import { runCommand } from './run-command.js';
import { slurmCommand } from './slurm-command.js';
import { studyCommand } from './study-command.js';
import { validateCommand } from './validate-command.js';
import { EXIT_USER_ERROR } from './user-error.js';

// Output piped into `head` and closed early is not an error of ours.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

await yargs(hideBin(process.argv))
  .scriptName('campus')
  .usage('$0 <command> [options]\n\nDiscrete-event Monte Carlo simulator of a campus that splits its power between bitcoin mining and AI/HPC compute.')
  .command(studyCommand)
  .command(mergeCommand)
  .command(reportCommand)
  .command(validateCommand)
  .command(runCommand)
  .command(slurmCommand)
  .command(k8sCommand)
  .demandCommand(1, 'Name a command: study, run, merge, report, validate, slurm or k8s')
  .strict()
  .fail((message, error, y) => {
    if (error) throw error; // a bug: keep the stack trace
    process.stderr.write(`campus: ${message}\n\n`);
    y.showHelp((s: string) => process.stderr.write(s + '\n'));
    process.exit(EXIT_USER_ERROR);
  })
  .help()
  .version()
  .parseAsync();
