/**
 * The default study: its inner loop (one replication — a world and every variant run on it — as a
 * worker thread runs it), and the whole study as `campus study` runs it in a fresh process, as a
 * user meets it: module loading, a cold JIT, the summary, the charts and the files included.
 */
import { execFileSync } from 'node:child_process';
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

/** Runs `replications` of the default scenario's `variants` (all when empty) in a fresh process with `workers` threads. */
export function studyRun(replications: number, workers: number, variants: readonly string[] = []): { seconds: number; maxRSSKB: number } {
  const child = fileURLToPath(new URL('./study-child.js', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'campus-bench-'));
  try {
    const args = [child, DEFAULT_SCENARIO, String(replications), String(workers), join(dir, 'study'), variants.join(',')];
    return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' }).trim().split('\n').pop()!);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
