/** `campus study <file>`: run a Monte Carlo study and print what won, by how much. */
import { join, relative } from 'node:path';
import type { Argv } from 'yargs';
import { loadScenario } from '../scenario/load.js';
import { runStudy } from '../study/study.js';
import { formatTable, millions } from './table.js';
import { reportErrors, UsageError } from './user-error.js';

interface StudyArgs {
  file: string;
  replications?: number;
  seed?: number;
  out?: string;
  variants?: string;
}

export const studyCommand = {
  command: 'study <file>',
  describe: 'Run a Monte Carlo study of a scenario and write summary, CSV and charts',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'Scenario file (YAML)' })
      .option('replications', { alias: 'n', type: 'number', describe: 'Replications (default: the scenario’s study.replications)' })
      .option('seed', { type: 'number', describe: 'Root seed (default: the scenario’s study.seed)' })
      .option('out', { type: 'string', describe: 'Output folder (default: out/<scenario name>)' })
      .option('variants', { type: 'string', describe: 'Comma-separated variant names to run (default: all)' }),
  handler: (args: StudyArgs) => reportErrors(() => study(args)),
};

async function study(args: StudyArgs): Promise<void> {
  for (const flag of ['replications', 'seed'] as const) {
    const v = args[flag];
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw new UsageError(`--${flag} must be a non-negative integer, got ${v}`);
  }
  const scenario = loadScenario(args.file);
  const outDir = args.out ?? join('out', scenario.name);
  const replications = args.replications ?? scenario.study.replications;
  const variants = args.variants?.split(',').map((s) => s.trim()).filter(Boolean);
  process.stdout.write(`campus study: ${scenario.name} · ${replications} replications × ${variants?.length ?? scenario.variants.length} variants · seed ${args.seed ?? scenario.study.seed}\n`);
  const t0 = performance.now();
  const result = await runStudy(scenario, { replications, seed: args.seed, variants, outDir });
  const seconds = (performance.now() - t0) / 1000;

  const s = result.summary;
  const pct = Math.round(s.confidence * 100);
  const rows = s.variants.map((v) => {
    const m = v.metrics.miningProfitUSD;
    return [v.name + (v.name === s.baseline ? ' (baseline)' : ''), millions(m.mean), `± ${millions(m.halfWidth)}`, millions(m.min), millions(m.max), v.metrics.minedBTC.mean.toFixed(0)];
  });
  process.stdout.write(`\nMining profit over ${scenario.horizon.years} years, million USD (mean with its ${pct} % interval):\n\n`);
  process.stdout.write(formatTable(['variant', 'mean', `${pct} % CI`, 'min', 'max', 'BTC mined'], rows, [false, true, true, true, true, true]) + '\n');
  process.stdout.write(`\n${s.replications} replications in ${seconds.toFixed(1)} s. Wrote ${result.files.length} files to ${relative(process.cwd(), outDir) || '.'}/:\n`);
  for (const f of result.files) process.stdout.write(`  ${f}\n`);
}
