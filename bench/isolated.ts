/** Runs one benchmark's measurement in a fresh process (child.ts) and reads back its paired runs. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PairedRuns } from './measure.js';

export function measureIsolated(name: string, runs: number, referenceScript: string): PairedRuns {
  const child = fileURLToPath(new URL('./child.js', import.meta.url));
  const out = execFileSync(process.execPath, [child, name, String(runs), referenceScript], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').pop()!);
}
