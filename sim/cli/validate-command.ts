/** `campus validate <file>`: check a scenario and show what it resolves to, without running it. */
import type { Argv } from 'yargs';
import { leaseCapexUSD, miningCapexUSD } from '../finance/capex.js';
import { leaseDrawMW, sizeFleet } from '../mining/fleet.js';
import { loadScenario } from '../scenario/load.js';
import { formatTable, millions } from './table.js';
import { reportErrors } from './user-error.js';

export const validateCommand = {
  command: 'validate <file>',
  describe: 'Check a scenario file and show what each variant resolves to (exit 2 with one message if it is wrong)',
  builder: (y: Argv) => y.positional('file', { type: 'string', demandOption: true, describe: 'Scenario file (YAML)' }),
  handler: (args: { file: string }) =>
    reportErrors(async () => {
      const s = loadScenario(args.file);
      const rows = s.variants.map((v) => {
        const fleet = sizeFleet(v.mining, v.site, leaseDrawMW(v));
        return [
          v.name + (v.name === s.study.baseline ? ' (baseline)' : ''),
          fleet.powerMW.toFixed(1),
          (fleet.hashrateTHs / 1e6).toFixed(2),
          v.lease ? `${v.lease.itMW} MW IT` : '—',
          millions(miningCapexUSD(v) + leaseCapexUSD(v)),
        ];
      });
      process.stdout.write(`${s.file}: valid. ${s.name}: ${s.horizon.years} years from ${s.horizon.startDate}, ${s.study.replications} replications, seed ${s.study.seed}.\n\n`);
      process.stdout.write(formatTable(['variant', 'mining MW', 'EH/s', 'lease', 'capex (M USD)'], rows, [false, true, true, false, true]) + '\n');
    }),
};
