/**
 * Runs one study in a process of its own and prints {seconds, maxRSSKB}: peak memory must be
 * measured per process, and each measurement must start cold.
 * usage: node dist/bench/study-child.js <scenario> <replications> <workers> <outDir> [variant,variant…]
 */
import { loadScenario } from '../sim/scenario/load.js';
import { runStudy } from '../sim/study/study.js';

const [file, replications, workers, outDir, variants = ''] = process.argv.slice(2);
const scenario = loadScenario(file);
const t0 = performance.now();
await runStudy(scenario, { replications: Number(replications), workers: Number(workers), outDir, variants: variants.split(',').filter(Boolean) });
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ seconds, maxRSSKB: process.resourceUsage().maxRSS }));
