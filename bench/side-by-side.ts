/**
 * The change and the reference measured side by side: a pair is two fresh processes of one
 * benchmark, one per build, started together and running at the same time, one on each core;
 * pair after pair, the two builds take turns to be started first (gate.ts judges the pairs).
 *
 *   pair 0: change ‖ reference     pair 1: reference ‖ change     pair 2: change ‖ reference   …
 *
 * Running at once, the two share every moment of the machine's load and of each other's pressure
 * on the caches and memory. Measured here, a 2-core machine at a load of 7–16 (other test suites
 * running), unchanged code against itself, 8 pairs of the site replication: the pairs' log-ratios
 * scattered with a standard deviation of 0.08 run at once against 0.19 run one after the other,
 * and the hold model's 0.09 against 0.10; a memory-heavy benchmark run alone is slowed by whatever
 * the other core happens to do in its seconds, which the other build's process then does not see.
 *
 * Each process runs gate-child.js on one build — the build's own benchmark code on its own
 * simulator — and reports its rates in CPU time (gate-child.ts says why); a process's rate in its
 * pair is the median of its timed runs.
 */
import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Pair, pairOrder } from './gate.js';
import { spread } from './measure.js';

/** A build to measure: the folder holding its package.json and dist/. */
export interface Build {
  label: 'change' | 'reference';
  root: string;
}


const GATE_CHILD = fileURLToPath(new URL('./gate-child.js', import.meta.url));

/** `pairs` pairs of processes of benchmark `name`, each doing `runs` timed runs. */
export async function measureSideBySide(name: string, runs: number, change: Build, reference: Build, pairs: number): Promise<Pair[]> {
  const rate = (build: Build) =>
    new Promise<number>((resolve, reject) => {
      const child = execFile(process.execPath, [GATE_CHILD, build.root, name, String(runs)], { cwd: build.root, encoding: 'utf8' }, (error, stdout, stderr) => {
        if (error) reject(new Error(`${name} on the ${build.label} build: ${stderr.trim().split('\n').pop() || error.message}`));
        else resolve(spread(JSON.parse(stdout.trim().split('\n').pop()!).rates).median);
      });
      child.stdin?.end();
    });
  const measured: Pair[] = [];
  for (const changeFirst of pairOrder(pairs)) {
    const first = rate(changeFirst ? change : reference);
    const second = rate(changeFirst ? reference : change);
    const [c, r] = changeFirst ? await Promise.all([first, second]) : (await Promise.all([first, second])).reverse();
    measured.push({ change: c, reference: r, changeFirst });
  }
  return measured;
}

/** The benchmark names a build's suite has (its own bench/suite.ts, read in a process of its own). */
export function suiteNames(build: Build): string[] {
  const suite = pathToFileURL(join(build.root, 'dist', 'bench', 'suite.js')).href;
  const script = `import(${JSON.stringify(suite)}).then((m) => console.log(JSON.stringify(m.SUITE.map((b) => b.name))))`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: build.root, encoding: 'utf8' }).trim().split('\n').pop()!);
}
