/**
 * Runs chunks of replications on the main thread and `workers − 1` worker threads, handing the
 * results back in chunk order: whatever finishes first, the study sees the same sequence, so its
 * output does not depend on the number of workers.
 *
 * The main thread works too, from the first moment, and starts worker threads only once it has
 * timed a few replications and the work left is worth their start-up: a thread needs a fraction of
 * a second to load the scenario and more to warm up, and on a small study would only compete for
 * the cores.
 */
import { Worker } from 'node:worker_threads';
import type { Scenario, VariantConfig } from '../scenario/types.js';
import { replicate, type ReplicationResult } from './replicate.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './worker.js';

/** Work left (seconds, at the main thread's pace) worth starting worker threads for: measured here, a thread is ready in ~0.3 s and runs its first chunk at half speed (cold JIT), and studies shorter than ~5 s finished as soon or sooner without one. */
const THREAD_WORTH_SECONDS = 5;
/** Replications the main thread times before it settles that a study is too small for threads. */
const JUDGE_REPLICATIONS = 20;

export interface Chunk {
  start: number;
  end: number;
}

export interface ChunkFailure extends Chunk {
  message: string;
}

export interface PoolOptions {
  /** Threads computing, the main thread included. */
  workers: number;
  /** Leave every chunk to worker threads; the main thread only coordinates (tests the worker path). */
  threadsOnly?: boolean;
  scenario: Scenario;
  variants: readonly VariantConfig[];
  seed: number;
  /** Assert the campus invariants after every event (`--check`). */
  check?: boolean;
}

/** How a run of chunks may be steered from outside. */
export interface ChunkHooks {
  /** Called for each completed chunk strictly in the order of `chunks`. */
  onChunk: (chunk: Chunk, results: ReplicationResult[]) => void;
  /** Called as soon as a chunk is computed, in whatever order they finish (to save it at once). */
  onComputed?: (chunk: Chunk, results: ReplicationResult[]) => void;
  /** Dispatching stops when this turns true; chunks already running finish. */
  shouldStop: () => boolean;
  /** When aborted, chunks running are dropped at once (the main thread's after its current replication). */
  abandon?: AbortSignal;
  /** Chunks already done (read back from checkpoints), by index: delivered in their turn, not run. */
  ready?: ReadonlyMap<number, ReplicationResult[]>;
}

/**
 * Runs `chunks`, delivering each in order (see ChunkHooks). Returns the chunks that failed (a
 * replication or a worker that throws loses only its chunk); chunks dropped on `abandon` are not
 * failures, just not done.
 */
export function runChunks(o: PoolOptions, chunks: readonly Chunk[], hooks: ChunkHooks): Promise<ChunkFailure[]> {
  const { onChunk, shouldStop } = hooks;
  return new Promise((resolve) => {
    const failures: ChunkFailure[] = [];
    const finished = new Map<number, ReplicationResult[] | null>(hooks.ready); // chunk index → results, null if it failed
    let nextToDispatch = 0;
    let nextToDeliver = 0;
    let running = 0;
    let mainDone = false;
    let abandoned = false;
    const threads: Worker[] = [];
    const queues = new Map<Worker, number[]>();

    const deliver = (): void => {
      while (finished.has(nextToDeliver)) {
        const results = finished.get(nextToDeliver)!;
        finished.delete(nextToDeliver);
        if (results) onChunk(chunks[nextToDeliver], results);
        nextToDeliver++;
      }
    };
    const complete = (index: number, results: ReplicationResult[] | null, message?: string): void => {
      running--;
      if (abandoned) return;
      if (!results) failures.push({ ...chunks[index], message: message ?? 'failed' });
      else hooks.onComputed?.(chunks[index], results);
      finished.set(index, results);
      deliver();
    };
    const take = (): number => {
      while (nextToDispatch < chunks.length && hooks.ready?.has(nextToDispatch)) nextToDispatch++;
      return nextToDispatch < chunks.length && !shouldStop() && !abandoned ? nextToDispatch++ : -1;
    };
    let liveThreads = 0;
    let resolved = false;
    const maybeFinish = (): void => {
      if (resolved || !mainDone || running > 0) return;
      // A chunk nobody took while dispatching goes on: a live thread will take it; with none, it cannot run.
      if (take() >= 0) {
        nextToDispatch--;
        if (liveThreads > 0) return;
        for (; nextToDispatch < chunks.length; nextToDispatch++) {
          if (!hooks.ready?.has(nextToDispatch)) failures.push({ ...chunks[nextToDispatch], message: 'not run: no worker thread could run it' });
        }
      }
      resolved = true;
      for (const t of threads) void t.terminate();
      resolve(failures);
    };
    hooks.abandon?.addEventListener('abort', () => {
      abandoned = true;
      // Threads stop at once; what they were running is dropped, not failed.
      for (const t of threads) {
        running -= queues.get(t)!.splice(0).length;
        void t.terminate();
      }
      liveThreads = 0;
      maybeFinish();
    }, { once: true });

    deliver(); // chunks read back from checkpoints, up to the first that must run

    // Worker threads pull a chunk whenever they are ready.
    const setup: WorkerSetup = { scenarioFile: o.scenario.file, scenarioHash: o.scenario.hash, variants: o.variants.map((v) => v.name), seed: o.seed, check: o.check === true };
    const startThreads = (count: number): void => {
      const { entry, eval: isEval } = workerEntry();
      for (let i = 0; i < count; i++) startThread(entry, isEval);
    };
    const startThread = (entry: URL | string, isEval: boolean): void => {
      if (abandoned) return;
      const w = new Worker(entry, { workerData: setup, eval: isEval });
      threads.push(w);
      liveThreads++;
      // Each thread keeps two chunks queued, so it never waits for the main thread (busy with a
      // chunk of its own) to hand it the next one. A thread answers its chunks in order.
      const queued: number[] = [];
      queues.set(w, queued);
      const feed = (): void => {
        while (queued.length < 2) {
          const index = take();
          if (index < 0) return maybeFinish();
          running++;
          queued.push(index);
          const c = chunks[index];
          w.postMessage({ type: 'chunk', start: c.start, end: c.end } satisfies WorkerRequest);
        }
      };
      w.on('message', (reply: WorkerReply) => {
        if (abandoned) return;
        if (reply.type === 'ready') return feed();
        if (reply.type === 'error' && reply.start < 0) {
          liveThreads--; // could not start: the others carry on
          return maybeFinish();
        }
        complete(queued.shift()!, reply.type === 'chunk' ? reply.results : null, reply.type === 'error' ? reply.message : undefined);
        feed();
      });
      w.on('error', (e) => {
        if (abandoned) return;
        // The thread died: its chunks fail, the other threads carry on with the rest.
        liveThreads--;
        for (const index of queued.splice(0)) complete(index, null, e.message);
        maybeFinish();
      });
    };
    if (o.threadsOnly) startThreads(Math.max(1, o.workers));

    // The main thread works through chunks too, yielding between them so worker messages,
    // progress output and Ctrl-C get through. It times its first replications and starts the
    // threads as soon as the work left is worth their start-up: waiting for whole chunks would
    // leave the second core idle for seconds on a study of slow replications.
    const t0 = performance.now();
    let mainReplications = 0;
    let threadsStarted = o.threadsOnly === true || o.workers <= 1;
    const judgeThreads = (leftInChunk: number): void => {
      mainReplications++;
      const perReplicationS = (performance.now() - t0) / 1000 / mainReplications;
      let left = leftInChunk;
      for (let i = nextToDispatch; i < chunks.length; i++) left += chunks[i].end - chunks[i].start;
      const leftS = perReplicationS * left;
      // Only chunks not yet taken can go to a thread.
      if (leftS > THREAD_WORTH_SECONDS) startThreads(Math.min(o.workers - 1, chunks.length - nextToDispatch));
      // A few replications give a fair estimate; past that, a study judged small stays on this thread.
      if (leftS > THREAD_WORTH_SECONDS || mainReplications >= JUDGE_REPLICATIONS) threadsStarted = true;
    };
    const mainLoop = async (): Promise<void> => {
      while (!o.threadsOnly) {
        await new Promise((r) => setImmediate(r));
        const index = take();
        if (index < 0) break;
        running++;
        const c = chunks[index];
        try {
          const results: ReplicationResult[] = [];
          for (let r = c.start; r < c.end && !hooks.abandon?.aborted; r++) {
            results.push(replicate(o.scenario, o.variants, o.seed, r, { check: o.check }));
            if (!threadsStarted) judgeThreads(c.end - r - 1);
            // Let a signal in between replications, so a scheduler's SIGTERM need not wait for the chunk.
            if (hooks.abandon && r + 1 < c.end) await new Promise((next) => setImmediate(next));
          }
          complete(index, hooks.abandon?.aborted ? null : results);
        } catch (e) {
          complete(index, null, (e as Error).message);
        }
      }
      mainDone = true;
      maybeFinish();
    };
    void mainLoop();
  });
}

/** The worker to start: the compiled .js in built runs; from source (tests, tsx), a bootstrap that registers tsx first. */
function workerEntry(): { entry: URL | string; eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) return { entry: new URL('./worker.js', import.meta.url), eval: false };
  // Loader flags in execArgv don't reach worker threads on Node 20; register tsx's hooks inside.
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new URL('./worker.ts', import.meta.url).href;
  return { entry: `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(worker)}); })`, eval: true };
}
