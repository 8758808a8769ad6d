/**
 * `npm run bench`: throughput figures for the engine, the models and whole studies, each also
 * normalised by a bare-heap reference measured between its runs, and a regression gate that
 * measures the change against a reference commit side by side.
 *
 *   --json              one JSON object per figure and line on stdout (progress goes to stderr)
 *   --quick             the short benchmarks, fewer runs: the CI gate and a smoke test
 *   --check             measure each gated benchmark against the reference commit; exit 1 when one regressed
 *   --against REF       the reference commit for --check (default: HEAD's first parent, or HEAD
 *                       when tracked files have uncommitted changes)
 *   --update-baseline   rewrite bench/baseline.json, this machine's record of the gated figures
 *   --own-reference     normalise by bench/calibration-heap even when the shared reference is there
 *
 * 1. --check: find and build the reference commit first, so a bad reference fails before minutes of measuring.
 * 2. Measure each benchmark of the suite in a fresh process, its runs interleaved with the bare heap;
 *    with --check, each gated one instead in pairs of processes, the change's and the reference
 *    commit's build's running at once, in CPU time (side-by-side.ts, gate-child.ts).
 * 3. Derive the ratios between figures (per-epoch vs per-block, two workers vs one, memory).
 * 4. Print the table (or JSON lines) and write bench/results/latest.json.
 * 5. --check: measure suspects again with more pairs, print the verdict, set the exit code
 *    (0 passed, 1 a figure regressed, 2 a usage or reference error, 3 the gate was skipped and why).
 *    --update-baseline: merge this run's gated figures into the record.
 */
import { type Baseline, BASELINE_PATH, BaselineError, readBaseline, updatedBaseline, writeBaseline } from './baseline.js';
import { ACCEPTED_SLOWDOWNS } from './accepted-slowdowns.js';
import { type Figure, ratioFigure, toFigure } from './figure.js';
import { type Allowance, gatePasses, judge, type Judgement, MARGIN, type Pair, REMEASURE_PAIRS_FACTOR, REMEASURES, remeasureSuspects } from './gate.js';
import { measureIsolated } from './isolated.js';
import { spread } from './measure.js';
import { provenance } from './provenance.js';
import { chooseReference } from './reference.js';
import { buildReference, GateSkipped, isAncestor, type ReferenceCommit, ReferenceError, resolveReference } from './reference-build.js';
import { type Results, RESULTS_PATH, writeResults } from './results.js';
import { type Build, measureSideBySide, suiteNames } from './side-by-side.js';
import { studyRun } from './study.js';
import { benchmark, MINING_ONLY, type Mode, SUITE, suiteFor } from './suite.js';
import { compact, figuresTable, gateTable } from './table.js';
import { packageRoot } from '../sim/package-files.js';

/** Measurements of each gated figure that the baseline takes the median of. */
const BASELINE_ROUNDS = 3;
/**
 * Pairs of processes per gated benchmark in --check, and timed runs in each process. Five pairs
 * of three runs keep the quick gate within a few minutes (each process also loads the simulator
 * and warms up the JIT); a suspect gets REMEASURE_PAIRS_FACTOR × as many pairs again.
 */
const GATE: Record<Mode, { pairs: number; runs: number }> = { quick: { pairs: 5, runs: 3 }, full: { pairs: 7, runs: 5 } };
const FLAGS = ['--json', '--quick', '--check', '--against REF', '--update-baseline', '--own-reference'];

const { args, against } = parseArgs(process.argv.slice(2));
const json = args.has('--json');
const mode: Mode = args.has('--quick') ? 'quick' : 'full';
const check = args.has('--check');
const heap = chooseReference(args.has('--own-reference'));
const say = (line: string) => process.stderr.write(`${line}\n`);
const out = json ? say : (line: string) => console.log(line); // in --json mode stdout holds only the figure lines

// The record is read first, so a broken one fails before minutes of measuring.
let baseline: Baseline | undefined;
try {
  baseline = readBaseline();
} catch (e) {
  if (!(e instanceof BaselineError)) throw e;
  usage(e.message);
}

// 1. the reference commit
let reference: { commit: ReferenceCommit; build: Build; names: Set<string> } | undefined;
if (check) {
  try {
    const commit = resolveReference(against);
    say(`reference commit ${commit.hash.slice(0, 12)}: ${commit.why}`);
    const build: Build = { label: 'reference', root: buildReference(commit, say) };
    reference = { commit, build, names: new Set(suiteNames(build)) };
  } catch (e) {
    if (e instanceof GateSkipped) {
      out(`bench gate: skipped — ${e.message}`);
      process.exit(3);
    }
    if (e instanceof ReferenceError) usage(e.message);
    throw e;
  }
}
const change: Build = { label: 'change', root: packageRoot };

// 2. measure
say(`campus-sim bench (${mode}), normalised by ${heap.why}${check ? '; gated benchmarks side by side with the reference commit, in CPU time' : ''}`);
const heapRuns = new Map<number, number[]>();
const judgements: Judgement[] = [];
const allowanceOf = (name: string): Allowance | undefined => {
  const a = ACCEPTED_SLOWDOWNS.find((x) => x.figure === name && reference !== undefined && isAncestor(reference.commit.hash, x.since));
  return a && { lowest: a.lowest, why: a.why };
};
const sideBySide = async (name: string, pairs: number): Promise<Pair[]> => {
  const t0 = performance.now();
  const measured = await measureSideBySide(name, GATE[mode].runs, change, reference!.build, pairs);
  const j = judge(name, benchmark(name).unit, measured);
  say(`  ${name}: change ÷ reference ${j.ratio!.toFixed(3)} (${j.low!.toFixed(2)}–${j.high!.toFixed(2)}, ${pairs} pairs) (${seconds(t0)} s)`);
  return measured;
};
const measureOnce = (name: string, runs: number): Figure => {
  const b = benchmark(name);
  const t0 = performance.now();
  const paired = measureIsolated(name, runs, heap.script);
  heapRuns.set(b.referencePending, [...(heapRuns.get(b.referencePending) ?? []), ...paired.references]);
  const f = toFigure(b.name, b.unit, b.gated, paired, heap.name);
  say(`  ${f.name}: ${compact(f.value)} ${f.unit}, ${compact(f.normalised!)} ${f.normalisedUnit} (${seconds(t0)} s)`);
  return f;
};
const figures: Figure[] = [];
for (const b of suiteFor(mode)) {
  if (!(check && b.gated)) figures.push(measureOnce(b.name, b.runs[mode]!));
  else if (!reference!.names.has(b.name)) judgements.push(judge(b.name, b.unit, undefined));
  else judgements.push(judge(b.name, b.unit, await sideBySide(b.name, GATE[mode].pairs), { allowance: allowanceOf(b.name) }));
}

// 3. ratios between figures, and peak memory (the full suite only: it runs 11,000 replications of the mining layouts)
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

// 5a. the gate's suspects, measured again before the report so it holds the final verdicts
const verdicts = check
  ? await remeasureSuspects(judgements, (name) => sideBySide(name, GATE[mode].pairs * REMEASURE_PAIRS_FACTOR), {
      allowanceOf,
      onRound: (round, names) => say(`measuring again (${round} of ${REMEASURES}) with ${GATE[mode].pairs * REMEASURE_PAIRS_FACTOR} more pairs, more than ${MARGIN * 100} % slower than the reference: ${names.join(', ')}`),
    })
  : [];

// The bare heap's own figures, every run of it this invocation made, first in the table.
const heapFigures = [...heapRuns].sort((a, b) => a[0] - b[0]).map(([pending, runs]): Figure => {
  const s = spread(runs);
  return { name: `reference.hold.${pending / 1000}k`, value: s.median, unit: 'ops/s', ...s, normalisedBy: heap.name, gated: false };
});
figures.unshift(...heapFigures);

// 4. report
if (json) figures.forEach((f) => console.log(JSON.stringify(f)));
else if (figures.length > 0) {
  console.log(figuresTable(figures));
  console.log(`\nper M ref ops: work done while the reference heap does a million hold operations, measured between the runs.\nreference: ${heap.why}`);
}
const run = provenance(heap.name, mode);
let gate: Results['check'];

// 5b. the verdict
if (check && reference) {
  const passed = gatePasses(verdicts);
  gate = { passed, margin: MARGIN, against: reference.commit, judgements: verdicts };
  out(`\nchange: the working tree at ${run.commit.slice(0, 12)}${run.dirty ? ' with uncommitted changes' : ''}; reference: ${reference.commit.hash.slice(0, 12)} (${reference.commit.why})`);
  out(gateTable(verdicts));
  const unclear = verdicts.filter((j) => j.verdict === 'unclear').map((j) => j.name);
  out(
    !passed
      ? `\nbench gate: FAILED — a figure is proven more than ${MARGIN * 100} % slower than on ${reference.commit.hash.slice(0, 12)}, measured side by side`
      : unclear.length > 0
        ? `\nbench gate: passed, but ${unclear.join(', ')} measured slower than the floor without proof (the machine too busy to tell): run the gate again when it is quieter`
        : '\nbench gate: passed',
  );
  if (!passed) process.exitCode = 1;
}
writeResults({ ...run, figures, check: gate });
say(`wrote ${RESULTS_PATH}`);
if (args.has('--update-baseline')) {
  // The record should not rest on one process, which can be a lucky or an unlucky one (measured
  // here: the same benchmark, quiet machine, 0.69 or 0.81 × the reference from one process to the
  // next): each gated figure is the median of three measurements.
  const again = (round: number) => {
    say(`measuring the gated figures again for the record (${round} of ${BASELINE_ROUNDS - 1})`);
    return figures.filter((f) => f.gated).map((f) => measureOnce(f.name, benchmark(f.name).runs[mode]!));
  };
  const more = Array.from({ length: BASELINE_ROUNDS - 1 }, (_, i) => again(i + 1)).flat();
  writeBaseline(updatedBaseline(baseline, [...figures, ...more], run, SUITE.map((b) => b.name)));
  say(`wrote ${BASELINE_PATH}`);
}

function parseArgs(argv: string[]): { args: Set<string>; against?: string } {
  const args = new Set<string>();
  let against: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--against') {
      against = argv[++i];
      if (against === undefined || against.startsWith('--')) usage('--against needs a commit (a hash, a branch or HEAD~1)');
    } else if (FLAGS.includes(argv[i])) args.add(argv[i]);
    else usage(`unknown option ${argv[i]}`);
  }
  if (against !== undefined && !args.has('--check')) usage('--against names the reference of --check: add --check');
  if (args.has('--check') && args.has('--update-baseline')) usage('--check and --update-baseline: pick one (the record is rewritten on purpose, not as a side effect of a check)');
  return { args, against };
}

function seconds(t0: number): string {
  return ((performance.now() - t0) / 1000).toFixed(1);
}

function usage(message: string): never {
  process.stderr.write(`bench: ${message}\nusage: npm run bench -- [${FLAGS.join('] [')}]\n`);
  process.exit(2);
}
