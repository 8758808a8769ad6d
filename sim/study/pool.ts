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

/**
 * Runs `chunks`; `onChunk` is called for each completed chunk strictly in the order of `chunks`.
 * Dispatching stops when `shouldStop()` turns true; chunks already running finish. Returns the
 * chunks that failed (a replication or a worker that throws loses only its chunk).
 */
export function runChunks(
  o: PoolOptions,
  chunks: readonly Chunk[],
  onChunk: (chunk: Chunk, results: ReplicationResult[]) => void,
  shouldStop: () => boolean,
): Promise<ChunkFailure[]> {
  return new Promise((resolve) => {
    const failures: ChunkFailure[] = [];
    const finished = new Map<number, ReplicationResult[] | null>(); // chunk index → results, null if it failed
    let nextToDispatch = 0;
    let nextToDeliver = 0;
    let running = 0;
    let mainDone = false;
    const threads: Worker[] = [];

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
      if (!results) failures.push({ ...chunks[index], message: message ?? 'failed' });
      finished.set(index, results);
      deliver();
    };
    const take = (): number => (nextToDispatch < chunks.length && !shouldStop() ? nextToDispatch++ : -1);
    let liveThreads = 0;
    const maybeFinish = (): void => {
      if (!mainDone || running > 0) return;
      // Chunks left that no thread can take: the main thread is done, and no worker is alive.
      if (nextToDispatch < chunks.length && !shouldStop()) {
        if (liveThreads > 0) return;
        for (; nextToDispatch < chunks.length; nextToDispatch++) {
          failures.push({ ...chunks[nextToDispatch], message: 'not run: no worker thread could run it' });
        }
      }
      for (const t of threads) void t.terminate();
      resolve(failures);
    };

    // Worker threads pull a chunk whenever they are ready.
    const setup: WorkerSetup = { scenarioFile: o.scenario.file, scenarioHash: o.scenario.hash, variants: o.variants.map((v) => v.name), seed: o.seed, check: o.check === true };
    const startThreads = (count: number): void => {
      const { entry, eval: isEval } = workerEntry();
      for (let i = 0; i < count; i++) startThread(entry, isEval);
    };
    const startThread = (entry: URL | string, isEval: boolean): void => {
      const w = new Worker(entry, { workerData: setup, eval: isEval });
      threads.push(w);
      liveThreads++;
      // Each thread keeps two chunks queued, so it never waits for the main thread (busy with a
      // chunk of its own) to hand it the next one. A thread answers its chunks in order.
      const queued: number[] = [];
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
        if (reply.type === 'ready') return feed();
        if (reply.type === 'error' && reply.start < 0) {
          liveThreads--; // could not start: the others carry on
          return maybeFinish();
        }
        complete(queued.shift()!, reply.type === 'chunk' ? reply.results : null, reply.type === 'error' ? reply.message : undefined);
        feed();
      });
      w.on('error', (e) => {
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
          for (let r = c.start; r < c.end; r++) {
            results.push(replicate(o.scenario, o.variants, o.seed, r, { check: o.check }));
            if (!threadsStarted) judgeThreads(c.end - r - 1);
          }
          complete(index, results);
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
