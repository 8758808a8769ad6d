/** `campus optimize <file>`: which layout has the highest mean NPV, with a stated probability of being right, for fewer replications. */
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { moneyFlag, seedFlag, wholeNumber } from './flags.js';
import { formatTable, millions } from './table.js';
import { reportErrors, tell, UsageError } from './user-error.js';

interface OptimizeArgs {
  file: string;
  variants?: string;
  seed?: string;
  delta?: string;
  pcs?: string;
  budget?: string;
  'first-stage'?: string;
  out?: string;
  quiet?: boolean;
}

export const optimizeCommand = {
  command: 'optimize <file>',
  describe: 'Choose the layout with the highest mean NPV by a ranking-and-selection procedure (Kim–Nelson, common random numbers) with a stated probability of being right',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'Scenario file (YAML): its variants, and those its sweep generates, are the candidates' })
      .option('variants', { type: 'string', describe: 'Comma-separated candidates (default: every variant)' })
      .option('delta', { type: 'string', describe: 'Indifference zone in USD: a lead smaller than this is not worth telling apart, e.g. 10M (default 10M)' })
      .option('pcs', { type: 'string', describe: 'Probability of choosing the best when it leads by at least --delta (default 0.95)' })
      .option('budget', { type: 'string', describe: 'Most replications any layout gets; past it the best running mean is taken without the guarantee (default 2000)' })
      .option('first-stage', { type: 'string', describe: 'Replications of every layout before any is dropped (default 20)' })
      .option('seed', { type: 'string', describe: 'Root seed (default: the scenario’s study.seed)' })
      .option('out', { type: 'string', describe: 'Output folder (default: out/<scenario name>-optimize)' })
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'No progress output' }),
  handler: (args: OptimizeArgs) => reportErrors(() => run(args)),
};

async function run(args: OptimizeArgs): Promise<void> {
  const pcs = args.pcs === undefined ? 0.95 : Number(args.pcs);
  if (!(pcs > 0 && pcs < 1)) throw new UsageError(`--pcs must be a probability in (0, 1), e.g. 0.95, got '${args.pcs}'`);
  const delta = moneyFlag('delta', args.delta) ?? 10e6;
  if (!(delta > 0)) throw new UsageError(`--delta must be an amount above 0, e.g. 10M, got '${args.delta}'`);
  const budget = wholeNumber('budget', args.budget, 1_000_000) ?? 2000;
  const firstStage = wholeNumber('first-stage', args['first-stage'], 10_000) ?? 20;
  if (firstStage < 2 || budget < firstStage) throw new UsageError(`--first-stage must be at least 2 and at most --budget (${budget}), got ${firstStage}`);
  // Loaded when the command runs (main.ts starts on the flags alone).
  const [{ loadScenario }, { optimize }, { optimizeFiles }] = await Promise.all([import('../scenario/load.js'), import('../study/optimize.js'), import('../../reports/optimize-files.js')]);
  const scenario = loadScenario(args.file);
  const out = args.out ?? join('out', `${scenario.name}-optimize`);
  let shown = 0;
  const result = optimize(scenario, {
    ...(args.variants ? { variants: args.variants.split(',').map((v) => v.trim()).filter(Boolean) } : {}),
    ...(args.seed !== undefined ? { seed: seedFlag(args.seed) } : {}),
    indifference: delta,
    confidence: pcs,
    firstStage,
    budget,
    onReplication: (r, alive) => {
      if (args.quiet || !process.stderr.isTTY || r + 1 < shown + 50) return;
      shown = r + 1;
      process.stderr.write(`  replication ${r + 1} · ${alive} layouts in contention\n`);
    },
  });
  const rows = result.candidates.map((c) => [
    c.name + (c.name === result.chosen ? '  ← chosen' : ''),
    c.replications.toLocaleString('en-US'),
    millions(c.mean),
    millions(c.cvar),
    `${(100 * c.probabilityOfLoss).toFixed(1)} %`,
    c.droppedAfter !== undefined ? `after ${c.droppedAfter}` : '—',
    c.efficient ? 'yes' : '',
  ]);
  process.stdout.write(`\n${formatTable(['variant', 'replications', 'mean NPV', 'CVaR 5 %', 'P(loss)', 'dropped', 'frontier'], rows, [false, true, true, true, true, true, false])}\n\n`);
  process.stdout.write(`Million USD over the replications each layout got. ${result.guarantee}.\n`);
  process.stdout.write(`${result.totalReplications.toLocaleString('en-US')} layout-replications in all; an equal allocation with the same first stage and guarantee would have spent ${result.equalAllocationReplications.toLocaleString('en-US')}. Frontier: no other layout has both a higher mean and a higher CVaR.\n`);
  const written = await optimizeFiles(out, result);
  tell(`wrote ${written.join(', ')} to ${out}/`);
}
