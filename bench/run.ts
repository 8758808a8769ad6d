/**
 * `npm run bench`: throughput figures for the engine, the models and whole studies, each also
 * normalised by a bare-heap reference measured between its runs, and a regression gate on them.
 *
 *   --json              one JSON object per figure and line on stdout (progress goes to stderr)
 *   --quick             the short benchmarks, fewer runs: the CI gate and a smoke test
 *   --check             compare with bench/baseline.json; exit 1 when a figure regressed
 *   --update-baseline   rewrite bench/baseline.json with this run's gated figures
 *   --own-reference     normalise by bench/calibration-heap even when the shared reference is there
 *
 * 1. Measure each benchmark of the suite in a fresh process, its runs interleaved with the reference.
 * 2. Derive the ratios between figures (per-epoch vs per-block, two workers vs one, memory).
 * 3. Print the table (or JSON lines) and write bench/results/latest.json.
 * 4. --check: compare with the baseline, measure suspects again, print the verdict, set the exit code.
 *    --update-baseline: merge this run's gated figures into the baseline.
 */
import { type Baseline, BASELINE_PATH, BaselineError, readBaseline, updatedBaseline, writeBaseline } from './baseline.js';
import { type Figure, ratioFigure, toFigure } from './figure.js';
import { compare, type Comparison, gatePasses, MARGIN, orphanedBaselineFigures, REMEASURE_RUNS_FACTOR, REMEASURES, remeasureSuspects } from './gate.js';
import { measureIsolated } from './isolated.js';
import { spread } from './measure.js';
import { provenance } from './provenance.js';
import { chooseReference } from './reference.js';
import { type Results, RESULTS_PATH, writeResults } from './results.js';
import { studyRun } from './study.js';
import { benchmark, MINING_ONLY, type Mode, SUITE, suiteFor } from './suite.js';
import { compact, figuresTable, gateTable } from './table.js';

/** Measurements of each gated figure that the baseline takes the median of. */
const BASELINE_ROUNDS = 3;
const FLAGS = ['--json', '--quick', '--check', '--update-baseline', '--own-reference'];
const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((a) => !FLAGS.includes(a));
if (unknown.length > 0) usage(`unknown option ${unknown.join(' ')}`);
if (args.has('--check') && args.has('--update-baseline')) usage('--check and --update-baseline: pick one (a baseline is rewritten on purpose, not as a side effect of a check)');
const json = args.has('--json');
const mode: Mode = args.has('--quick') ? 'quick' : 'full';
const reference = chooseReference(args.has('--own-reference'));
const say = (line: string) => process.stderr.write(`${line}\n`);

// Read the baseline first, so a missing or broken one fails before minutes of measuring.
let baseline: Baseline | undefined;
try {
  baseline = readBaseline();
} catch (e) {
  if (!(e instanceof BaselineError)) throw e;
  usage(e.message);
}
if (args.has('--check') && !baseline) usage(`no ${BASELINE_PATH}: measure one with npm run bench -- --update-baseline`);

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

// 2. ratios between figures, and peak memory (the full suite only: it runs 11,000 replications of the mining layouts)
const byName = new Map(figures.map((f) => [f.name, f]));
const ratio = (name: string, over: string, under: string) => {
  const a = byName.get(over), b = byName.get(under);
  if (a && b) figures.push(ratioFigure(name, a.value / b.value));
};
ratio('world.5y.per-epoch-vs-per-block', 'world.5y.per-epoch', 'world.5y.per-block');
ratio('study.mining.8000.w2-vs-w1', 'study.mining.8000.w2', 'study.mining.8000.w1');
ratio('study.mining.8000.2proc-vs-w1', 'study.mining.8000.2proc', 'study.mining.8000.w1');
if (mode === 'full') {
  // Memory must not grow with replications beyond the metrics kept per replication.
  const peakKB = (replications: number) => studyRun(replications, 2, MINING_ONLY).maxRSSKB;
  figures.push(ratioFigure('study.mining.peak-memory.10k-vs-1k', peakKB(10_000) / peakKB(1_000)));
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
const run = provenance(reference.name, mode);
let check: Results['check'];

// 4. gate
if (args.has('--check') && baseline) {
  const comparisons = checkAgainst(baseline);
  check = { passed: gatePasses(comparisons), margin: MARGIN, comparisons };
  const out = json ? say : console.log; // in --json mode stdout holds only the figure lines
  out(`\n${gateTable(comparisons)}`);
  out(check.passed ? '\nbench gate: passed' : `\nbench gate: FAILED — a figure is more than ${MARGIN * 100} % below ${BASELINE_PATH} on every measurement`);
  if (!check.passed) process.exitCode = 1;
}
writeResults({ ...run, figures, check });
say(`wrote ${RESULTS_PATH}`);
if (args.has('--update-baseline')) {
  // Every later check leans on the baseline, so it is not left to one process, which can be a lucky
  // or an unlucky one (measured here: the same benchmark, quiet machine, 0.69 or 0.81 × the
  // reference from one process to the next): each gated figure is the median of three measurements.
  const again = (round: number) => {
    say(`measuring the gated figures again for the baseline (${round} of ${BASELINE_ROUNDS - 1})`);
    return figures.filter((f) => f.gated).map((f) => measureOnce(f.name, benchmark(f.name).runs[mode]!));
  };
  const more = Array.from({ length: BASELINE_ROUNDS - 1 }, (_, i) => again(i + 1)).flat();
  writeBaseline(updatedBaseline(baseline, [...figures, ...more], run, SUITE.map((b) => b.name)));
  say(`wrote ${BASELINE_PATH}`);
}

/** Compares the gated figures with the baseline, measuring again those that look slower. */
function checkAgainst(b: Baseline): Comparison[] {
  if (b.reference !== reference.name) say(`note: the baseline was normalised by ${b.reference}, this run by ${reference.name}`);
  if (b.machine?.cpu !== run.machine.cpu) say(`note: the baseline was measured on ${b.machine?.cpu ?? 'an unknown machine'}, this run on ${run.machine.cpu}`);
  const orphans = orphanedBaselineFigures(Object.keys(b.figures), SUITE.map((x) => x.name));
  if (orphans.length > 0) say(`note: no benchmark measures ${orphans.join(', ')} any more; --update-baseline drops it`);
  const first = figures
    .filter((f) => f.gated)
    .map((f) => compare(f.name, f.normalisedUnit!, b.figures[f.name]?.normalised, [f.normalised!]));
  return remeasureSuspects(first, (name) => measureOnce(name, benchmark(name).runs[mode]! * REMEASURE_RUNS_FACTOR).normalised!, {
    onRound: (round, names) => say(`re-measuring (${round} of ${REMEASURES}), more than ${MARGIN * 100} % below the baseline: ${names.join(', ')}`),
  });
}

function usage(message: string): never {
  process.stderr.write(`bench: ${message}\nusage: npm run bench -- [${FLAGS.join('] [')}]\n`);
  process.exit(2);
}
