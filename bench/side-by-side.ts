/**
 * The change and the reference measured side by side: one benchmark's processes alternate between
 * the two builds, and each two neighbours make a pair (gate.ts judges the pairs).
 *
 *   pair 0: change  reference     pair 1: reference  change     pair 2: change  reference   …
 *
 * Each process runs gate-child.js on one build — the build's own benchmark code on its own
 * simulator — and reports its rates in CPU time (gate-child.ts says why); a process's rate in its
 * pair is the median of its timed runs.
 */
import { execFileSync } from 'node:child_process';
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
export function measureSideBySide(name: string, runs: number, change: Build, reference: Build, pairs: number): Pair[] {
  const rate = (build: Build) => {
    const out = execFileSync(process.execPath, [GATE_CHILD, build.root, name, String(runs)], { cwd: build.root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    return spread(JSON.parse(out.trim().split('\n').pop()!).rates).median;
  };
  return pairOrder(pairs).map((changeFirst) => {
    const first = rate(changeFirst ? change : reference);
    const second = rate(changeFirst ? reference : change);
    return changeFirst ? { change: first, reference: second, changeFirst } : { change: second, reference: first, changeFirst };
  });
}

/** The benchmark names a build's suite has (its own bench/suite.ts, read in a process of its own). */
export function suiteNames(build: Build): string[] {
  const suite = pathToFileURL(join(build.root, 'dist', 'bench', 'suite.js')).href;
  const script = `import(${JSON.stringify(suite)}).then((m) => console.log(JSON.stringify(m.SUITE.map((b) => b.name))))`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: build.root, encoding: 'utf8' }).trim().split('\n').pop()!);
}
