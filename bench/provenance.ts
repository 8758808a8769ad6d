/** Where and when figures were measured: recorded with the results and with the machine's record (baseline.json). */
import { execFileSync } from 'node:child_process';
import { hostInfo, gitCommit } from '../sim/study/manifest.js';
import { packageRoot } from '../sim/package-files.js';
import type { Mode } from './suite.js';

export interface Provenance {
  date: string;
  commit: string;
  /** True when tracked files differed from the commit: the figures are not that commit's. */
  dirty: boolean;
  machine: { cpu: string; cores: number; node: string; platform: string };
  /** The loop the figures are normalised by. */
  reference: string;
  mode: Mode;
}

export function provenance(reference: string, mode: Mode, now = new Date()): Provenance {
  const { cpu, cores, node, platform } = hostInfo();
  return { date: now.toISOString(), commit: gitCommit(), dirty: trackedFilesChanged(), machine: { cpu, cores, node, platform }, reference, mode };
}

function trackedFilesChanged(): boolean {
  try {
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: packageRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return status.trim() !== '';
  } catch {
    return false; // not a git checkout: nothing to compare with
  }
}
