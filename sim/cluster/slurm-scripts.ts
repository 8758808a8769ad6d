/**
 * The two batch scripts of a study on Slurm:
 *
 *   shards.sbatch  an array job, task K of 0…N−1 runs `campus study --shard K/N` into OUT/shards/K
 *   merge.sbatch   run after every task succeeded (sbatch --dependency=afterok:<array job>):
 *                  `campus merge` of the shard folders into OUT, which also draws the report
 *
 * Each script names node and the campus entry by absolute path and every path in single quotes, so
 * it runs from any working directory and with any folder name. A failed task is re-run alone with
 * `sbatch --array=K shards.sbatch`; the merge refuses a set that is still incomplete.
 */
import { join } from 'node:path';
import { StudyError } from '../study/study-error.js';
import { type ClusterStudy, sharedStudyFlags } from './cluster-study.js';
import type { Launcher } from './launcher.js';
import { shellCommand, shellQuote } from './shell-quote.js';

export interface SlurmOptions {
  /** Absolute path of the study folder: shards in OUT/shards/K, the merged study in OUT. */
  outDir: string;
  partition?: string;
  /** Time limit per task, in any of sbatch's formats (`30`, `2:00:00`, `1-12`). */
  time?: string;
  launcher: Launcher;
}

export interface SlurmScripts {
  shards: string;
  merge: string;
}

/** Where `campus slurm` puts its scripts and Slurm's logs inside the study folder. */
export function slurmFolder(outDir: string): { dir: string; logs: string; shards: string; merge: string } {
  const dir = join(outDir, 'slurm');
  return { dir, logs: join(dir, 'logs'), shards: join(dir, 'shards.sbatch'), merge: join(dir, 'merge.sbatch') };
}

// sbatch's --time formats: minutes, minutes:seconds, hours:minutes:seconds, days-hours,
// days-hours:minutes, days-hours:minutes:seconds (man sbatch, --time).
const TIME = /^(\d+(:\d+){0,2}|\d+-\d+(:\d+){0,2}|UNLIMITED|INFINITE)$/i;
const PARTITION = /^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$/;

/** Checks what goes into #SBATCH lines, which sbatch reads itself (no shell, no escapes). */
function checkSlurmOptions(o: SlurmOptions): void {
  if (o.partition !== undefined && !PARTITION.test(o.partition)) throw new StudyError(`--partition must be a partition name (or names, comma-separated), got '${o.partition}'`);
  if (o.time !== undefined && !TIME.test(o.time)) throw new StudyError(`--time must be a Slurm time limit such as 30, 2:00:00 or 1-12, got '${o.time}'`);
  // A double quote would end sbatch's quoted path early; a backslash turns off its %-patterns.
  if (/["\\\n]/.test(o.outDir)) throw new StudyError(`--out: Slurm cannot name log files in a folder whose path holds a double quote, backslash or newline: ${JSON.stringify(o.outDir)}`);
}

/** An #SBATCH --output file `pattern` in folder `dir`: double quotes keep spaces in one argument; a % of the folder's name is written %% so sbatch does not read it as a pattern. */
function sbatchOutput(dir: string, pattern: string): string {
  return `"${dir.replaceAll('%', '%%')}/${pattern}"`;
}

function header(study: ClusterStudy, o: SlurmOptions, jobName: string): string[] {
  const lines = [`#SBATCH --job-name=${jobName}`, '#SBATCH --ntasks=1', `#SBATCH --cpus-per-task=${study.cpus}`];
  if (o.partition !== undefined) lines.push(`#SBATCH --partition=${o.partition}`);
  if (o.time !== undefined) lines.push(`#SBATCH --time=${o.time}`);
  return lines;
}

export function slurmScripts(study: ClusterStudy, o: SlurmOptions): SlurmScripts {
  checkSlurmOptions(o);
  const { logs } = slurmFolder(o.outDir);
  const campus = [o.launcher.node, o.launcher.entry];
  const shardsDir = join(o.outDir, 'shards');
  const n = study.shards;

  const shards = [
    '#!/bin/bash',
    `# campus-sim study '${study.name}': ${n} shards, one per Slurm array task. Written by \`campus slurm\`.`,
    '# Submit with `sbatch THIS_FILE`; re-run a failed shard K alone with `sbatch --array=K THIS_FILE`.',
    ...header(study, o, `campus-${study.name}`),
    `#SBATCH --array=0-${n - 1}`,
    `#SBATCH --output=${sbatchOutput(logs, 'shard-%a.%A.out')}`,
    'set -euo pipefail',
    'shard=${SLURM_ARRAY_TASK_ID:?submit this script with sbatch: each array task runs one shard}',
    // A re-run starts the shard afresh: its folder is rewritten whole, never mixed with a failed try.
    `exec ${shellCommand([...campus, 'study', study.scenarioFile])} --shard "$shard/${n}" ${shellCommand(sharedStudyFlags(study))} --out ${shellQuote(shardsDir + '/')}"$shard"`,
    '',
  ].join('\n');

  const merge = [
    '#!/bin/bash',
    `# campus-sim study '${study.name}': merges its ${n} shards into one study and draws the report. Written by \`campus slurm\`.`,
    '# Submit after the shards: `sbatch --dependency=afterok:SHARDS_JOB_ID THIS_FILE`.',
    ...header(study, o, `campus-${study.name}-merge`),
    `#SBATCH --output=${sbatchOutput(logs, 'merge.%j.out')}`,
    'set -euo pipefail',
    `out=${shellQuote(o.outDir)}`,
    'shards=()',
    `for ((k = 0; k < ${n}; k++)); do`,
    '  # A shard that never wrote its folder is left out, so that the merge names it as missing.',
    '  if [ -e "$out/shards/$k/state/plan.json" ]; then shards+=("$out/shards/$k"); fi',
    'done',
    'if [ "${#shards[@]}" -eq 0 ]; then',
    '  echo "campus: no shard of this study has written its folder in $out/shards; run the shards first" >&2',
    '  exit 2',
    'fi',
    `exec ${shellCommand([...campus, 'merge'])} "\${shards[@]}" --out "$out"`,
    '',
  ].join('\n');

  return { shards, merge };
}
