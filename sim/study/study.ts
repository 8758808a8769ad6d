/**
 * The main job: a Monte Carlo study of a scenario's variants.
 *
 *   scenario file ──load──▶ Scenario ──plan──▶ Study ──replicate──▶ rows ──aggregate──▶ Summary ──report──▶ charts
 *
 * 1. load: the caller hands us a validated Scenario in canonical units (sim/scenario).
 * 2. plan: variants, replications, seed, workers, shard, chunks, stopping rule — all checked before
 *    any work starts (plan.ts). A resumed study first reads back what its folder already holds.
 * 3. replicate: chunks of replications run on worker threads; each replication draws its world once
 *    and runs every variant on it (common random numbers). Chunks are taken in index order whatever
 *    finishes first, so the result does not depend on the number of workers (pool.ts).
 * 4. stop: after all replications, when the sequential precision rule is met at one of its fixed
 *    check points, on Ctrl-C, or with failed chunks reported.
 * 5. aggregate and report: summary, bands and charts, written atomically with the state that lets
 *    the run be resumed or merged (outputs.ts).
 */
import { availableParallelism } from 'node:os';
import { METRICS } from '../campus/metrics.js';
import { monthsIn } from '../campus/series.js';
import { studentTQuantile } from '../core/stats/student-t.js';
import type { Scenario } from '../scenario/types.js';
import { Accumulator } from './accumulator.js';
import { writeStudyFolder } from './outputs.js';
import { chunksToRun, planStudy, type StudyPlan, type StudyRequest } from './plan.js';
import { type Chunk, type ChunkFailure, runChunks } from './pool.js';
import type { ReplicationResult } from './replicate.js';
import { type Progress, silentProgress } from './progress.js';
import { readSavedStudy, type SavedPlan, STATE_FORMAT, toRuns } from './saved-study.js';
import { StudyError } from './study-error.js';
import type { StoppingRule, Summary } from './summarize.js';

export { StudyError };
export type { StudyPlan };

export interface StudyOptions extends StudyRequest {
  outDir: string;
  /** Continue the study already in `outDir` instead of starting afresh. */
  resume?: boolean;
  /** Aborting (Ctrl-C) stops dispatching, lets running chunks finish and writes what is done. */
  signal?: AbortSignal;
  progress?: Progress;
  /** Assert the campus invariants after every event of every run (`--check`); results are the same. */
  check?: boolean;
  /** Called once the study is planned (and a resumed folder read), before any replication runs. */
  onPlanned?: (plan: StudyPlan, alreadyDone: number) => void;
}

export interface StudyResult {
  summary?: Summary;
  outDir: string;
  files: string[];
  stopping: StoppingRule;
  failures: ChunkFailure[];
  replications: number;
  complete: boolean;
}

export async function runStudy(scenario: Scenario, options: StudyOptions): Promise<StudyResult> {
  const startedAt = new Date();
  const t0 = performance.now();

  // 2. plan, and read back a folder being resumed
  const plan = planStudy(scenario, options, availableParallelism());
  const names = plan.variants.map((v) => v.name);
  const months = monthsIn(scenario.horizon);
  const acc = new Accumulator(names, months);
  if (options.resume) resumeInto(acc, plan, options.outDir);
  options.onPlanned?.(plan, acc.count);

  // 3. replicate, 4. stop
  const progress = options.progress ?? silentProgress;
  const total = plan.range.end - plan.range.start;
  const metricIndex = METRICS.indexOf(plan.metric);
  let stopAt: number | null = null;
  let contiguous = plan.range.start; // replications [range.start, contiguous) are all in
  // The first check point past what a resumed folder already holds.
  let checkAt = (Math.floor((contiguous - plan.range.start) / plan.checkEvery) + 1) * plan.checkEvery + plan.range.start;
  const onChunk = (_: Chunk, results: ReplicationResult[]): void => {
    if (stopAt !== null) return; // the rule already stopped the study before this chunk
    for (const r of results) acc.add(r);
    while (contiguous < plan.range.end && acc.has(contiguous)) contiguous++;
    progress.update(acc.count);
    while (plan.precision !== undefined && stopAt === null && contiguous >= checkAt) {
      if (precisionReached(acc, plan, metricIndex, checkAt)) stopAt = checkAt;
      checkAt += plan.checkEvery;
    }
  };
  const chunks = chunksToRun(plan.range, new Set(acc.replications()), plan.chunkSize, plan.workers, plan.checkEvery);
  progress.start(total, acc.count);
  let failures: ChunkFailure[];
  try {
    failures = await runChunks({ workers: plan.workers, threadsOnly: options.threadsOnly, scenario, variants: plan.variants, seed: plan.seed, check: options.check }, chunks, onChunk, () => stopAt !== null || options.signal?.aborted === true);
  } finally {
    progress.stop();
  }

  const interrupted = options.signal?.aborted === true && stopAt === null;
  const held = acc.count;
  const complete = !interrupted && failures.length === 0 && (stopAt !== null || held === total);
  const stopping: StoppingRule = interrupted
    ? { rule: 'interrupted', detail: `stopped by the user after ${held} of ${total} replications; continue with --resume` }
    : failures.length > 0
      ? { rule: 'failed', detail: `${failures.length} chunk(s) failed (${failures.map((f) => `${f.start}–${f.end - 1}`).join(', ')}); continue with --resume` }
      : stopAt !== null
        ? { rule: 'precision', detail: `the ${(plan.scenario.study.confidence * 100).toFixed(0)} % interval of ${plan.metric} was within ±${plan.precision! * 100} % of the mean for every variant after ${stopAt} replications (checked every ${plan.checkEvery}; cap ${plan.replications})` }
        : plan.shard
          ? { rule: 'replications', detail: `shard ${plan.shard.index}/${plan.shard.count}: replications ${plan.range.start}–${plan.range.end - 1}` }
          : { rule: 'replications', detail: `ran all ${plan.replications} replications${plan.precision !== undefined ? ` (the precision rule was not met before the cap)` : ''}` };

  // 5. aggregate, report, write
  const saved: SavedPlan = {
    format: STATE_FORMAT,
    scenario: scenario.name,
    description: scenario.description,
    scenarioFile: scenario.file,
    scenarioHash: scenario.hash,
    seed: plan.seed,
    replications: plan.replications,
    variants: names,
    baseline: plan.baseline,
    confidence: scenario.study.confidence,
    years: scenario.horizon.years,
    months,
    startUnixSeconds: scenario.horizon.startUnixSeconds,
    discountRatePerYear: plan.variants.find((v) => v.name === plan.baseline)!.finance.discountRatePerYear,
    inputs: scenario.uncertain.map(({ id, text, variants }) => ({ id, text, variants: [...(variants ?? names)] })),
    shard: plan.shard ?? null,
    range: plan.range,
    done: toRuns(acc.replications()),
    stoppedAt: stopAt,
    complete: complete && !plan.shard,
  };
  const written = await writeStudyFolder(options.outDir, {
    plan: saved,
    acc,
    stopping,
    failures,
    run: { workers: plan.workers, startedAt, simulationSeconds: (performance.now() - t0) / 1000 },
  });
  return { summary: written.summary, outDir: options.outDir, files: written.files, stopping, failures, replications: held, complete };
}

/** The sequential rule on replications [range.start, upTo): every variant's half-width ≤ precision × |mean|. */
function precisionReached(acc: Accumulator, plan: StudyPlan, metric: number, upTo: number): boolean {
  for (let v = 0; v < plan.variants.length; v++) {
    const xs = acc.column(v, metric, upTo);
    const n = xs.length;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += (xs[i] - mean) / (i + 1);
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (xs[i] - mean) ** 2;
    const halfWidth = studentTQuantile((1 + plan.scenario.study.confidence) / 2, n - 1) * Math.sqrt(ss / (n - 1) / n);
    if (!(halfWidth <= plan.precision! * Math.abs(mean))) return false;
  }
  return true;
}

/** Loads what `dir` already holds into `acc`, after checking it is this same study. */
function resumeInto(acc: Accumulator, plan: StudyPlan, dir: string): void {
  const saved = readSavedStudy(dir);
  const p = saved.plan;
  const mismatch = (what: string, theirs: unknown, ours: unknown) =>
    new StudyError(`${dir} holds a different study: its ${what} is ${JSON.stringify(theirs)}, this run's is ${JSON.stringify(ours)}`);
  if (p.scenarioHash !== plan.scenario.hash) throw mismatch('scenario (sha256)', p.scenarioHash, plan.scenario.hash);
  if (p.seed !== plan.seed) throw mismatch('seed', p.seed, plan.seed);
  if (p.replications !== plan.replications) throw mismatch('replication count', p.replications, plan.replications);
  if (JSON.stringify(p.variants) !== JSON.stringify(plan.variants.map((v) => v.name))) throw mismatch('variant list', p.variants, plan.variants.map((v) => v.name));
  if (JSON.stringify(p.shard) !== JSON.stringify(plan.shard ?? null)) throw mismatch('shard', p.shard, plan.shard ?? null);
  acc.addRows(saved.rows);
  acc.bands.merge(saved.bands);
}
