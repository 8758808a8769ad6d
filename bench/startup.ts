/**
 * Start-up: how long a fresh process takes to do a small thing — print `campus --help`, validate the
 * default scenario, import the package — as a multiple of a bare `node -e 0` timed in the same run.
 * The two alternate, so a change of load on a shared machine reaches both; the figure is the median
 * of each pair's ratio. A ratio, not a rate: smaller is faster.
 */
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { packageFile } from '../sim/package-files.js';
import { spread } from './measure.js';
import { DEFAULT_SCENARIO } from './study.js';

const MAIN = packageFile('dist/sim/cli/main.js');

/** What each start-up benchmark starts, after `node`. */
export const STARTS = {
  help: [MAIN, '--help'],
  validate: [MAIN, 'validate', DEFAULT_SCENARIO],
  import: ['--input-type=module', '-e', `import { Simulation } from ${JSON.stringify(pathToFileURL(packageFile('dist/sim/index.js')).href)}; new Simulation();`],
} as const satisfies Record<string, readonly string[]>;

function millis(args: readonly string[]): number {
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, args, { stdio: 'ignore' });
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** The median over `pairs` of (time to start `args`) ÷ (time of a bare `node -e 0` just before it). */
export function startupRatio(args: readonly string[], pairs = 5): number {
  const ratios: number[] = [];
  for (let i = 0; i < pairs; i++) {
    const bare = millis(['-e', '0']);
    ratios.push(millis(args) / bare);
  }
  return spread(ratios).median;
}
