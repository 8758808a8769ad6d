/**
 * What a study will run: variants, replications, seed, shard, chunks, stopping rule. Everything is
 * checked here, before any work starts, so a bad request fails with a clear message and writes
 * nothing.
 */
import { METRICS, type MetricName, PRIMARY_METRIC } from '../campus/metrics.js';
import { isSeed, MAX_REPLICATIONS, MAX_SEED } from '../core/stream.js';
import type { Scenario, VariantConfig } from '../scenario/types.js';
import type { Chunk } from './pool.js';
import { baselineOf } from './replicate.js';
import { StudyError } from './study-error.js';

export interface StudyRequest {
  replications?: number;
  seed?: number;
  /** Variant names to run (default: all, in scenario order). */
  variants?: readonly string[];
  workers?: number;
  /** Stop once every variant's interval for `metric` is within ± precision × |mean|. */
  precision?: number;
  metric?: string;
  /** "K/N": run only the K-th of N equal shares of the replications. */
  shard?: string;
  /** Leave all replications to worker threads, the main thread only coordinating. */
  threadsOnly?: boolean;
  /** NPV whose probability of being exceeded the report shows, USD (saved with the study; it changes no result). */
  targetUSD?: number;
}

export interface StudyPlan {
  scenario: Scenario;
  variants: VariantConfig[];
  baseline: string;
  seed: number;
  /** Replications of the whole study (the cap, with a precision rule). */
  replications: number;
  workers: number;
  precision?: number;
  metric: MetricName;
  shard?: { index: number; count: number };
  /** This run's replications [start, end). */
  range: { start: number; end: number };
  /** The sequential rule is checked only at multiples of this, so it stops at the same count for any worker count. */
  checkEvery: number;
  chunkSize: number;
  targetUSD?: number;
}

/** The sequential rule is checked after every CHECK_EVERY replications (in index order). */
const CHECK_EVERY = 50;
const CHUNK_SIZES = [1, 2, 5, 10, 25, 50] as const;

export function planStudy(scenario: Scenario, request: StudyRequest, availableCores: number): StudyPlan {
  const replications = request.replications ?? scenario.study.replications;
  if (!Number.isInteger(replications) || replications < 2 || replications > MAX_REPLICATIONS) {
    throw new StudyError(`--replications must be an integer from 2 to ${MAX_REPLICATIONS.toLocaleString('en-US')}, got ${replications}`);
  }
  const seed = request.seed ?? scenario.study.seed;
  if (!isSeed(seed)) throw new StudyError(`--seed must be a whole number from 0 to 2^53 − 1 (${MAX_SEED}), got ${seed}`);
  const workers = request.workers ?? Math.max(1, availableCores);
  if (!Number.isInteger(workers) || workers < 1 || workers > 256) throw new StudyError(`--workers must be an integer from 1 to 256, got ${workers}`);

  const names = request.variants && request.variants.length > 0 ? request.variants : scenario.variants.map((v) => v.name);
  const variants = names.map((name) => {
    const v = scenario.variants.find((x) => x.name === name);
    if (!v) throw new StudyError(`unknown variant '${name}'; the scenario has ${scenario.variants.map((x) => x.name).join(', ')}`);
    return v;
  });
  if (new Set(names).size !== names.length) throw new StudyError(`--variants names a variant twice: ${names.join(',')}`);
  const baseline = baselineOf(scenario, names);

  const metric = (request.metric ?? PRIMARY_METRIC) as MetricName;
  if (!METRICS.includes(metric)) throw new StudyError(`unknown metric '${request.metric}'; the metrics are ${METRICS.join(', ')}`);
  if (request.precision !== undefined && !(request.precision > 0 && request.precision < 1)) {
    throw new StudyError(`--precision must be a relative half-width in (0, 1), e.g. 0.02, got ${request.precision}`);
  }

  let shard: StudyPlan['shard'];
  let range = { start: 0, end: replications };
  if (request.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(request.shard);
    const index = m ? Number(m[1]) : NaN, count = m ? Number(m[2]) : NaN;
    if (!m || !(count >= 1) || !(index < count)) throw new StudyError(`--shard must be K/N with 0 ≤ K < N, e.g. 0/4, got '${request.shard}'`);
    if (count > replications) throw new StudyError(`--shard ${request.shard}: more shards than replications (${replications})`);
    if (request.precision !== undefined) throw new StudyError('--precision needs every replication in one place; it cannot be combined with --shard');
    shard = { index, count };
    range = shardRange(replications, index, count);
  }
  const checkEvery = CHECK_EVERY;
  // Chunks small enough to balance the workers and to stop promptly — about 32 per worker, so the
  // last one to finish leaves the other cores idle for a few percent of the run at most — big
  // enough to amortise messages; a divisor of checkEvery, so full-size chunks fit between check
  // points (chunksToRun ends the others there).
  const target = Math.ceil((range.end - range.start) / (workers * 32));
  const chunkSize = [...CHUNK_SIZES].reverse().find((c) => c <= target) ?? 1;
  if (request.targetUSD !== undefined && !Number.isFinite(request.targetUSD)) throw new StudyError(`--target must be an amount of money, got ${request.targetUSD}`);
  return { scenario, variants, baseline, seed, replications, workers, precision: request.precision, metric, shard, range, checkEvery, chunkSize, targetUSD: request.targetUSD };
}

/** Shard K of N holds replications [⌊K·R/N⌋, ⌊(K+1)·R/N⌋). */
export function shardRange(replications: number, index: number, count: number): { start: number; end: number } {
  return { start: Math.floor((index * replications) / count), end: Math.floor(((index + 1) * replications) / count) };
}

/**
 * The chunks covering the replications of `range` not yet in `done`, at most `chunkSize` each. Near
 * the end they shrink (to about an eighth of what is left per worker, down to one replication), so
 * the threads run out of work together instead of one finishing a whole chunk while the others wait.
 * No chunk straddles a check point (range.start + k · checkEvery): a stopping rule met there keeps
 * exactly the replications before it, whatever the chunk sizes — which depend on the workers.
 */
export function chunksToRun(range: { start: number; end: number }, done: ReadonlySet<number>, chunkSize: number, workers: number, checkEvery: number): Chunk[] {
  let left = 0;
  for (let r = range.start; r < range.end; r++) if (!done.has(r)) left++;
  const sizeFor = (todo: number) => Math.min(chunkSize, Math.max(1, Math.ceil(todo / (8 * workers))));
  const chunks: Chunk[] = [];
  let start = -1, size = 0;
  for (let r = range.start; r <= range.end; r++) {
    const todo = r < range.end && !done.has(r);
    if (todo && start < 0) {
      start = r;
      size = sizeFor(left);
    }
    if (start >= 0 && (!todo || r - start === size || (r > start && (r - range.start) % checkEvery === 0))) {
      chunks.push({ start, end: r });
      left -= r - start;
      start = todo ? r : -1;
      if (todo) size = sizeFor(left);
    }
  }
  return chunks;
}
