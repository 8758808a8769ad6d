/** `campus optimize <file>`: which layout has the highest mean NPV, optionally within a loss limit, with a stated probability of being right, for fewer replications. */
import { join } from 'node:path';
import type { Argv } from 'yargs';
import type { LossLimit, OptimizeResult } from '../study/optimize.js';
import { moneyFlag, probabilityFlag, seedFlag, wholeNumber } from './flags.js';
import { formatTable, millions } from './table.js';
import { reportErrors, tell, UsageError } from './user-error.js';

/** The run went through but no layout meets the loss limit: the files say why; a script can tell it from a choice. */
export const EXIT_NONE_WITHIN_LIMIT = 3;

export interface OptimizeArgs {
  file: string;
  variants?: string;
  seed?: string;
  delta?: string;
  pcs?: string;
  budget?: string;
  'first-stage'?: string;
  'max-loss-probability'?: string;
  'loss-tolerance'?: string;
  'loss-below'?: string;
  out?: string;
  quiet?: boolean;
}

export const optimizeCommand = {
  command: 'optimize <file>',
  describe: 'Choose the layout with the highest mean NPV, optionally among those within a limit on P(loss), by a ranking-and-selection procedure (Kim–Nelson; Andradóttir–Kim; common random numbers) with a stated probability of being right',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'Scenario file (YAML): its variants, and those its sweep generates, are the candidates' })
      .option('variants', { type: 'string', describe: 'Comma-separated candidates (default: every variant)' })
      .option('delta', { type: 'string', describe: 'Indifference zone in USD: a lead smaller than this is not worth telling apart, e.g. 10M (default 10M)' })
      .option('pcs', { type: 'string', describe: 'Probability of choosing the best when it leads by at least --delta (default 0.95)' })
      .option('max-loss-probability', { type: 'string', describe: 'Choose only among layouts with P(NPV < --loss-below) at most this, e.g. 0.1 or 10%' })
      .option('loss-tolerance', { type: 'string', describe: 'Probabilities within this of the limit may be judged either way; beyond it the verdict is guaranteed (default 0.02, or less when the limit leaves less room)' })
      .option('loss-below', { type: 'string', describe: 'An NPV below this counts as a loss for --max-loss-probability, e.g. -100M (default 0)' })
      .option('budget', { type: 'string', describe: 'Most replications any layout gets; past it the best running mean is taken without the guarantee (default 2000)' })
      .option('first-stage', { type: 'string', describe: 'Replications of every layout before any is dropped (default 20)' })
      .option('seed', { type: 'string', describe: 'Root seed (default: the scenario’s study.seed)' })
      .option('out', { type: 'string', describe: 'Output folder (default: out/<scenario name>-optimize)' })
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'No progress output' }),
  handler: (args: OptimizeArgs) => reportErrors(() => run(args)),
};

export interface OptimizeSettings {
  confidence: number;
  indifference: number;
  budget: number;
  firstStage: number;
  lossLimit?: LossLimit;
}

/** The flags, checked before anything runs: a bad one is a UsageError (one line, exit 2). */
export function optimizeSettings(args: OptimizeArgs): OptimizeSettings {
  const confidence = probabilityFlag('pcs', args.pcs) ?? 0.95;
  const indifference = moneyFlag('delta', args.delta) ?? 10e6;
  if (!(indifference > 0)) throw new UsageError(`--delta must be an amount above 0, e.g. 10M, got '${args.delta}'`);
  const budget = wholeNumber('budget', args.budget, 1_000_000) ?? 2000;
  const firstStage = wholeNumber('first-stage', args['first-stage'], 10_000) ?? 20;
  if (firstStage < 2 || budget < firstStage) throw new UsageError(`--first-stage must be at least 2 and at most --budget (${budget}), got ${firstStage}`);
  const settings = { confidence, indifference, budget, firstStage };
  const maxProbability = probabilityFlag('max-loss-probability', args['max-loss-probability']);
  if (maxProbability === undefined) {
    for (const flag of ['loss-tolerance', 'loss-below'] as const) if (args[flag] !== undefined) throw new UsageError(`--${flag} qualifies --max-loss-probability, which was not given`);
    return settings;
  }
  // The tolerance must leave room on both sides: some P at or below q − ε > 0 to find within, some at q + ε < 1 to find outside.
  const room = Math.min(maxProbability, 1 - maxProbability);
  const tolerance = probabilityFlag('loss-tolerance', args['loss-tolerance']) ?? Math.min(0.02, room / 2);
  if (!(tolerance < room)) throw new UsageError(`--loss-tolerance must be below ${room.toLocaleString('en-US', { maximumFractionDigits: 6 })}, the room --max-loss-probability ${maxProbability} leaves to 0 or 1, got ${args['loss-tolerance']}`);
  const below = moneyFlag('loss-below', args['loss-below']) ?? 0;
  return { ...settings, lossLimit: { below, maxProbability, tolerance } };
}

async function run(args: OptimizeArgs): Promise<void> {
  const settings = optimizeSettings(args);
  // Loaded when the command runs (main.ts starts on the flags alone).
  const [{ loadScenario }, { optimize }, { optimizeFiles }] = await Promise.all([import('../scenario/load.js'), import('../study/optimize.js'), import('../../reports/optimize-files.js')]);
  const scenario = loadScenario(args.file);
  const out = args.out ?? join('out', `${scenario.name}-optimize`);
  let shown = 0;
  const result = optimize(scenario, {
    ...(args.variants ? { variants: args.variants.split(',').map((v) => v.trim()).filter(Boolean) } : {}),
    ...(args.seed !== undefined ? { seed: seedFlag(args.seed) } : {}),
    ...settings,
    onReplication: (r, alive) => {
      if (args.quiet || !process.stderr.isTTY || r + 1 < shown + 50) return;
      shown = r + 1;
      process.stderr.write(`  replication ${r + 1} · ${alive} layouts in contention\n`);
    },
  });
  process.stdout.write(`\n${candidateTable(result)}\n\n`);
  process.stdout.write(`Million USD over the replications each layout got. ${result.guarantee}.\n`);
  process.stdout.write(`${result.totalReplications.toLocaleString('en-US')} layout-replications in all; an equal allocation with the same first stage and guarantee would have spent ${result.equalAllocationReplications.toLocaleString('en-US')}. Frontier: no other layout${result.lossLimit ? ' (of those not found above the limit)' : ''} has both a higher mean and a higher CVaR.\n`);
  const written = await optimizeFiles(out, result);
  tell(`wrote ${written.join(', ')} to ${out}/`);
  if (result.chosen === null) process.exitCode = EXIT_NONE_WITHIN_LIMIT;
}

/** One row per candidate; with a loss limit, its share below the limit and the check's verdict. */
export function candidateTable(result: OptimizeResult): string {
  const limit = result.lossLimit;
  const below = limit && limit.below !== 0 ? limit.event : undefined;
  const head = ['variant', 'replications', 'mean NPV', 'CVaR 5 %', 'P(loss)', ...(below ? [below] : []), ...(limit ? ['within limit'] : []), 'dropped', 'frontier'];
  const rows = result.candidates.map((c) => [
    c.name + (c.name === result.chosen ? '  ← chosen' : ''),
    c.replications.toLocaleString('en-US'),
    millions(c.mean),
    millions(c.cvar),
    percent(c.probabilityOfLoss),
    ...(below ? [percent(c.probabilityBelowLimit!)] : []),
    ...(limit ? [c.feasibility === 'feasible' ? `yes, after ${c.feasibilityDecidedAfter}` : c.feasibility === 'infeasible' ? `no, after ${c.feasibilityDecidedAfter}` : 'undecided'] : []),
    c.droppedAfter !== undefined ? `after ${c.droppedAfter}` : '—',
    c.efficient ? 'yes' : '',
  ]);
  return formatTable(head, rows, head.map((h) => h !== 'variant' && h !== 'frontier' && h !== 'within limit'));
}

const percent = (p: number) => `${(100 * p).toFixed(1)} %`;
