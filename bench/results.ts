/**
 * bench/results/latest.json: this machine's last run, every figure with where and when it was
 * measured. It is rewritten by every run and ignored by git: it differs per machine and per run, and
 * committing it would only churn; the committed record is bench/baseline.json (one machine's
 * figures, for reading across machines) and the table in docs/benchmarks.md.
 */
import { packageFile } from '../sim/package-files.js';
import { writeFileAtomic } from '../sim/study/atomic-write.js';
import type { Figure } from './figure.js';
import type { Judgement } from './gate.js';
import type { ReferenceCommit } from './reference-build.js';
import type { Provenance } from './provenance.js';

export const RESULTS_PATH = packageFile('bench/results/latest.json');

export interface Results extends Provenance {
  figures: Figure[];
  /** The gate's verdicts and the commit it measured against, when the run was `--check`. */
  check?: { passed: boolean; margin: number; against: ReferenceCommit; judgements: Judgement[] };
}

export function writeResults(results: Results, path = RESULTS_PATH): void {
  writeFileAtomic(path, `${JSON.stringify(results, null, 2)}\n`);
}
