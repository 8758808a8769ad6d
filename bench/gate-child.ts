/**
 * One process of the gate: measures one benchmark of a build — this one or another commit's — in
 * CPU time, and prints its runs as one JSON line.
 * usage: node dist/bench/gate-child.js <build root> <benchmark> <runs>
 *
 * The build's own benchmark code runs on its own simulator: this imports `benchmark` from the
 * build's dist/bench/suite.js (every commit's suite exports it) and calls its `once` after its
 * warm-ups. Benchmarks time their work themselves with process.hrtime.bigint() (measure.ts
 * `seconds`), and here that clock is the process's CPU time: on a shared machine a process waits
 * for a core as long as the load makes it, and wall time counts the wait while CPU time does not
 * (measured here at a load of 6 on 2 cores: the same build's wall-clock rate varied 0.53–1.79×
 * from process to process). CPU time counts every thread of the process, the collector's
 * included — work the benchmark causes — and none of the waiting.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, name, runs] = process.argv.slice(2);
if (!root || !name || !(Number(runs) > 0)) {
  process.stderr.write('usage: node dist/bench/gate-child.js <build root> <benchmark> <runs>\n');
  process.exit(2);
}
process.hrtime.bigint = () => {
  const { user, system } = process.cpuUsage();
  return BigInt(user + system) * 1000n;
};
const suite = await import(pathToFileURL(join(root, 'dist', 'bench', 'suite.js')).href);
const b = suite.benchmark(name);
for (let i = 0; i < b.warmups; i++) await b.once();
const rates: number[] = [];
for (let i = 0; i < Number(runs); i++) rates.push(await b.once());
console.log(JSON.stringify({ rates }));
