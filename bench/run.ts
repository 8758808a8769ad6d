/**
 * `npm run bench`: throughput figures for the engine, the models and whole studies, each also
 * normalised by a bare-heap reference measured between its runs.
 *
 *   --json              one JSON object per figure and line on stdout (progress goes to stderr)
 *   --quick             the short benchmarks, fewer runs: a smoke test
 *   --own-reference     normalise by bench/calibration-heap even when the shared reference is there
 *
 * 1. Measure each benchmark of the suite in a fresh process, its runs interleaved with the reference.
 * 2. Derive the ratios between figures (per-epoch vs per-block, two workers vs one, memory).
 * 3. Print the table (or JSON lines) and write bench/results/latest.json.
 */
import { type Figure, ratioFigure, toFigure } from './figure.js';
import { measureIsolated } from './isolated.js';
import { spread } from './measure.js';
import { provenance } from './provenance.js';
import { chooseReference } from './reference.js';
import { RESULTS_PATH, writeResults } from './results.js';
import { studyRun } from './study.js';
import { benchmark, type Mode, suiteFor } from './suite.js';
import { compact, figuresTable } from './table.js';

const FLAGS = ['--json', '--quick', '--own-reference'];
const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((a) => !FLAGS.includes(a));
if (unknown.length > 0) usage(`unknown option ${unknown.join(' ')}`);
const json = args.has('--json');
const mode: Mode = args.has('--quick') ? 'quick' : 'full';
const reference = chooseReference(args.has('--own-reference'));
const say = (line: string) => process.stderr.write(`${line}\n`);

// 1. measure
say(`campus-sim bench (${mode}), normalised by ${reference.why}`);
const referenceRuns = new Map<number, number[]>();
const measureOnce = (name: string, runs: number): Figure => {
  const b = benchmark(name);
  const t0 = performance.now();
  const paired = measureIsolated(name, runs, reference.script);
  referenceRuns.set(b.referencePending, [...(referenceRuns.get(b.referencePending) ?? []), ...paired.references]);
  const f = toFigure(b.name, b.unit, b.gated, paired, reference.name);
  say(`  ${f.name}: ${compact(f.value)} ${f.unit}, ${compact(f.normalised!)} ${f.normalisedUnit} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return f;
};
const figures = suiteFor(mode).map((b) => measureOnce(b.name, b.runs[mode]!));

// 2. ratios between figures, and peak memory (the full suite only: it runs 11,000 replications)
const byName = new Map(figures.map((f) => [f.name, f]));
const ratio = (name: string, over: string, under: string) => {
  const a = byName.get(over), b = byName.get(under);
  if (a && b) figures.push(ratioFigure(name, a.value / b.value));
};
ratio('world.5y.per-epoch-vs-per-block', 'world.5y.per-epoch', 'world.5y.per-block');
ratio('study.mining.12000.w2-vs-w1', 'study.mining.12000.w2', 'study.mining.12000.w1');
if (mode === 'full') {
  // Memory must not grow with replications beyond the metrics kept per replication.
  figures.push(ratioFigure('study.peak-memory.10k-vs-1k', studyRun(10_000, 2).maxRSSKB / studyRun(1_000, 2).maxRSSKB));
}
// The reference's own figures, every run of it this invocation made, first in the table.
const referenceFigures = [...referenceRuns].sort((a, b) => a[0] - b[0]).map(([pending, runs]): Figure => {
  const s = spread(runs);
  return { name: `reference.hold.${pending / 1000}k`, value: s.median, unit: 'ops/s', ...s, normalisedBy: reference.name, gated: false };
});
figures.unshift(...referenceFigures);

// 3. report
if (json) figures.forEach((f) => console.log(JSON.stringify(f)));
else {
  console.log(figuresTable(figures));
  console.log(`\nper M ref ops: work done while the reference heap does a million hold operations, measured between the runs.\nreference: ${reference.why}`);
}
writeResults({ ...provenance(reference.name, mode), figures });
say(`wrote ${RESULTS_PATH}`);

function usage(message: string): never {
  process.stderr.write(`bench: ${message}\nusage: npm run bench -- [${FLAGS.join('] [')}]\n`);
  process.exit(2);
}
