/**
 * A study folder read back: its plan (state/plan.json) and state (checkpoints.ts). What `--resume`,
 * `campus merge` and `campus report` start from.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CalendarMonths, calendarMonths, horizonHours } from '../core/calendar.js';
import type { Assumptions } from '../scenario/assumptions.js';
import type { ScenarioWarning } from '../scenario/types.js';
import type { PlanPolicy } from './decisions.js';
import { readState, type ResultShape, STATE_FORMAT, type StoredState } from './checkpoints.js';
import { StudyError } from './study-error.js';

export { STATE_FORMAT };

/** A study as its folder records it: what must match for two folders to be parts of the same study. */
export interface SavedPlan {
  format: number;
  /** Hash of everything that decides the results (scenario, seed, request, build): state of another id is never mixed in. */
  studyId: string;
  /** The build that ran it: results of two builds are not mixed. */
  tool: { version: string; commit: string };
  scenario: string;
  /** The scenario's own description, shown at the top of the report. */
  description: string;
  scenarioFile: string;
  scenarioHash: string;
  seed: number;
  replications: number;
  variants: string[];
  baseline: string;
  confidence: number;
  years: number;
  months: number;
  /** Unix seconds of the horizon's start (dates in bands.csv). */
  startUnixSeconds: number;
  /** The baseline layout's discount rate (chart titles). */
  discountRatePerYear: number;
  /** The scenario's uncertain inputs (key path, distribution, canonical unit), in the order of replications.csv's input columns. */
  inputs?: Array<{ id: string; text: string; variants?: string[]; unit?: string }>;
  /** The adaptive layouts' decision rules (absent when no layout has any). */
  policies?: PlanPolicy[];
  /** What the scenario assumes (the report's Assumptions section). */
  assumptions?: Assumptions;
  /** NPV the report gives the probability of exceeding (`--target`), USD; null for the default, 0. */
  targetUSD?: number | null;
  /** The sequential stopping rule, if any: a resumed study keeps it. */
  precision: number | null;
  metric: string;
  checkEvery: number;
  /** Values of the scenario far outside what real sites have (shown again by the report). */
  warnings: ScenarioWarning[];
  shard: { index: number; count: number } | null;
  /** Replications this folder was meant to hold, [start, end). */
  range: { start: number; end: number };
  /** Replications it holds, as [start, end) runs. */
  done: Array<[number, number]>;
  /** Replications a sequential rule decided on (the study's final size), or null. */
  stoppedAt: number | null;
  /** Everything it was meant to hold is done (for a shard: its share). */
  complete: boolean;
}

export interface SavedStudy {
  dir: string;
  plan: SavedPlan;
  state: StoredState;
}

/** The id of a study: a digest of everything its results depend on. */
export function studyId(p: Pick<SavedPlan, 'scenarioHash' | 'seed' | 'replications' | 'variants' | 'shard' | 'precision' | 'metric' | 'checkEvery' | 'tool'>): string {
  const identity = [p.scenarioHash, p.seed, p.replications, p.variants, p.shard, p.precision, p.metric, p.checkEvery, p.tool];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 32);
}

/** The shape of the results a plan's state holds. */
/** The calendar months of a saved plan's horizon (its annual periods' dates). */
export const planMonths = (plan: Pick<SavedPlan, 'startUnixSeconds' | 'years'>): CalendarMonths => calendarMonths(plan.startUnixSeconds, horizonHours(plan.startUnixSeconds, plan.years));

export function shapeOf(plan: SavedPlan): ResultShape {
  return { studyId: plan.studyId, variants: plan.variants, months: plan.months, inputs: (plan.inputs ?? []).length };
}

/** Runs of consecutive integers: [0,1,2,5,6] → [[0,3],[5,7]]. */
export function toRuns(sorted: readonly number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[1] === r) last[1] = r + 1;
    else runs.push([r, r + 1]);
  }
  return runs;
}

/** Only the plan of a saved study (what `--resume` needs to know before loading the scenario). */
export function readSavedPlan(dir: string): SavedPlan {
  const file = join(dir, 'state', 'plan.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new StudyError(`${dir} is not a study folder this tool can continue: cannot read state/plan.json (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let plan: SavedPlan;
  try {
    plan = JSON.parse(text);
  } catch {
    throw new StudyError(`${file} is not valid JSON`);
  }
  if (plan.format !== STATE_FORMAT) throw new StudyError(`${dir}: saved with state format ${plan.format}, this tool reads ${STATE_FORMAT}; run the study again`);
  return plan;
}

/** A study folder's plan and state. */
export function readSavedStudy(dir: string): SavedStudy {
  const plan = readSavedPlan(dir);
  return { dir, plan, state: readState(join(dir, 'state'), shapeOf(plan), plan.range.start) };
}

/**
 * The folder `--resume DIR` means and the plan it continues: an unfinished run in `DIR.partial`
 * first, else the study in DIR. `DIR.partial` itself may be named too.
 */
export function resumablePlan(dir: string): { outDir: string; plan: SavedPlan } {
  const outDir = dir.replace(/[\\/]+$/, '').replace(/\.partial$/, '');
  const partial = `${outDir}.partial`;
  if (existsSync(join(partial, 'state', 'plan.json'))) return { outDir, plan: readSavedPlan(partial) };
  return { outDir, plan: readSavedPlan(outDir) };
}
