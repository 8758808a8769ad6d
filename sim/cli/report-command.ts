/** `campus report DIR`: draw a saved study's charts and report again, refusing a folder that is not whole and consistent. */
import type { Argv } from 'yargs';
import { formatWarning } from '../scenario/plausible.js';
import { moneyFlag } from './flags.js';
import { reportErrors, tell } from './user-error.js';

export const reportCommand = {
  command: 'report <dir>',
  describe: 'Draw the charts of a saved study again, without re-running it',
  builder: (y: Argv) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: 'Study folder' })
      .option('target', { type: 'string', describe: 'NPV to give each layout’s probability of exceeding, in USD: 250e6, 250M, 1.2B (default: the study’s --target, else 0)' }),
  handler: (args: { dir: string; target?: string }) =>
    reportErrors(async () => {
      const targetUSD = moneyFlag('target', args.target);
      // Loaded when the command runs, not when the CLI starts (main.ts).
      const [{ redrawStudy }, { writeReport }] = await Promise.all([import('../study/whole-study.js'), import('../../reports/report-files.js')]);
      const files = await redrawStudy(args.dir, (temp, study) => {
        for (const w of study.plan.warnings ?? []) tell(`warning: ${formatWarning(w)}`);
        return writeReport(temp, { plan: study.plan, summary: study.summary, rows: study.acc.rows(), bands: study.acc.bands, manifest: study.manifest }, { targetUSD });
      });
      process.stdout.write(`Wrote ${files.length} files to ${args.dir}/: ${files.join(', ')}\n`);
    }),
};
