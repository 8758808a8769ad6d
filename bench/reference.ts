/**
 * The bare-heap reference (`../shared/bench-ref/hold-ref.mjs` beside the repository), run in the same
 * invocation as our own figures so speed can be read as a ratio that machine noise mostly cancels.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));

/** Path of the reference script, or undefined when this checkout has no shared/ beside it. */
export function referencePath(): string | undefined {
  // bench/ sits at the repository root in source and under dist/ when compiled.
  for (const up of ['../..', '../../..']) {
    const p = resolve(here, up, 'shared/bench-ref/hold-ref.mjs');
    if (existsSync(p)) return p;
  }
  return undefined;
}

/** Operations per second the reference heap reaches at `pending` events over `ops` operations. */
export function referenceOpsPerSecond(path: string, pending: number, ops: number): number {
  const out = execFileSync(process.execPath, [path, String(pending), String(ops)], { encoding: 'utf8' });
  const line = JSON.parse(out.trim().split('\n').pop()!);
  return line.opsPerSecond;
}
