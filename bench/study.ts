/** The default study as `npm start` runs it, timed in a fresh process, with 1 and 2 workers. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_SCENARIO = fileURLToPath(new URL('../../scenarios/capital-raise.yaml', import.meta.url));

export function studyRun(replications: number, workers: number): { seconds: number; maxRSSKB: number } {
  const child = fileURLToPath(new URL('./study-child.js', import.meta.url));
  const out = join(mkdtempSync(join(tmpdir(), 'campus-bench-')), 'study');
  const line = execFileSync(process.execPath, [child, DEFAULT_SCENARIO, String(replications), String(workers), out], { encoding: 'utf8' });
  return JSON.parse(line.trim().split('\n').pop()!);
}
