/** `campus study <file>`: run a Monte Carlo study and print what won, by how much, with what downside. */
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { type MetricName, PRIMARY_METRIC } from '../campus/metrics.js';
import { formatWarning } from '../scenario/plausible.js';
import type { StudyData } from '../study/outputs.js';
import type { StudyPlan } from '../study/study.js';
import { moneyFlag, replicationsFlag, seedFlag, wholeNumber } from './flags.js';
import { reportErrors, tell, UsageError } from './user-error.js';

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
  target?: string;
}

export const studyCommand = {
  command: 'study [file]',
  describe: 'Run a Monte Carlo study of a scenario: summary, paired comparisons, bands and charts',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', describe: 'Scenario file (YAML); with --resume, taken from the folder when left out' })
      .option('replications', { alias: 'n', type: 'string', describe: 'Replications (default: the scenario’s study.replications; with --precision, the cap)' })
      .option('seed', { type: 'string', describe: 'Root seed, a whole number below 2^53 (default: the scenario’s study.seed)' })
      .option('out', { type: 'string', describe: 'Output folder (default: out/<scenario name>)' })
      .option('variants', { type: 'string', describe: 'Comma-separated variant names to run (default: all)' })
      .option('workers', { alias: 'w', type: 'string', describe: 'Threads computing, this one included (default: all cores); results do not depend on it' })
      .option('precision', { type: 'string', describe: 'Stop once every variant’s interval is within ± this fraction of its mean, e.g. 0.02' })
      .option('metric', { type: 'string', describe: `Metric for --precision and the table (default: ${PRIMARY_METRIC})` })
      .option('shard', { type: 'string', describe: 'Run only share K of N, e.g. 0/4; combine with `campus merge`' })
      .option('resume', { type: 'string', describe: 'Continue the interrupted study of this folder (its scenario, replications, seed, variants and shard are reused)' })
      .option('target', { type: 'string', describe: 'NPV the report gives each layout’s probability of exceeding, in USD: 250e6, 250M, 1.2B (default 0; kept with the study for campus report)' })
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'No progress output' })
      .option('check', { type: 'boolean', describe: 'Assert after every event: power drawn ≤ available, GPUs busy ≤ up, energy by use sums to the total (slower; same results)' }),
  handler: (args: StudyArgs) => reportErrors(() => study(args)),
};

/** Exit code of a process stopped by a signal, as a shell reports it: 128 + its number. */
const SIGNAL_EXIT: Record<string, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

async function study(args: StudyArgs): Promise<void> {
  // Loaded when the command runs, not when the CLI starts (main.ts).
  const [{ loadScenario }, { terminalProgress }, { resumablePlan }, { runStudy }, { writeReport }, { resultsLine }, { contextTable, summaryTable }] = await Promise.all([
    import('../scenario/load.js'),
    import('../study/progress.js'),
    import('../study/saved-study.js'),
    import('../study/study.js'),
    import('../../reports/report-files.js'),
    import('./results-line.js'),
    import('./summary-table.js'),
  ]);
  const resumed = args.resume !== undefined ? resumablePlan(args.resume) : undefined;
  if (resumed && args.out !== undefined && args.out.replace(/\/+$/, '') !== resumed.outDir) throw new UsageError('--resume DIR continues in DIR; drop --out or give the same folder');
  const saved = resumed?.plan;
  const file = args.file ?? saved?.scenarioFile;
  if (!file) throw new UsageError('name a scenario file, e.g. campus study scenarios/capital-raise.yaml');
  const precision = args.precision === undefined ? (saved?.precision ?? undefined) : Number(args.precision);
  if (precision !== undefined && Number.isNaN(precision)) throw new UsageError(`--precision must be a number such as 0.02, got '${args.precision}'`);
  const request = {
    replications: replicationsFlag(args.replications) ?? saved?.replications,
    seed: seedFlag(args.seed) ?? saved?.seed,
    workers: wholeNumber('workers', args.workers, 256),
    variants: args.variants?.split(',').map((s) => s.trim()).filter(Boolean) ?? saved?.variants,
    shard: args.shard ?? (saved?.shard ? `${saved.shard.index}/${saved.shard.count}` : undefined),
    precision,
    metric: args.metric ?? saved?.metric,
    targetUSD: moneyFlag('target', args.target) ?? saved?.targetUSD ?? undefined,
  };
  const scenario = loadScenario(file);
  const outDir = resumed?.outDir ?? args.out ?? join('out', scenario.name);
  for (const w of scenario.warnings) tell(`warning: ${formatWarning(w)}`);

  // Ctrl-C: finish the running chunks and write what is done. SIGTERM (a scheduler's time limit) and
  // SIGHUP (the terminal gone): drop the running chunks and write what is saved, now. Any second
  // signal: leave at once — every finished chunk is already saved, so the folder stays resumable.
  const stop = new AbortController();
  const abandon = new AbortController();
  let signalled: NodeJS.Signals | undefined;
  const partialDir = `${outDir.replace(/\/+$/, '')}.partial`;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signalled) {
      tell(`stopped at once (${signal}); the finished chunks are saved in ${partialDir}: continue with campus study --resume ${outDir}`);
      process.exit(SIGNAL_EXIT[signal]);
    }
    signalled = signal;
    if (signal === 'SIGINT') process.stderr.write('\ncampus: stopping after the running chunks (Ctrl-C again to quit at once)…\n');
    else {
      tell(`${signal}: stopping now; the running chunks are dropped, the finished ones written`);
      abandon.abort();
    }
    stop.abort();
  };
  for (const s of Object.keys(SIGNAL_EXIT)) process.on(s, onSignal);
  const announce = (plan: StudyPlan, done: number): void => {
    const cap = plan.precision !== undefined ? ' (cap)' : '';
    const shard = plan.shard ? ` · shard ${plan.shard.index}/${plan.shard.count}` : '';
    const already = done > 0 ? ` · ${done} already done` : '';
    process.stdout.write(`campus study: ${scenario.name} · ${plan.replications} replications${cap} × ${plan.variants.length} variants · seed ${plan.seed}${shard}${already}\n`);
  };
  // A scheduler stopping us waits for no charts: the partial report is drawn only after Ctrl-C.
  const report = (dir: string, data: StudyData): Promise<string[]> =>
    !data.plan.complete && signalled !== undefined && signalled !== 'SIGINT' ? Promise.resolve([]) : writeReport(dir, data);
  const t0 = performance.now();
  let result;
  try {
    result = await runStudy(scenario, {
      ...request,
      resume: resumed !== undefined,
      outDir,
      signal: stop.signal,
      abandon: abandon.signal,
      progress: args.quiet ? undefined : terminalProgress(),
      check: args.check === true,
      onPlanned: announce,
      onNotice: (message) => tell(`note: ${message}`),
      beforeCommit: report,
    });
  } finally {
    for (const s of Object.keys(SIGNAL_EXIT)) process.off(s, onSignal);
  }
  const seconds = (performance.now() - t0) / 1000;
  if (result.summary) {
    process.stdout.write(`\n${summaryTable(result.summary, (args.metric ?? PRIMARY_METRIC) as MetricName)}\n`);
    process.stdout.write(`\n${contextTable(result.summary)}\n`);
  }
  process.stdout.write(`\n${result.replications} replications in ${seconds.toFixed(1)} s — ${result.stopping.detail}.\n`);
  for (const f of result.failures) tell(`replications ${f.start}–${f.end - 1} failed: ${f.message}`);
  if (result.ioError) tell(result.ioError.message);
  process.stdout.write(`${resultsLine(result.outDir, result.files)}\n`);
  if (!result.complete) {
    process.stdout.write(`Unfinished: ${result.outDir} holds what is done (marked partial). To continue: npx campus study --resume ${outDir}\n`);
    process.exitCode = result.failures.length > 0 || result.ioError ? 1 : SIGNAL_EXIT[signalled ?? 'SIGINT'];
  }
}
