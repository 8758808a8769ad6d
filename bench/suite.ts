/**
 * The benchmarks, by name. A run of each does the same work in `--quick` and in the full suite —
 * quick only repeats it fewer times and leaves out the long study runs — so one baseline serves both.
 * Each run is sized to take ~0.2 s here: long enough that a scheduler time slice is small beside
 * it, short enough to repeat.
 */
import { siteReplicationsPerSecond, spotCampusesPerSecond } from './campus.js';
import { holdEventsPerSecond } from './hold.js';
import { hallsPerSecond } from './hpc.js';
import { mmcCustomersPerSecond } from './mmc.js';
import { STARTS, startupRatio } from './startup.js';
import { defaultScenario, replicationsPerSecond, studyPairRun, studyRun } from './study.js';
import { worldsPerSecond } from './world.js';

export type Mode = 'quick' | 'full';

export interface Benchmark {
  name: string;
  /** What the rate counts, per second. */
  unit: string;
  /** One timed run; returns a rate (bigger is faster), or for the unit `ratio` a ratio (start-up: smaller is faster). */
  once: () => number | Promise<number>;
  /** Runs in each mode; a mode without an entry leaves the benchmark out. */
  runs: Partial<Record<Mode, number>>;
  /** Untimed runs first, for the JIT; a benchmark in a fresh process of its own needs none. */
  warmups: number;
  /** Events pending in the reference's heap: the hold benchmarks are divided by a heap of their own size. */
  referencePending: number;
  /** Checked against the baseline by `--check`; when false, `ungated` says why. */
  gated: boolean;
  ungated?: string;
}

const SHORT = { quick: 5, full: 9 };
// Measured here, the first run after a single warm-up was still ~10 % slow: the JIT settles over two.
const WARMUPS = 2;
export const MINING_ONLY = ['current-fleet', 'expand-mining'];

const coldStudyRate = (replications: number, workers: number, variants: string[] = []) => () =>
  replications / studyRun(replications, workers, variants).seconds;
// Measured here under load (4–9 runnable processes on 2 cores), a whole study's figure fell by a
// quarter to a third while the reference held: its first second runs on code that the JIT's
// threads, starved of a core, have not optimised yet, and its charts and files wait on the disk.
const COLD = 'a fresh process waits for a core for its JIT and for the disk for its files, which the warmed-up one-thread reference does not: under load the ratio fell by a third';

// A start-up ratio is its own yardstick (a bare `node -e 0` timed alongside), and timing child
// processes on a shared machine is noisy: reported, not gated.
const STARTUP = 'a ratio to a bare node start measured alongside it, not a rate: the reference heap says nothing about it, and process start-up on a shared machine is too noisy to gate';
const startup = (name: keyof typeof STARTS): Benchmark => ({ name: `startup.${name}`, unit: 'ratio', once: () => startupRatio(STARTS[name]), runs: { full: 3 }, warmups: 0, referencePending: 1_000, gated: false, ungated: STARTUP });

export const SUITE: readonly Benchmark[] = [
  { name: 'engine.hold.1k', unit: 'events/s', once: () => holdEventsPerSecond(1_000, 2_000_000), runs: SHORT, warmups: WARMUPS, referencePending: 1_000, gated: true },
  { name: 'engine.hold.100k', unit: 'events/s', once: () => holdEventsPerSecond(100_000, 1_000_000), runs: SHORT, warmups: WARMUPS, referencePending: 100_000, gated: true },
  { name: 'mmc.c10.lambda8', unit: 'customers/s', once: () => mmcCustomersPerSecond(1_000_000), runs: SHORT, warmups: WARMUPS, referencePending: 1_000, gated: true },
  // The default scenario's world, 5 years, in both block modes.
  { name: 'world.5y.per-block', unit: 'worlds/s', once: () => worldsPerSecond(defaultScenario(), 'block', 50), runs: SHORT, warmups: WARMUPS, referencePending: 1_000, gated: true },
  { name: 'world.5y.per-epoch', unit: 'worlds/s', once: () => worldsPerSecond(defaultScenario(), 'epoch', 500), runs: SHORT, warmups: WARMUPS, referencePending: 1_000, gated: true },
  // One mining campus over 5 years against an hourly spot market with outages (the world drawn beforehand).
  { name: 'campus.5y.hourly-spot', unit: 'replications/s', once: () => spotCampusesPerSecond(defaultScenario(), 40), runs: SHORT, warmups: WARMUPS, referencePending: 1_000, gated: true },
  // The site side of a 5-year replication: weather and spot drawn, 4CP, failures, an air-cooled fleet run.
  { name: 'campus.5y.site-weather-spot', unit: 'replications/s', once: () => siteReplicationsPerSecond(defaultScenario(), 15), runs: SHORT, warmups: WARMUPS, referencePending: 1_000, gated: true },
  // A 10,000-GPU hall over 5 years: ~100,000 training jobs with EASY backfill and node failures.
  { name: 'hpc.hall.10k-gpus.5y', unit: 'replications/s', once: () => hallsPerSecond(4), runs: SHORT, warmups: WARMUPS, referencePending: 1_000, gated: true },
  // The default study's inner loop: a replication draws the world and runs all six layouts on it.
  { name: 'study.default.replicate', unit: 'replications/s', once: () => replicationsPerSecond(4), runs: SHORT, warmups: WARMUPS, referencePending: 1_000, gated: true },
  // The whole default study as `npm start` meets it, a fresh process each run: module loading, a
  // cold JIT, the summary, charts rendered to PNG (system fonts read from disk) and files written.
  { name: 'study.default.100.cold', unit: 'replications/s', once: coldStudyRate(100, 1), runs: { full: 3 }, warmups: 0, referencePending: 1_000, gated: false, ungated: COLD },
  // Scaling: mining layouts only, enough replications (~12 s on one thread) that a thread's ~1 s start-up is not everything.
  { name: 'study.mining.8000.w1', unit: 'replications/s', once: coldStudyRate(8000, 1, MINING_ONLY), runs: { full: 3 }, warmups: 0, referencePending: 1_000, gated: false, ungated: COLD },
  {
    name: 'study.mining.8000.w2',
    unit: 'replications/s',
    once: coldStudyRate(8000, 2, MINING_ONLY),
    runs: { full: 3 },
    warmups: 0,
    referencePending: 1_000,
    gated: false,
    ungated: 'needs a second idle core, which a shared machine does not promise; the one-core reference cannot stand in for it',
  },
  // The machine's own ceiling for w2: two one-thread studies at once, in separate processes.
  {
    name: 'study.mining.8000.2proc',
    unit: 'replications/s',
    once: async () => (2 * 8000) / (await studyPairRun(8000, MINING_ONLY)),
    runs: { full: 3 },
    warmups: 0,
    referencePending: 1_000,
    gated: false,
    ungated: 'needs a second idle core, which a shared machine does not promise; the one-core reference cannot stand in for it',
  },
  // Start-up as a multiple of a bare `node -e 0` in the same run: `campus --help` (target ≤ 4×),
  // `campus validate` of the default scenario (≤ 10×), and importing the package's engine.
  startup('help'),
  startup('validate'),
  startup('import'),
];

export function benchmark(name: string): Benchmark {
  const b = SUITE.find((x) => x.name === name);
  if (!b) throw new Error(`no benchmark '${name}'; the suite has ${SUITE.map((x) => x.name).join(', ')}`);
  return b;
}

export function suiteFor(mode: Mode): Benchmark[] {
  return SUITE.filter((b) => b.runs[mode] !== undefined);
}
