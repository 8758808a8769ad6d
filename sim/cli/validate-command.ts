/** `campus validate <file>`: check a scenario and show what it resolves to, without running it. */
import type { Argv } from 'yargs';
import { oneLine } from '../core/echo.js';
import { formatWarning } from '../scenario/plausible.js';
import { ruleBuildsHall, ruleSignsLease, type VariantConfig } from '../scenario/types.js';
import { formatTable, millions } from './table.js';
import { reportErrors, tell } from './user-error.js';

export const validateCommand = {
  command: 'validate <file>',
  describe: 'Check a scenario file and show what each variant resolves to (exit 2 with one message if it is wrong)',
  builder: (y: Argv) => y.positional('file', { type: 'string', demandOption: true, describe: 'Scenario file (YAML)' }),
  handler: (args: { file: string }) =>
    reportErrors(async () => {
      // Loaded when the command runs, not when the CLI starts (main.ts).
      const [{ capexBeyondCapitalAtH, totalCapexUSD }, { gpuCloudNodes }, { variantFleet }, { loadScenario }] = await Promise.all([
        import('../finance/capex.js'),
        import('../hpc/gpu-cloud.js'),
        import('../mining/fleet.js'),
        import('../scenario/load.js'),
      ]);
      const s = loadScenario(args.file);
      for (const w of s.warnings) tell(`warning: ${formatWarning(w)}`);
      const rows = s.variants.map((v) => {
        const fleet = variantFleet(v);
        return [
          v.name + (v.name === s.study.baseline ? ' (baseline)' : ''),
          fleet.powerMW.toFixed(1),
          (fleet.hashrateTHs / 1e6).toFixed(2),
          v.lease ? `${v.lease.itMW} MW IT` : '—',
          v.gpuCloud ? `${v.gpuCloud.itMW} MW IT, ${(gpuCloudNodes(v.gpuCloud) * v.gpuCloud.gpusPerNode).toLocaleString('en-US')} GPUs` : '—',
          millions(totalCapexUSD(v)),
          siteSummary(v),
        ];
      });
      process.stdout.write(`${oneLine(s.file)}: valid. ${s.name}: ${s.horizon.years} years from ${s.horizon.startDate}, ${s.study.replications} replications, seed ${s.study.seed}.\n\n`);
      process.stdout.write(formatTable(['variant', 'mining MW', 'EH/s', 'lease', 'GPU cloud', 'capex (M USD)', 'cooling, backup, fleet'], rows, [false, true, true, false, false, true, false]) + '\n');
      for (const v of s.variants) {
        const atH = capexBeyondCapitalAtH(v);
        if (Number.isNaN(atH)) continue;
        const month = new Date((s.horizon.startUnixSeconds + atH * 3600) * 1000).toISOString().slice(0, 7);
        tell(`warning: variant ${oneLine(v.name)}: its capex (${millions(totalCapexUSD(v))} M USD) exceeds finance.capital (${millions(v.finance.capitalUSD)} M USD) by ${month}, before any operating cash; a study shows how often the plan runs out`);
      }
    }),
};

/** A layout's site wiring in a few words: each hall's cooling, backup power, failures, scheduled changes. */
function siteSummary(v: VariantConfig): string {
  const parts = [
    v.mining.cooling ? `mining ${v.mining.cooling.spec.technology}` : '',
    v.gpuCloud?.cooling ? `GPU hall ${v.gpuCloud.cooling.technology}` : '',
    v.site.backup ? `backup ${v.site.backup.capacityMW} MW` : '',
    v.mining.failures ? `AFR ${v.mining.failures.annualFailureRate}` : '',
    v.mining.schedule ? `${v.mining.schedule.length} fleet changes` : '',
    v.mining.demandResponse === false ? 'no DR' : '',
    v.policies ? `${v.policies.length} rule${v.policies.length > 1 ? 's' : ''}${ruleBuildsHall(v) ? ' (capex: with the hall a rule builds)' : ''}${ruleSignsLease(v) ? ' (capex: with the lease a rule signs)' : ''}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : '—';
}
