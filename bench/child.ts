/**
 * Measures one benchmark in a process of its own and prints its paired runs as one JSON line.
 * A fresh process per benchmark keeps them independent: in one long process, the benchmarks that
 * ran before would have taught the JIT other handlers and filled the heap, and a benchmark measured
 * again for the gate would not be measured as it was the first time.
 * usage: node dist/bench/child.js <benchmark> <runs> <reference script>
 */
import { measurePaired } from './measure.js';
import { referenceOpsPerSecond } from './reference.js';
import { benchmark } from './suite.js';

const [name, runs, script] = process.argv.slice(2);
const b = benchmark(name);
const paired = await measurePaired(b.once, () => referenceOpsPerSecond(script, b.referencePending), Number(runs), b.warmups);
console.log(JSON.stringify(paired));
