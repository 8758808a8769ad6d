/**
 * `campus backtest SCENARIO --from DATE --to DATE --prices CSV --observed CSV`: the scenario's network
 * started from an observed state and driven by the realised BTC price; where the observed difficulty
 * falls among the simulated. Writes backtest.csv and its chart (Vega-Lite, SVG, PNG); prints the
 * coverage of the 50 % and 90 % bands and the median |log error|.
 */
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { backtestChart } from '../../reports/charts/backtest.js';
import { renderPng, renderSvg } from '../../reports/render.js';
import { backtest, backtestCsv } from '../calibrate/backtest.js';
import { loadScenario } from '../scenario/load.js';
import { writeFileAtomic } from '../study/atomic-write.js';
import { wholeNumber } from './flags.js';
import { readObserved, readPrices, windowFlags } from './history-flags.js';
import { reportErrors, UsageError } from './user-error.js';

interface BacktestArgs {
  scenario: string;
  from: string;
  to: string;
  prices?: string;
  observed?: string;
  replications?: string;
  seed?: string;
  out?: string;
}

export const backtestCommand = {
  command: 'backtest <scenario>',
  describe: "Start the scenario's network from an observed state, drive it with the realised BTC price, and compare its difficulty with the observed",
  builder: (y: Argv) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario file (YAML): its network section gives every parameter' })
      .option('from', { type: 'string', demandOption: true, describe: 'First day, YYYY-MM-DD: the network starts from the last observation at or before it' })
      .option('to', { type: 'string', demandOption: true, describe: 'Last day, YYYY-MM-DD' })
      .option('prices', { type: 'string', describe: 'Month-end closes, month_end,close_usd (default: the shipped closes)' })
      .option('observed', { type: 'string', describe: 'Observed difficulty, date,height,difficulty (height may be empty), or the shipped epoch file (the default)' })
      .option('replications', { type: 'string', describe: 'Worlds drawn (default 1000)' })
      .option('seed', { type: 'string', describe: 'Root seed (default: the scenario’s study.seed)' })
      .option('out', { type: 'string', describe: 'Folder for backtest.csv and its chart (default out/<scenario>/backtest)' }),
  handler: (args: BacktestArgs) => reportErrors(async () => run(args)),
};

async function run(args: BacktestArgs): Promise<void> {
  // Every input is read and checked before anything is written.
  const { fromDay, toDay } = windowFlags(args.from, args.to);
  const replications = wholeNumber('replications', args.replications) ?? 1000;
  if (replications < 2 || replications > 1_000_000) throw new UsageError(`--replications must be from 2 to 1,000,000, got ${replications}`);
  const scenario = loadScenario(args.scenario);
  const seed = wholeNumber('seed', args.seed) ?? scenario.study.seed;
  const prices = readPrices(args.prices);
  const observed = readObserved(args.observed);

  const t0 = performance.now();
  const result = backtest({ world: scenario.world, scenarioFile: scenario.file, observed, prices, fromUnixDay: fromDay, toUnixDay: toDay, replications, seed });
  const seconds = (performance.now() - t0) / 1000;
  const chart = backtestChart(result, scenario.name);
  const svg = await renderSvg(chart.spec);
  const outDir = args.out ?? join('out', scenario.name, 'backtest');
  writeFileAtomic(join(outDir, 'backtest.csv'), backtestCsv(result));
  writeFileAtomic(join(outDir, 'backtest.vl.json'), JSON.stringify(chart.spec, null, 2) + '\n');
  writeFileAtomic(join(outDir, 'backtest.svg'), svg);
  writeFileAtomic(join(outDir, 'backtest.png'), renderPng(svg));

  const pct = (x: number) => `${(100 * x).toFixed(0)} %`;
  const start = result.start;
  process.stdout.write(
    `campus backtest: ${scenario.name}'s network from ${start.date} (height ${result.startHeight}, difficulty ${(start.difficulty / 1e12).toPrecision(4)} T) to ${args.to}, ` +
      `${replications} replications on the realised price (${seconds.toFixed(1)} s)\n\n` +
      `Observed difficulties: ${result.rows.length}\n` +
      `  inside the simulated p25–p75: ${pct(result.coverage50)}  (a calibrated model: about 50 %)\n` +
      `  inside the simulated p5–p95:  ${pct(result.coverage90)}  (about 90 %)\n` +
      `  median |ln(observed ÷ simulated median)|: ${result.medianAbsLogError.toFixed(3)}\n\n` +
      `Wrote ${join(outDir, 'backtest.csv')} and the chart (backtest.vl.json, .svg, .png).\n`,
  );
}
