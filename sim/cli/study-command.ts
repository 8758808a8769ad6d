/** `campus study <file>`: run a Monte Carlo study and print what won, by how much, with what downside. */
import { join, relative } from 'node:path';
import type { Argv } from 'yargs';
import { type MetricName, PRIMARY_METRIC } from '../campus/metrics.js';
import { loadScenario } from '../scenario/load.js';
import { terminalProgress } from '../study/progress.js';
import { runStudy } from '../study/study.js';
import { summaryTable } from './summary-table.js';
import { reportErrors, UsageError } from './user-error.js';

interface StudyArgs {
  file: string;
  replications?: number;
  seed?: number;
  out?: string;
  variants?: string;
  workers?: number;
  precision?: number;
  metric?: string;
  shard?: string;
  resume?: string;
  quiet?: boolean;
}

export const studyCommand = {
  command: 'study <file>',
  describe: 'Run a Monte Carlo study of a scenario: summary, paired comparisons, bands and charts',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'Scenario file (YAML)' })
      .option('replications', { alias: 'n', type: 'number', describe: 'Replications (default: the scenario’s study.replications; with --precision, the cap)' })
      .option('seed', { type: 'number', describe: 'Root seed (default: the scenario’s study.seed)' })
      .option('out', { type: 'string', describe: 'Output folder (default: out/<scenario name>)' })
      .option('variants', { type: 'string', describe: 'Comma-separated variant names to run (default: all)' })
      .option('workers', { alias: 'w', type: 'number', describe: 'Threads computing, this one included (default: all cores); results do not depend on it' })
      .option('precision', { type: 'number', describe: 'Stop once every variant’s interval is within ± this fraction of its mean, e.g. 0.02' })
      .option('metric', { type: 'string', describe: `Metric for --precision and the table (default: ${PRIMARY_METRIC})` })
      .option('shard', { type: 'string', describe: 'Run only share K of N, e.g. 0/4; combine with `campus merge`' })
      .option('resume', { type: 'string', describe: 'Continue the interrupted study in this folder' })
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'No progress output' }),
  handler: (args: StudyArgs) => reportErrors(() => study(args)),
};

async function study(args: StudyArgs): Promise<void> {
  for (const flag of ['replications', 'seed', 'workers'] as const) {
    const v = args[flag];
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw new UsageError(`--${flag} must be a non-negative integer, got ${v}`);
  }
  if (args.workers === 0) throw new UsageError('--workers must be at least 1');
  if (args.resume !== undefined && args.out !== undefined && args.out !== args.resume) throw new UsageError('--resume DIR continues in DIR; drop --out or give the same folder');
  const scenario = loadScenario(args.file);
  const outDir = args.resume ?? args.out ?? join('out', scenario.name);
  const variants = args.variants?.split(',').map((s) => s.trim()).filter(Boolean);

  // Ctrl-C once: finish the running chunks and write what is done. Twice: leave at once.
  const abort = new AbortController();
  const onSigint = () => {
    if (abort.signal.aborted) process.exit(130);
    process.stderr.write('\ncampus: stopping after the running chunks (Ctrl-C again to quit at once)…\n');
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  const replications = args.replications ?? scenario.study.replications;
  process.stdout.write(
    `campus study: ${scenario.name} · ${replications} replications${args.precision ? ' (cap)' : ''} × ${variants?.length ?? scenario.variants.length} variants · seed ${args.seed ?? scenario.study.seed}${args.shard ? ` · shard ${args.shard}` : ''}\n`,
  );
  const t0 = performance.now();
  let result;
  try {
    result = await runStudy(scenario, {
      replications: args.replications,
      seed: args.seed,
      variants,
      workers: args.workers,
      precision: args.precision,
      metric: args.metric,
      shard: args.shard,
      resume: args.resume !== undefined,
      outDir,
      signal: abort.signal,
      progress: args.quiet ? undefined : terminalProgress(),
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
  const seconds = (performance.now() - t0) / 1000;
  const rel = relative(process.cwd(), outDir);
  const where = rel === '' ? '.' : rel.startsWith('..') ? outDir : rel;
  if (result.summary) {
    process.stdout.write(`\n${summaryTable(result.summary, (args.metric ?? PRIMARY_METRIC) as MetricName)}\n`);
  }
  process.stdout.write(`\n${result.replications} replications in ${seconds.toFixed(1)} s — ${result.stopping.detail}.\n`);
  if (result.failures.length > 0) {
    for (const f of result.failures) process.stderr.write(`campus: replications ${f.start}–${f.end - 1} failed: ${f.message}\n`);
  }
  const charts = result.files.filter((f) => f.endsWith('.svg')).map((f) => join(where, f));
  process.stdout.write(`Results in ${where}/ (summary.json, replications.csv, bands.csv${charts.length ? `; charts: ${charts.join(', ')}` : ''}).\n`);
  if (!result.complete && !args.shard) process.exitCode = result.failures.length > 0 ? 1 : 130;
}
