/** `campus report DIR`: re-render a saved study's charts. */
import type { Argv } from 'yargs';
import { reportErrors } from './user-error.js';

export const reportCommand = {
  command: 'report <dir>',
  describe: 'Draw the charts of a saved study again, without re-running it',
  builder: (y: Argv) => y.positional('dir', { type: 'string', demandOption: true, describe: 'Study folder' }),
  handler: (args: { dir: string }) =>
    reportErrors(async () => {
      // Loaded when the command runs, not when the CLI starts (main.ts).
      const { rerenderStudy } = await import('../study/rerender.js');
      const files = await rerenderStudy(args.dir);
      process.stdout.write(`Wrote ${files.length} files to ${args.dir}/: ${files.join(', ')}\n`);
    }),
};
