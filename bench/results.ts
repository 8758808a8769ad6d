/**
 * bench/results/latest.json: this machine's last run, every figure with where and when it was
 * measured. It is rewritten by every run and ignored by git: it differs per machine and per run, and
 * committing it would only churn; the committed record is bench/baseline.json (what the gate
 * compares with) and the README's table.
 */
import { packageFile } from '../sim/package-files.js';
import { writeFileAtomic } from '../sim/study/atomic-write.js';
import type { Figure } from './figure.js';
import type { Comparison } from './gate.js';
import type { Provenance } from './provenance.js';

export const RESULTS_PATH = packageFile('bench/results/latest.json');

export interface Results extends Provenance {
  figures: Figure[];
  /** The gate's comparisons, when the run was `--check`. */
  check?: { passed: boolean; margin: number; comparisons: Comparison[] };
}

export function writeResults(results: Results, path = RESULTS_PATH): void {
  writeFileAtomic(path, `${JSON.stringify(results, null, 2)}\n`);
}
