#!/usr/bin/env node
/**
 * The `campus` command line. Each command imports what its handler needs when it runs, so the CLI
 * starts on yargs and the commands' flags alone: `campus --help` loads no simulator, scenario
 * reader or chart renderer, and `campus validate` no study, campus or charts.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { backtestCommand } from './backtest-command.js';
import { calibrateCommand } from './calibrate-command.js';
import { k8sCommand } from './k8s-command.js';
import { mergeCommand } from './merge-command.js';
import { reportCommand } from './report-command.js';
import { runCommand } from './run-command.js';
import { slurmCommand } from './slurm-command.js';
import { optimizeCommand } from './optimize-command.js';
import { studyCommand } from './study-command.js';
import { validateCommand } from './validate-command.js';
import { joinNegativeValues } from './flags.js';
import { EXIT_USER_ERROR, tell } from './user-error.js';

const KNOWN = ['study', 'merge', 'report', 'validate', 'run', 'slurm', 'k8s'];

// Output piped into `head` and closed early is not an error of ours.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

await yargs(joinNegativeValues(hideBin(process.argv)))
  .scriptName('campus')
  .usage('$0 <command> [options]\n\nDiscrete-event Monte Carlo simulator of a campus that splits its power between bitcoin mining and AI/HPC compute.')
  .command(studyCommand)
  .command(optimizeCommand)
  .command(mergeCommand)
  .command(reportCommand)
  .command(validateCommand)
  .command(runCommand)
  .command(slurmCommand)
  .command(k8sCommand)
  .command(calibrateCommand)
  .command(backtestCommand)
  .demandCommand(1, 'Name a command: study, optimize, run, merge, report, validate, slurm, k8s, calibrate or backtest')
  .strict()
  .fail((message, error) => {
    if (error) throw error; // a bug: keep the stack trace
    // One line, not the whole help: the mistake is what the user needs to see.
    const command = hideBin(process.argv).find((a) => !a.startsWith('-'));
    tell(`${message} (see campus ${command && KNOWN.includes(command) ? `${command} ` : ''}--help)`);
    process.exit(EXIT_USER_ERROR);
  })
  .help()
  .version()
  .parseAsync();
