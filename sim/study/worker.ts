/**
 * A study worker thread: loads the scenario itself (checking it is byte-for-byte the one the main
 * thread planned), then runs the chunks of replications it is sent and posts their packed results
 * back, transferring the buffers rather than copying them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadScenario } from '../scenario/load.js';
import type { VariantConfig } from '../scenario/types.js';
import { replicate, type ReplicationResult } from './replicate.js';

export interface WorkerSetup {
  scenarioFile: string;
  scenarioHash: string;
  variants: string[];
  seed: number;
  check: boolean;
}

export type WorkerRequest = { type: 'chunk'; start: number; end: number } | { type: 'exit' };
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'chunk'; start: number; end: number; results: ReplicationResult[] }
  | { type: 'error'; start: number; end: number; message: string; stack?: string };

const setup = workerData as WorkerSetup;
const port = parentPort!;
let variants: VariantConfig[] = [];
try {
  const scenario = loadScenario(setup.scenarioFile, { checkedHash: setup.scenarioHash });
  if (scenario.hash !== setup.scenarioHash) throw new Error(`${setup.scenarioFile} changed while the study was starting`);
  variants = setup.variants.map((name) => scenario.variants.find((v) => v.name === name)!);
  port.on('message', (request: WorkerRequest) => {
    if (request.type === 'exit') {
      port.close();
      return;
    }
    try {
      const results: ReplicationResult[] = [];
      for (let r = request.start; r < request.end; r++) results.push(replicate(scenario, variants, setup.seed, r, { check: setup.check }));
      const transfer = results.flatMap((x) => [x.metrics.buffer, x.worldSeries.buffer, x.variantSeries.buffer, x.inputs.buffer, x.drivers.buffer, x.annual.buffer, x.decisions.buffer]) as ArrayBuffer[];
      port.postMessage({ type: 'chunk', start: request.start, end: request.end, results } satisfies WorkerReply, transfer);
    } catch (e) {
      const error = e as Error;
      port.postMessage({ type: 'error', start: request.start, end: request.end, message: error.message, stack: error.stack } satisfies WorkerReply);
    }
  });
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
} catch (e) {
  port.postMessage({ type: 'error', start: -1, end: -1, message: (e as Error).message } satisfies WorkerReply);
}
