/**
 * The bare-heap reference (`../shared/bench-ref/hold-ref.mjs` beside the repository), run in the same
 * invocation as our own figures so speed can be read as a ratio that machine noise mostly cancels.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { packageFile } from '../sim/package-files.js';

/** Path of the reference script, or undefined when this checkout has no shared/ beside it. */
export function referencePath(): string | undefined {
  const p = packageFile('../shared/bench-ref/hold-ref.mjs');
  return existsSync(p) ? p : undefined;
}

/** Operations per second the reference heap reaches at `pending` events over `ops` operations. */
export function referenceOpsPerSecond(path: string, pending: number, ops: number): number {
  const out = execFileSync(process.execPath, [path, String(pending), String(ops)], { encoding: 'utf8' });
  const line = JSON.parse(out.trim().split('\n').pop()!);
  return line.opsPerSecond;
}
