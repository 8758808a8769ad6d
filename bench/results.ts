/**
 * bench/results/latest.json: this machine's last run, every figure with where and when it was
 * measured. It is rewritten by every run and ignored by git: it differs per machine and per run, and
 * committing it would only churn.
 */
import { packageFile } from '../sim/package-files.js';
import { writeFileAtomic } from '../sim/study/atomic-write.js';
import type { Figure } from './figure.js';
import type { Provenance } from './provenance.js';

export const RESULTS_PATH = packageFile('bench/results/latest.json');

export interface Results extends Provenance {
  figures: Figure[];
}

export function writeResults(results: Results, path = RESULTS_PATH): void {
  writeFileAtomic(path, `${JSON.stringify(results, null, 2)}\n`);
}
