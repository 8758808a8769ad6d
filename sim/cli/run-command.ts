/**
 * `campus run <file>`: one replication of one variant, for a researcher checking what a scenario
 * does — a monthly cash-flow table on the terminal, its metrics, and every monthly series as CSV.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { METRIC_INFO, METRICS } from '../campus/metrics.js';
import { horizonMonths, VARIANT_SERIES, WORLD_SERIES, worldMonthly } from '../campus/series.js';
import { writeFileAtomic } from '../study/atomic-write.js';
import { MAX_REPLICATIONS } from '../core/stream.js';
import { seedFlag, wholeNumber } from './flags.js';
import { formatValue } from '../../reports/words.js';
import { formatTable, millions } from './table.js';
import { reportErrors, UsageError } from './user-error.js';

interface RunArgs {
  file: string;
  variant?: string;
  seed?: string;
  replication?: string;
  out?: string;
  check?: boolean;
}

export const runCommand = {
  command: 'run <file>',
  describe: 'Run one replication of one variant: a monthly cash-flow table, its metrics, and its series as CSV',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'Scenario file (YAML)' })
      .option('variant', { type: 'string', describe: 'Variant to run (default: the baseline)' })
      .option('seed', { type: 'string', describe: 'Root seed (default: the scenario’s study.seed)' })
      .option('replication', { alias: 'r', type: 'string', describe: 'Replication index: the same world as that replication of a study (default 0)' })
      .option('out', { type: 'string', describe: 'Folder for monthly.csv and metrics.json (default: out/<scenario>/run)' })
      .option('check', { type: 'boolean', describe: 'Assert after every event: power drawn ≤ available, GPUs busy ≤ up, energy by use sums to the total' }),
  handler: (args: RunArgs) => reportErrors(async () => run(args)),
};

async function run(args: RunArgs): Promise<void> {
  // Loaded when the command runs, not when the CLI starts (main.ts).
  const [{ runCampus }, { drawWorld }, { loadScenario }, { scenarioForReplication }, { DECISION_FIELDS }, { ruleText }] = await Promise.all([
    import('../campus/campus.js'),
    import('../campus/world.js'),
    import('../scenario/load.js'),
    import('../study/replicate.js'),
    import('../campus/policies.js'),
    import('../study/decisions.js'),
  ]);
  const scenario = loadScenario(args.file);
  const name = args.variant ?? scenario.study.baseline;
  if (!scenario.variants.some((v) => v.name === name)) throw new UsageError(`no variant '${name}' in ${args.file}; it has ${scenario.variants.map((v) => v.name).join(', ')}`);
  const seed = seedFlag(args.seed) ?? scenario.study.seed;
  const replication = wholeNumber('replication', args.replication, MAX_REPLICATIONS - 1) ?? 0;
  // The replication's own draws of any uncertain inputs, exactly as a study's replication has them.
  const { resolved, inputs } = scenarioForReplication(scenario, seed, replication);
  const variant = resolved.variants.find((v) => v.name === name)!;
  const outDir = args.out ?? join('out', scenario.name, 'run');

  const t0 = performance.now();
  const world = drawWorld(resolved.world, scenario.horizon, seed, replication);
  const { metrics, monthly, decisions } = runCampus(variant, world, resolved.world, scenario.horizon, { check: args.check === true });
  const ms = performance.now() - t0;

  const calendar = horizonMonths(scenario.horizon);
  const months = calendar.count;
  const worldSeries = worldMonthly(world, calendar);
  const series = (list: typeof WORLD_SERIES, values: Float64Array, s: string) => values.subarray(list.findIndex((x) => x.name === s) * months).subarray(0, months);
  const cash = series(VARIANT_SERIES, monthly, 'cumulativeCashUSD');
  const dates = Array.from({ length: months }, (_, m) => calendar.label(m));

  // The table: what came in by segment, and the net cash flow (after power, capex and credits).
  const cols = ['miningRevenueUSD', 'leaseRentUSD', 'gpuCloudRevenueUSD', 'inferenceRevenueUSD'].map((s) => series(VARIANT_SERIES, monthly, s));
  const price = series(WORLD_SERIES, worldSeries, 'btcPriceUSD');
  const rows = dates.map((date, m) => [
    date,
    Math.round(price[m]).toLocaleString('en-US'),
    ...cols.map((c) => millions(c[m])),
    millions(cash[m] - (m > 0 ? cash[m - 1] : 0)),
    millions(cash[m]),
  ]);
  process.stdout.write(`campus run: ${scenario.name} · ${variant.name} · seed ${seed} · replication ${replication} (${ms.toFixed(0)} ms)\n`);
  // The inputs this layout reads, in their own units (a duration of months shows as months).
  const read = scenario.uncertain.map((u, i) => ({ u, value: inputs[i] })).filter(({ u }) => !u.variants || u.variants.includes(variant.name));
  if (read.length > 0) {
    process.stdout.write(`Uncertain inputs, as this replication drew them: ${read.map(({ u, value }) => `${u.id} = ${formatValue(Number(value.toPrecision(6)), u.unit)}`).join(', ')}\n`);
  }
  // What this layout's rules did in this world.
  (variant.policies ?? []).forEach((rule, i) => {
    const firings = decisions[i * DECISION_FIELDS + 1];
    const first = decisions[i * DECISION_FIELDS];
    const when = firings > 0 ? `fired ${firings === 1 ? 'once' : `${firings} times`}, first on ${calendar.label(calendar.monthAt(first))}` : 'never fired';
    process.stdout.write(`Rule ${rule.name}: ${when} — ${ruleText(rule, scenario.horizon.startUnixSeconds)}\n`);
  });
  process.stdout.write('\n');
  process.stdout.write(formatTable(['month', 'BTC (USD)', 'mining', 'lease', 'GPU cloud', 'inference', 'net cash', 'cumulative'], rows, [false, true, true, true, true, true, true, true]) + '\n');
  process.stdout.write('Million USD a month; net cash is after power, capex and SLA credits (the month’s change in cumulative cash).\n\n');
  const shown = ['npvUSD', 'capexUSD', 'minCashUSD', 'miningRevenueUSD', 'gpuCloudRevenueUSD', 'leaseRentUSD', 'powerCostUSD', 'demandResponseCreditsUSD', 'computeRevenueShare', 'gpuUtilisation', 'minedBTC', 'deliveredHashrateEHs', 'energyMWh', 'gpuDowntimeHours'] as const;
  process.stdout.write(formatTable(['metric', 'value'], shown.map((k) => [k, fmt(k, metrics[k])]), [false, true]) + '\n');

  // Every series, one row per month; then the metrics with their meanings.
  const header = ['month', 'start', ...WORLD_SERIES.map((s) => s.name), ...VARIANT_SERIES.map((s) => s.name)];
  const lines = [header.join(',')];
  for (let m = 0; m < months; m++) {
    lines.push([m, dates[m], ...WORLD_SERIES.map((s) => series(WORLD_SERIES, worldSeries, s.name)[m]), ...VARIANT_SERIES.map((s) => series(VARIANT_SERIES, monthly, s.name)[m])].map(String).join(','));
  }
  mkdirSync(outDir, { recursive: true });
  writeFileAtomic(join(outDir, 'monthly.csv'), lines.join('\n') + '\n');
  // One layout on its own: the campus's figures (those against the baseline need a study).
  const own = METRICS.filter((k): k is keyof typeof metrics => k in metrics);
  const described = Object.fromEntries(own.map((k) => [k, { value: Number.isNaN(metrics[k]) ? null : metrics[k], meaning: METRIC_INFO[k].label }]));
  writeFileAtomic(join(outDir, 'metrics.json'), JSON.stringify({ scenario: scenario.name, variant: variant.name, seed, replication, metrics: described }, null, 2) + '\n');
  process.stdout.write(`\nWrote ${join(outDir, 'monthly.csv')} (every monthly series) and ${join(outDir, 'metrics.json')}.\n`);
}

function fmt(key: string, x: number): string {
  if (Number.isNaN(x)) return '—';
  if (key.endsWith('USD')) return `${millions(x)} M USD`;
  if (key === 'computeRevenueShare' || key === 'gpuUtilisation') return `${(100 * x).toFixed(1)} %`;
  return x.toLocaleString('en-US', { maximumFractionDigits: 1 });
}
