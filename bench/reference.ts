/**
 * The reference every figure is divided by: the hold model on a bare binary heap, run in a process
 * of its own between the runs of each benchmark. It does the same kind of work on every machine,
 * so figure ÷ reference reads the same on a fast machine, a slow one, or a busy one.
 *
 * The shared `../shared/bench-ref/hold-ref.mjs` beside the checkout is preferred; without it,
 * campus-sim's own equivalent (calibration-heap.ts) is used, and the output says which.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { packageFile } from '../sim/package-files.js';

export interface Reference {
  /** Which loop: the shared script or campus-sim's own. */
  name: 'shared/bench-ref/hold-ref.mjs' | 'bench/calibration-heap';
  script: string;
  /** Why this one, for the output. */
  why: string;
}

/** Hold operations per reference run: ~0.2 s, about as long as one run of the short benchmarks. */
export const REFERENCE_OPS = 2_000_000;

/** The shared reference when it is beside the checkout (and not `own` is asked for), else our own. */
export function chooseReference(own = false): Reference {
  const shared = packageFile('../shared/bench-ref/hold-ref.mjs');
  const script = fileURLToPath(new URL('./calibration-heap.js', import.meta.url));
  if (own) return { name: 'bench/calibration-heap', script, why: 'campus-sim\'s own bare heap, as asked (--own-reference)' };
  if (existsSync(shared)) return { name: 'shared/bench-ref/hold-ref.mjs', script: shared, why: `the shared bare heap at ${shared}` };
  return { name: 'bench/calibration-heap', script, why: `campus-sim's own bare heap: there is no ${shared}` };
}

/** Operations per second of one run of a reference script with `pending` events in its heap. */
export function referenceOpsPerSecond(script: string, pending: number, ops = REFERENCE_OPS): number {
  const out = execFileSync(process.execPath, [script, String(pending), String(ops)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!).opsPerSecond;
}
