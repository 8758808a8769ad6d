/**
 * manifest.json: everything that may differ between two runs of the same study (host, versions,
 * commit, wall time) lives here, so summary.json and replications.csv can be byte-identical.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, hostname } from 'node:os';
import { packageFile, packageRoot } from '../package-files.js';

export function toolVersion(): string {
  return JSON.parse(readFileSync(packageFile('package.json'), 'utf8')).version;
}

/** The commit the tool was built from, or 'unknown' outside a git checkout. */
export function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: packageRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

/** The machine a study ran on, for manifest.json. */
export interface HostInfo {
  hostname: string;
  cpu: string;
  cores: number;
  node: string;
  platform: string;
}

export function hostInfo(): HostInfo {
  const cpu = cpus();
  return { hostname: hostname(), cpu: cpu[0]?.model ?? 'unknown', cores: cpu.length, node: process.version, platform: `${process.platform}-${process.arch}` };
}
