/**
 * The default study: its inner loop (one replication — a world and every variant run on it — as a
 * worker thread runs it), and the whole study as `campus study` runs it in a fresh process, as a
 * user meets it: module loading, a cold JIT, the summary, the charts and the files included.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../sim/scenario/load.js';
import type { Scenario } from '../sim/scenario/types.js';
import { seconds } from './measure.js';
import { replicate } from '../sim/study/replicate.js';

export const DEFAULT_SCENARIO = fileURLToPath(new URL('../../scenarios/capital-raise.yaml', import.meta.url));

let scenario: Scenario | undefined;
/** The default scenario, loaded once per process. */
export const defaultScenario = (): Scenario => (scenario ??= loadScenario(DEFAULT_SCENARIO));

/** Replications of the default study per second, all variants, in this process. */
export function replicationsPerSecond(replications: number): number {
  const scenario = defaultScenario();
  const s = seconds(() => {
    for (let r = 0; r < replications; r++) replicate(scenario, scenario.variants, scenario.study.seed, r);
  });
  return replications / s;
}

const STUDY_CHILD = fileURLToPath(new URL('./study-child.js', import.meta.url));
const childArgs = (dir: string, replications: number, workers: number, variants: readonly string[]) => [STUDY_CHILD, DEFAULT_SCENARIO, String(replications), String(workers), join(dir, 'study'), variants.join(',')];
const childResult = (stdout: string): { seconds: number; maxRSSKB: number } => JSON.parse(stdout.trim().split('\n').pop()!);

/** Runs `replications` of the default scenario's `variants` (all when empty) in a fresh process with `workers` threads. */
export function studyRun(replications: number, workers: number, variants: readonly string[] = []): { seconds: number; maxRSSKB: number } {
  const dir = mkdtempSync(join(tmpdir(), 'campus-bench-'));
  try {
    return childResult(execFileSync(process.execPath, childArgs(dir, replications, workers, variants), { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Two one-thread studies of `replications` each, in two processes started together: the seconds the
 * slower took. What the machine gives two independent computations at once — the most two workers
 * of one study could hope for, whatever the study does (caches, memory and the runtime's own GC and
 * compiler threads are shared either way).
 */
export async function studyPairRun(replications: number, variants: readonly string[] = []): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'campus-bench-'));
  try {
    const one = (k: number) =>
      new Promise<number>((resolve, reject) =>
        execFile(process.execPath, childArgs(join(dir, String(k)), replications, 1, variants), { encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(childResult(stdout).seconds))),
      );
    return Math.max(...(await Promise.all([one(0), one(1)])));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
