/**
 * The main job: a Monte Carlo study of a scenario's variants.
 *
 *   scenario file ──load──▶ Scenario ──plan──▶ Study ──replicate──▶ rows ──aggregate──▶ Summary ──report──▶ charts
 *
 * 1. load: the caller hands us a validated Scenario in canonical units (sim/scenario).
 * 2. plan: variants, replications, seed, workers, shard, chunks, stopping rule — all checked before
 *    any work starts (plan.ts). Then the output folder: probed, locked, and what an earlier run of
 *    the same study saved read back (study-folder.ts, checkpoints.ts).
 * 3. replicate: chunks of replications run on worker threads; each replication draws its world once
 *    and runs every variant on it (common random numbers). Each chunk is saved the moment it is
 *    done; chunks are delivered in index order whatever finishes first, so the result depends
 *    neither on the number of workers nor on how often the study was stopped and resumed (pool.ts).
 * 4. stop: after all replications, when the sequential precision rule is met at one of its fixed
 *    check points, when asked to (Ctrl-C, SIGTERM), or with failed chunks reported.
 * 5. aggregate and write: summary, bands and state into a fresh folder, then the caller's report
 *    (`beforeCommit`), then the swap — into `outDir` when the study is whole, into `outDir.partial`
 *    (where `--resume` finds it) when not (outputs.ts).
 */
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { METRICS } from '../campus/metrics.js';
import { monthsIn, VARIANT_SERIES, WORLD_SERIES } from '../campus/series.js';
import { WORLD_DRIVERS } from '../campus/world-drivers.js';
import { studentTQuantile } from '../core/stats/student-t.js';
import type { Scenario } from '../scenario/types.js';
import { Accumulator } from './accumulator.js';
import { writeFileAtomic } from './atomic-write.js';
import { Checkpoints, readState, type StoredState } from './checkpoints.js';
import { gitCommit, toolVersion } from './manifest.js';
import { asOutputError, fsStep, OutputError } from './output-error.js';
import { type StudyData, writeStudyData } from './outputs.js';
import { chunksToRun, planStudy, type StudyPlan, type StudyRequest } from './plan.js';
import { type Chunk, type ChunkFailure, runChunks } from './pool.js';
import { annualLength, type ReplicationResult } from './replicate.js';
import { type Progress, silentProgress } from './progress.js';
import { readSavedPlan, type SavedPlan, shapeOf, STATE_FORMAT, studyId, toRuns } from './saved-study.js';
import { linkOrCopy, StudyFolder } from './study-folder.js';
import { StudyError } from './study-error.js';
import type { StoppingRule, Summary } from './summarize.js';
import { planPolicies } from './decisions.js';

export { StudyError };
export type { StudyPlan };

export interface StudyOptions extends StudyRequest {
  outDir: string;
  /** Continue the study already in `outDir` (or `outDir.partial`) instead of starting afresh. */
  resume?: boolean;
  /** Aborting (Ctrl-C) stops dispatching, lets running chunks finish and writes what is done. */
  signal?: AbortSignal;
  /** Aborting (SIGTERM) drops the running chunks at once; what is saved is written as with `signal`. */
  abandon?: AbortSignal;
  progress?: Progress;
  /** Assert the campus invariants after every event of every run (`--check`); results are the same. */
  check?: boolean;
  /** Called once the study is planned (and a saved one read), before any replication runs. */
  onPlanned?: (plan: StudyPlan, alreadyDone: number) => void;
  /** Told what happened to an earlier unfinished run in the folder (continued, or set aside). */
  onNotice?: (message: string) => void;
  /** Draws into the new folder before it is swapped into place (the CLI draws the report); returns the files it wrote. */
  beforeCommit?: (dir: string, data: StudyData) => Promise<string[]> | string[];
}

export interface StudyResult {
  summary?: Summary;
  /** Where the results are: `outDir` for a whole study, `outDir.partial` for an unfinished one. */
  outDir: string;
  files: string[];
  stopping: StoppingRule;
  failures: ChunkFailure[];
  replications: number;
  complete: boolean;
  /** Saving a checkpoint failed (a full disk): the study stopped there. */
  ioError?: OutputError;
}

export async function runStudy(scenario: Scenario, options: StudyOptions): Promise<StudyResult> {
  const startedAt = new Date();
  const t0 = performance.now();

  // 2. plan, then the folder: probed, locked, and an earlier run of this study read back
  const plan = planStudy(scenario, options, availableParallelism());
  const names = plan.variants.map((v) => v.name);
  const months = monthsIn(scenario.horizon);
  const saved = initialPlan(scenario, plan, months);
  const folder = StudyFolder.open(options.outDir, 'study', spaceNeeded(saved));
  try {
    const prior = priorState(folder, saved, options);
    const stateDir = join(folder.partial, 'state');
    // The first write, before any replication: a folder that cannot take it fails now, not after the work.
    fsStep(stateDir, 'save the study’s plan', () => writeFileAtomic(join(stateDir, 'plan.json'), JSON.stringify(saved, null, 2) + '\n'));
    const state = prior?.state ?? readState(stateDir, shapeOf(saved), plan.range.start);
    const acc = new Accumulator(names, months, state.bands);
    for (const [r, row] of state.rows) if (r < state.upTo) acc.addRow(r, row);
    const already = state.rows.size;
    options.onPlanned?.(plan, already);

    // 3. replicate, 4. stop
    const checkpoints = new Checkpoints(stateDir, shapeOf(saved));
    const progress = options.progress ?? silentProgress;
    const total = plan.range.end - plan.range.start;
    const metricIndex = METRICS.indexOf(plan.metric);
    // A whole study resumed keeps the stop its rule made: it is not run past it.
    let stopAt: number | null = prior?.stoppedAt ?? null;
    let contiguous = plan.range.start; // replications [range.start, contiguous) are all in
    while (contiguous < plan.range.end && acc.has(contiguous)) contiguous++;
    // The first check point past what is already delivered.
    let checkAt = (Math.floor((contiguous - plan.range.start) / plan.checkEvery) + 1) * plan.checkEvery + plan.range.start;
    let failures: ChunkFailure[] = [];
    let ioError: OutputError | undefined;
    const onChunk = (_: Chunk, results: ReplicationResult[]): void => {
      if (stopAt !== null) return; // the rule already stopped the study before this chunk
      for (const r of results) acc.add(r);
      while (contiguous < plan.range.end && acc.has(contiguous)) contiguous++;
      progress.update(Math.max(acc.count, already));
      while (plan.precision !== undefined && stopAt === null && contiguous >= checkAt) {
        if (precisionReached(acc, plan, metricIndex, checkAt)) stopAt = checkAt;
        checkAt += plan.checkEvery;
      }
      // Fold the series of the contiguous prefix into one file, so the disk does not grow with the study.
      if (checkpoints.wantsFold && failures.length === 0 && acc.count === contiguous - plan.range.start && !ioError) {
        try {
          checkpoints.fold(acc.bands, plan.range.start, contiguous);
        } catch (e) {
          ioError = asOutputError(e, stateDir, 'save the checkpoints');
        }
      }
    };
    const onComputed = (_: Chunk, results: ReplicationResult[]): void => {
      if (ioError) return;
      try {
        checkpoints.save(results);
      } catch (e) {
        ioError = asOutputError(e, stateDir, 'save a checkpoint');
      }
    };
    const { chunks, ready } = chunkPlan(plan, state);
    progress.start(total, already);
    try {
      failures = await runChunks({ workers: plan.workers, threadsOnly: options.threadsOnly, scenario, variants: plan.variants, seed: plan.seed, check: options.check }, chunks, {
        onChunk,
        onComputed,
        ready,
        abandon: options.abandon,
        shouldStop: () => stopAt !== null || ioError !== undefined || options.signal?.aborted === true || options.abandon?.aborted === true,
      });
    } finally {
      progress.stop();
    }

    const interrupted = (options.signal?.aborted === true || options.abandon?.aborted === true) && stopAt === null;
    const held = acc.count;
    const complete = !interrupted && !ioError && failures.length === 0 && (stopAt !== null || held === total);
    const stopping: StoppingRule = ioError
      ? { rule: 'failed', detail: `could not save a checkpoint after ${held} of ${total} replications (${ioError.message}); continue with --resume` }
      : interrupted
        ? { rule: 'interrupted', detail: `stopped by the user after ${held} of ${total} replications; continue with --resume` }
        : failures.length > 0
          ? { rule: 'failed', detail: `${failures.length} chunk(s) failed (${failures.map((f) => `${f.start}–${f.end - 1}`).join(', ')}); continue with --resume` }
          : stopAt !== null
            ? { rule: 'precision', detail: `the ${(plan.scenario.study.confidence * 100).toFixed(0)} % interval of ${plan.metric} was within ±${plan.precision! * 100} % of the mean for every variant after ${stopAt} replications (checked every ${plan.checkEvery}; cap ${plan.replications})` }
            : plan.shard
              ? { rule: 'replications', detail: `shard ${plan.shard.index}/${plan.shard.count}: replications ${plan.range.start}–${plan.range.end - 1}` }
              : { rule: 'replications', detail: `ran all ${plan.replications} replications${plan.precision !== undefined ? ` (the precision rule was not met before the cap)` : ''}` };

    // 5. aggregate, write, swap
    const final: SavedPlan = { ...saved, done: toRuns(acc.replications()), stoppedAt: stopAt, complete };
    const target = complete ? folder.dir : folder.partial;
    const written = await writeFolder(folder, target, options, {
      plan: final,
      acc,
      stopping,
      failures,
      run: { workers: plan.workers, startedAt, simulationSeconds: (performance.now() - t0) / 1000 },
      checkpointed: !complete,
    });
    if (complete) folder.removePartial();
    return { summary: written.summary, outDir: complete ? options.outDir : `${options.outDir.replace(/\/+$/, '')}.partial`, files: written.files, stopping, failures, replications: held, complete, ioError };
  } finally {
    folder.release();
  }
}

/** The plan this run records, before any replication: nothing done yet. */
function initialPlan(scenario: Scenario, plan: StudyPlan, months: number): SavedPlan {
  const names = plan.variants.map((v) => v.name);
  const policies = planPolicies(plan.variants, scenario.horizon.startUnixSeconds);
  const identity = {
    scenarioHash: scenario.hash,
    seed: plan.seed,
    replications: plan.replications,
    variants: names,
    shard: plan.shard ?? null,
    precision: plan.precision ?? null,
    metric: plan.metric,
    checkEvery: plan.checkEvery,
    tool: { version: toolVersion(), commit: gitCommit() },
  };
  return {
    format: STATE_FORMAT,
    studyId: studyId(identity),
    ...identity,
    scenario: scenario.name,
    description: scenario.description,
    scenarioFile: scenario.file,
    baseline: plan.baseline,
    confidence: scenario.study.confidence,
    years: scenario.horizon.years,
    months,
    startUnixSeconds: scenario.horizon.startUnixSeconds,
    discountRatePerYear: plan.variants.find((v) => v.name === plan.baseline)!.finance.discountRatePerYear,
    inputs: scenario.uncertain.map(({ id, text, variants, unit }) => ({ id, text, variants: [...(variants ?? names)], ...(unit !== undefined ? { unit } : {}) })),
    ...(policies.length > 0 ? { policies } : {}),
    assumptions: scenario.assumptions,
    targetUSD: plan.targetUSD ?? null,
    warnings: [...scenario.warnings],
    range: plan.range,
    done: [],
    stoppedAt: null,
    complete: false,
  };
}

/**
 * What an earlier run of this study saved, moved into the partial folder's state: with `--resume`,
 * the unfinished run in `outDir.partial`, else the whole study in `outDir`; without, an unfinished
 * run of the very same study is continued too (same bytes, less work), and one of another study is
 * set aside. Undefined when starting afresh.
 */
function priorState(folder: StudyFolder, saved: SavedPlan, options: StudyOptions): { state: StoredState; stoppedAt: number | null } | undefined {
  const partialPlan = existsSync(join(folder.partial, 'state', 'plan.json')) ? readSavedPlan(folder.partial) : undefined;
  if (!options.resume) {
    if (!partialPlan) return undefined;
    if (partialPlan.studyId === saved.studyId) {
      options.onNotice?.(`continuing the unfinished run of this same study in ${folder.partial}`);
      return { state: readState(join(folder.partial, 'state'), shapeOf(saved), saved.range.start), stoppedAt: null };
    }
    options.onNotice?.(`${folder.partial} held an unfinished run of another study (${differences(partialPlan, saved)}); it is replaced`);
    folder.removePartial();
    return undefined;
  }
  if (partialPlan) {
    checkSame(folder.partial, partialPlan, saved);
    return { state: readState(join(folder.partial, 'state'), shapeOf(saved), saved.range.start), stoppedAt: null };
  }
  if (!existsSync(join(folder.dir, 'state', 'plan.json'))) {
    throw new StudyError(`${folder.dir} is not a study folder this tool can continue: cannot read state/plan.json (ENOENT)`);
  }
  const whole = readSavedPlan(folder.dir);
  checkSame(folder.dir, whole, saved);
  // A whole study resumed: its state becomes the partial folder's, and the study is written again.
  for (const name of ['rows.bin', 'bands.bin']) {
    if (existsSync(join(folder.dir, 'state', name))) linkOrCopy(join(folder.dir, 'state', name), join(folder.partial, 'state', name));
  }
  return { state: readState(join(folder.partial, 'state'), shapeOf(saved), saved.range.start), stoppedAt: whole.stoppedAt };
}

function checkSame(dir: string, theirs: SavedPlan, ours: SavedPlan): void {
  if (theirs.studyId === ours.studyId) return;
  throw new StudyError(`${dir} holds a different study: ${differences(theirs, ours)}`);
}

/** What differs between two studies' plans, in words. */
function differences(theirs: SavedPlan, ours: SavedPlan): string {
  const fields: Array<[keyof SavedPlan, string]> = [
    ['scenarioHash', 'scenario (sha256)'],
    ['seed', 'seed'],
    ['replications', 'replication count'],
    ['variants', 'variant list'],
    ['shard', 'shard'],
    ['precision', 'precision'],
    ['metric', 'metric'],
    ['tool', 'build of campus-sim'],
  ];
  const diff = fields.filter(([k]) => JSON.stringify(theirs[k]) !== JSON.stringify(ours[k]));
  return diff.length === 0 ? 'its saved state is of another format' : diff.map(([k, label]) => `its ${label} is ${JSON.stringify(theirs[k])}, this run's is ${JSON.stringify(ours[k])}`).join('; ');
}

/** The chunks of this run: those read back and waiting for their turn, and those still to compute. */
function chunkPlan(plan: StudyPlan, state: StoredState): { chunks: Chunk[]; ready: Map<number, ReplicationResult[]> } {
  const fresh = chunksToRun(plan.range, new Set(state.rows.keys()), plan.chunkSize, plan.workers, plan.checkEvery);
  const saved = state.pending.map((results) => ({ start: results[0].replication, end: results[0].replication + results.length, results }));
  const all = [...fresh.map((c) => ({ ...c, results: undefined as ReplicationResult[] | undefined })), ...saved].sort((a, b) => a.start - b.start);
  const ready = new Map<number, ReplicationResult[]>();
  all.forEach((c, i) => c.results && ready.set(i, c.results));
  return { chunks: all.map(({ start, end }) => ({ start, end })), ready };
}

/** Writes the folder's data into a fresh temporary folder, lets the caller draw into it, and swaps it in at `target`. */
async function writeFolder(folder: StudyFolder, target: string, options: StudyOptions, contents: Parameters<typeof writeStudyData>[1]): Promise<StudyData> {
  try {
    return await folder.replace(target, async (temp) => {
      if (contents.checkpointed) {
        // An unfinished study's state is its checkpoints: linked across, so the partial folder stays whole until the swap.
        const from = join(folder.partial, 'state');
        for (const name of ['bands.bin', 'rows.bin']) if (existsSync(join(from, name))) linkOrCopy(join(from, name), join(temp, 'state', name));
        const chunkDir = join(from, 'chunks');
        if (existsSync(chunkDir)) for (const name of readdirSync(chunkDir).filter((n) => /^\d+-\d+\.(chunk|rows)$/.test(n))) linkOrCopy(join(chunkDir, name), join(temp, 'state', 'chunks', name));
      }
      const data = writeStudyData(temp, contents);
      if (options.beforeCommit) data.files.push(...(await options.beforeCommit(temp, data)));
      return data;
    });
  } catch (e) {
    const error = asOutputError(e, target, 'write the results');
    // The temporary folder is ours, not the user's: name the folder the results were for.
    const path = /\.tmp-\d+-\d+(\/|$)/.test(error.path) ? target : error.path;
    const saved = contents.acc.count;
    throw new OutputError(path, `${error.problem}${saved > 0 ? `. The ${saved} replications done are saved in ${folder.partial}: make room, then continue with --resume ${options.outDir}` : ''}`);
  }
}

/** Disk a study needs about: its checkpoints (folded past 64 MiB), rows, CSV and charts. */
function spaceNeeded(saved: SavedPlan): number {
  const n = saved.range.end - saved.range.start;
  const rowBytes = (saved.variants.length * (METRICS.length + annualLength(saved.months)) + (saved.inputs ?? []).length + WORLD_DRIVERS.length) * 8;
  const seriesBytes = (WORLD_SERIES.length + saved.variants.length * VARIANT_SERIES.length) * saved.months * 8;
  return Math.min(n * seriesBytes, 64 << 20) + 4 * n * rowBytes + (8 << 20);
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
