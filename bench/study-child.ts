/**
 * Runs one study in a process of its own and prints {seconds, maxRSSKB}: peak memory must be
 * measured per process, and each measurement must start cold.
 * usage: node dist/bench/study-child.js <scenario> <replications> <workers> <outDir>
 */
import { rmSync } from 'node:fs';
import { loadScenario } from '../sim/scenario/load.js';
import { runStudy } from '../sim/study/study.js';

const [file, replications, workers, outDir] = process.argv.slice(2);
const scenario = loadScenario(file);
const t0 = performance.now();
await runStudy(scenario, { replications: Number(replications), workers: Number(workers), outDir });
const seconds = (performance.now() - t0) / 1000;
rmSync(outDir, { recursive: true, force: true });
console.log(JSON.stringify({ seconds, maxRSSKB: process.resourceUsage().maxRSS }));
