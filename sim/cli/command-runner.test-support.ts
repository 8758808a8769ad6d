/**
 * Runs CLI commands in this one process, for tests that put many files through them: each command's
 * handler (the CLI's own, with its error handling) is called with its arguments, and its exit code,
 * stdout and stderr are caught. Prints one JSON result per line; before each command, its name goes
 * to the real stderr, so a command that hangs is named by the test that times out.
 *
 *   node --import tsx sim/cli/command-runner.test-support.ts '<JSON list of {command, args}>'
 */
import { studyCommand } from './study-command.js';
import { validateCommand } from './validate-command.js';

interface Job {
  command: 'validate' | 'study';
  args: Record<string, unknown>;
}

const jobs = JSON.parse(process.argv[2]) as Job[];
const realOut = process.stdout.write.bind(process.stdout);
const realErr = process.stderr.write.bind(process.stderr);
let out = '', err = '';
process.stdout.write = ((chunk: string | Uint8Array) => ((out += String(chunk)), true)) as typeof process.stdout.write;
process.stderr.write = ((chunk: string | Uint8Array) => ((err += String(chunk)), true)) as typeof process.stderr.write;

for (const job of jobs) {
  realErr(`running: ${job.command} ${String(job.args.file)}\n`);
  out = err = '';
  process.exitCode = undefined;
  const t0 = performance.now();
  const handler = job.command === 'validate' ? validateCommand.handler : studyCommand.handler;
  let crashed: string | undefined;
  try {
    await handler(job.args as never);
  } catch (e) {
    crashed = (e as Error).stack ?? String(e);
  }
  realOut(JSON.stringify({ ...job, code: crashed ? 'crash' : (process.exitCode ?? 0), stdout: out, stderr: err + (crashed ?? ''), ms: Math.round(performance.now() - t0) }) + '\n');
}
process.exitCode = 0;
