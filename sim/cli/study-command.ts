/** `campus study <file>`: run a Monte Carlo study and print what won, by how much, with what downside. */
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { type MetricName, PRIMARY_METRIC } from '../campus/metrics.js';
import type { StudyPlan } from '../study/study.js';
import { wholeNumber } from './flags.js';
import { reportErrors, UsageError } from './user-error.js';

interface StudyArgs {
  file?: string;
  replications?: string;
  seed?: string;
  out?: string;
  variants?: string;
  workers?: string;
  precision?: string;
  metric?: string;
  shard?: string;
  resume?: string;
  quiet?: boolean;
  check?: boolean;
}

export const studyCommand = {
  command: 'study [file]',
  describe: 'Run a Monte Carlo study of a scenario: summary, paired comparisons, bands and charts',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', describe: 'Scenario file (YAML); with --resume, taken from the folder when left out' })
      .option('replications', { alias: 'n', type: 'string', describe: 'Replications (default: the scenario’s study.replications; with --precision, the cap)' })
      .option('seed', { type: 'string', describe: 'Root seed (default: the scenario’s study.seed)' })
      .option('out', { type: 'string', describe: 'Output folder (default: out/<scenario name>)' })
      .option('variants', { type: 'string', describe: 'Comma-separated variant names to run (default: all)' })
      .option('workers', { alias: 'w', type: 'string', describe: 'Threads computing, this one included (default: all cores); results do not depend on it' })
      .option('precision', { type: 'string', describe: 'Stop once every variant’s interval is within ± this fraction of its mean, e.g. 0.02' })
      .option('metric', { type: 'string', describe: `Metric for --precision and the table (default: ${PRIMARY_METRIC})` })
      .option('shard', { type: 'string', describe: 'Run only share K of N, e.g. 0/4; combine with `campus merge`' })
      .option('resume', { type: 'string', describe: 'Continue the interrupted study in this folder (its scenario, replications, seed, variants and shard are reused)' })
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'No progress output' })
      .option('check', { type: 'boolean', describe: 'Assert after every event: power drawn ≤ available, GPUs busy ≤ up, energy by use sums to the total (slower; same results)' }),
  handler: (args: StudyArgs) => reportErrors(() => study(args)),
};

async function study(args: StudyArgs): Promise<void> {
  // Loaded when the command runs, not when the CLI starts (main.ts).
  const [{ loadScenario }, { terminalProgress }, { readSavedPlan }, { runStudy }, { resultsLine }, { contextTable, summaryTable }] = await Promise.all([
    import('../scenario/load.js'),
    import('../study/progress.js'),
    import('../study/saved-study.js'),
    import('../study/study.js'),
    import('./results-line.js'),
    import('./summary-table.js'),
  ]);
  if (args.resume !== undefined && args.out !== undefined && args.out !== args.resume) throw new UsageError('--resume DIR continues in DIR; drop --out or give the same folder');
  const saved = args.resume !== undefined ? readSavedPlan(args.resume) : undefined;
  const file = args.file ?? saved?.scenarioFile;
  if (!file) throw new UsageError('name a scenario file, e.g. campus study scenarios/capital-raise.yaml');
  const precision = args.precision === undefined ? undefined : Number(args.precision);
  if (precision !== undefined && Number.isNaN(precision)) throw new UsageError(`--precision must be a number such as 0.02, got '${args.precision}'`);
  const request = {
    replications: wholeNumber('replications', args.replications) ?? saved?.replications,
    seed: wholeNumber('seed', args.seed) ?? saved?.seed,
    workers: wholeNumber('workers', args.workers),
    variants: args.variants?.split(',').map((s) => s.trim()).filter(Boolean) ?? saved?.variants,
    shard: args.shard ?? (saved?.shard ? `${saved.shard.index}/${saved.shard.count}` : undefined),
    precision,
    metric: args.metric,
  };
  const scenario = loadScenario(file);
  const outDir = args.resume ?? args.out ?? join('out', scenario.name);

  // Ctrl-C once: finish the running chunks and write what is done. Twice: leave at once.
  const abort = new AbortController();
  const onSigint = () => {
    if (abort.signal.aborted) process.exit(130);
    process.stderr.write('\ncampus: stopping after the running chunks (Ctrl-C again to quit at once)…\n');
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  const announce = (plan: StudyPlan, done: number): void => {
    const cap = plan.precision !== undefined ? ' (cap)' : '';
    const shard = plan.shard ? ` · shard ${plan.shard.index}/${plan.shard.count}` : '';
    const resumed = done > 0 ? ` · ${done} already done` : '';
    process.stdout.write(`campus study: ${scenario.name} · ${plan.replications} replications${cap} × ${plan.variants.length} variants · seed ${plan.seed}${shard}${resumed}\n`);
  };
  const t0 = performance.now();
  let result;
  try {
    result = await runStudy(scenario, {
      ...request,
      resume: args.resume !== undefined,
      outDir,
      signal: abort.signal,
      progress: args.quiet ? undefined : terminalProgress(),
      check: args.check === true,
      onPlanned: announce,
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
  const seconds = (performance.now() - t0) / 1000;
  if (result.summary) {
    process.stdout.write(`\n${summaryTable(result.summary, (args.metric ?? PRIMARY_METRIC) as MetricName)}\n`);
    process.stdout.write(`\n${contextTable(result.summary)}\n`);
  }
  process.stdout.write(`\n${result.replications} replications in ${seconds.toFixed(1)} s — ${result.stopping.detail}.\n`);
  if (result.failures.length > 0) {
    for (const f of result.failures) process.stderr.write(`campus: replications ${f.start}–${f.end - 1} failed: ${f.message}\n`);
  }
  process.stdout.write(`${resultsLine(outDir, result.files)}\n`);
  if (!result.complete && !result.stopping.rule.startsWith('replications')) {
    process.stdout.write(`To continue: npx campus study --resume ${outDir}\n`);
    process.exitCode = result.failures.length > 0 ? 1 : 130;
  }
}
