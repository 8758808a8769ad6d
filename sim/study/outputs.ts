/**
 * Writes a study's data files into a (temporary) folder: summary.json, replications.csv,
 * bands.csv, manifest.json and state/ — for a whole study, a finished shard or an interrupted one,
 * marked as such. Charts and report.html are not the study's business: the caller draws them into
 * the same folder before it is swapped into place (the CLI does, with reports/).
 */
import { join } from 'node:path';
import type { Accumulator } from './accumulator.js';
import { writeFileAtomic } from './atomic-write.js';
import type { Bands } from './bands.js';
import { writeAllRows, writeBands } from './checkpoints.js';
import { annualPeriods } from './annual-summary.js';
import { annualToCsv, rowsToCsv } from './csv.js';
import { decisionsToCsv } from './decisions.js';
import { gitCommit, hostInfo, type HostInfo, toolVersion } from './manifest.js';
import type { ChunkFailure } from './pool.js';
import type { Row } from './replicate.js';
import { planMonths, type SavedPlan, shapeOf } from './saved-study.js';
import { type StoppingRule, type Summary, summarize } from './summarize.js';

export interface FolderContents {
  plan: SavedPlan;
  acc: Accumulator;
  stopping: StoppingRule;
  failures: readonly ChunkFailure[];
  /** What to record in the manifest about this run (never in summary.json). */
  run: { workers: number; startedAt: Date; /** Running the replications (charts and files come after). */ simulationSeconds: number; mergedFrom?: string[] };
  /**
   * For an unfinished study: its state is the checkpoint store, linked in by the caller, and only
   * the plan is written here. Otherwise the rows and bands are written whole.
   */
  checkpointed?: boolean;
}

export interface Manifest {
  scenario: { file: string; name: string; sha256: string };
  seed: number;
  replications: { planned: number; done: number };
  variants: string[];
  shard: SavedPlan['shard'];
  partial: boolean;
  stopping: StoppingRule;
  failures: readonly ChunkFailure[];
  mergedFrom: string[] | null;
  workers: number;
  tool: { name: string; version: string; commit: string };
  host: HostInfo;
  startedAt: string;
  simulationSeconds: number;
}

/** What was written, and what a report of it needs. */
export interface StudyData {
  plan: SavedPlan;
  summary?: Summary;
  rows: Row[];
  bands: Bands;
  manifest: Manifest;
  /** Files written, relative to the folder. */
  files: string[];
}

/** The summary of a plan's rows (what summary.json holds). */
export function summarizePlan(rows: readonly Row[], plan: SavedPlan, stopping: StoppingRule): Summary {
  return summarize(rows, {
    scenario: plan.scenario,
    scenarioHash: plan.scenarioHash,
    seed: plan.seed,
    confidence: plan.confidence,
    baseline: plan.baseline,
    variants: plan.variants,
    stopping,
    inputs: plan.inputs ?? [],
    horizon: planMonths(plan),
    ...(plan.policies ? { policies: plan.policies } : {}),
  });
}

/** The data files a plan's rows and bands give, by name: what a study writes and what `campus report` checks. */
export function dataFiles(rows: readonly Row[], bands: Bands, plan: SavedPlan): Record<'replications.csv' | 'annual-cash-flows.csv' | 'bands.csv', () => string> {
  return {
    'replications.csv': () => rowsToCsv(rows, (plan.inputs ?? []).map((i) => i.id)),
    'annual-cash-flows.csv': () => annualToCsv(rows, annualPeriods(planMonths(plan))),
    'bands.csv': () => bands.toCsv(plan.startUnixSeconds),
  };
}

export function writeStudyData(dir: string, c: FolderContents): StudyData {
  const rows = c.acc.rows();
  const isShard = c.plan.shard !== null;
  const summary = !isShard && rows.length > 0 ? summarizePlan(rows, c.plan, c.stopping) : undefined;
  const data = dataFiles(rows, c.acc.bands, c.plan);
  const files: string[] = [];
  const write = (name: string, data: string | Uint8Array): void => {
    writeFileAtomic(join(dir, name), data);
    files.push(name);
  };
  write('replications.csv', data['replications.csv']());
  write('annual-cash-flows.csv', data['annual-cash-flows.csv']());
  if (c.plan.policies) write('decisions.csv', decisionsToCsv(rows, c.plan.policies, c.plan.startUnixSeconds));
  if (summary) {
    write('bands.csv', data['bands.csv']());
    write('summary.json', JSON.stringify(summary, null, 2) + '\n');
  }
  if (!c.checkpointed) {
    const held = c.acc.replications();
    writeAllRows(join(dir, 'state', 'rows.bin'), shapeOf(c.plan), c.acc.packed());
    writeBands(join(dir, 'state', 'bands.bin'), shapeOf(c.plan), c.acc.bands, c.plan.range.start, held.length > 0 ? held[held.length - 1] + 1 : c.plan.range.start);
    files.push('state/rows.bin', 'state/bands.bin');
  }
  write('state/plan.json', JSON.stringify(c.plan, null, 2) + '\n');
  const manifest: Manifest = {
    scenario: { file: c.plan.scenarioFile, name: c.plan.scenario, sha256: c.plan.scenarioHash },
    seed: c.plan.seed,
    replications: { planned: c.plan.replications, done: c.acc.count },
    variants: c.plan.variants,
    shard: c.plan.shard,
    partial: !c.plan.complete,
    stopping: c.stopping,
    failures: c.failures,
    mergedFrom: c.run.mergedFrom ?? null,
    workers: c.run.workers,
    tool: { name: 'campus-sim', version: toolVersion(), commit: gitCommit() },
    host: hostInfo(),
    startedAt: c.run.startedAt.toISOString(),
    simulationSeconds: c.run.simulationSeconds,
  };
  write('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  return { plan: c.plan, summary, rows, bands: c.acc.bands, manifest, files };
}
