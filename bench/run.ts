/**
 * `npm run bench`: throughput figures for the engine and the models, each the median of repeated
 * runs after a warm-up, with ratios to the bare-heap reference measured in this same invocation.
 *
 *   --json    one JSON object per line (name, value, unit, median, min, max, runs, ratio)
 *   --quick   fewer and shorter runs: a smoke test for CI, not figures to quote
 */
import { holdEventsPerSecond } from './hold.js';
import { type Figure, measure } from './measure.js';
import { mmcCustomersPerSecond } from './mmc.js';
import { referenceOpsPerSecond, referencePath } from './reference.js';
import { worldsPerSecond } from './world.js';
import { loadScenario } from '../sim/scenario/load.js';
import { DEFAULT_SCENARIO, studyRun } from './study.js';
import { hallsPerSecond } from './hpc.js';
import { siteReplicationsPerSecond, spotCampusesPerSecond } from './campus.js';

const args = new Set(process.argv.slice(2));
const json = args.has('--json');
const quick = args.has('--quick');
const runs = quick ? 3 : 5;
const holdOps = quick ? 500_000 : 5_000_000;
const customers = quick ? 100_000 : 1_000_000;

const figures: Figure[] = [];
const emit = (f: Figure): void => {
  figures.push(f);
  if (json) console.log(JSON.stringify(f));
};

const ref = referencePath();
for (const pending of [1_000, 100_000]) {
  const engine = measure(`engine.hold.${pending / 1000}k`, 'events/s', () => holdEventsPerSecond(pending, holdOps), runs);
  if (ref) {
    const reference = measure(`reference.hold.${pending / 1000}k`, 'ops/s', () => referenceOpsPerSecond(ref, pending, holdOps), runs, 0);
    engine.ratio = engine.value / reference.value;
    engine.ratioTo = reference.name;
    emit(reference);
  }
  emit(engine);
}
emit(measure('mmc.c10.lambda8', 'customers/s', () => mmcCustomersPerSecond(customers), runs));

// The default scenario's world, 5 years, in both block modes.
const scenario = loadScenario(DEFAULT_SCENARIO);
const worldBlock = measure('world.5y.per-block', 'worlds/s', () => worldsPerSecond(scenario, 'block', quick ? 5 : 20), runs);
const worldEpoch = measure('world.5y.per-epoch', 'worlds/s', () => worldsPerSecond(scenario, 'epoch', quick ? 20 : 200), runs);
worldEpoch.ratio = worldEpoch.value / worldBlock.value;
worldEpoch.ratioTo = worldBlock.name;
emit(worldBlock);
emit(worldEpoch);

// One mining campus over 5 years against an hourly spot market with outages (the world drawn beforehand).
emit(measure('campus.5y.hourly-spot', 'replications/s', () => spotCampusesPerSecond(scenario, quick ? 5 : 20), runs));
// The site side of a 5-year replication: weather and spot drawn, 4CP, failures, an air-cooled fleet run (target < 20 ms).
emit(measure('campus.5y.site-weather-spot', 'replications/s', () => siteReplicationsPerSecond(scenario, quick ? 5 : 20), runs));

// A 10,000-GPU hall over 5 years: ~100,000 training jobs with EASY backfill and node failures.
emit(measure('hpc.hall.10k-gpus.5y', 'replications/s', () => hallsPerSecond(quick ? 2 : 10), runs));

// The default study as `npm start` runs it (replications per second, whole process), 1 and 2 workers.
const studyReplications = quick ? 100 : scenario.study.replications;
const studyRuns = quick ? 1 : 3;
const oneWorker = measure(`study.default.${studyReplications}.w1`, 'replications/s', () => studyReplications / studyRun(studyReplications, 1).seconds, studyRuns, 0);
const twoWorkers = measure(`study.default.${studyReplications}.w2`, 'replications/s', () => studyReplications / studyRun(studyReplications, 2).seconds, studyRuns, 0);
twoWorkers.ratio = twoWorkers.value / oneWorker.value;
twoWorkers.ratioTo = oneWorker.name;
emit(oneWorker);
emit(twoWorkers);
if (!quick) {
  // Memory must not grow with replications beyond the metrics kept per replication.
  const small = studyRun(1000, 2).maxRSSKB;
  const large = studyRun(10000, 2).maxRSSKB;
  emit({ name: 'study.peak-memory.10k-vs-1k', value: large / small, unit: 'ratio', median: large / small, min: large / small, max: large / small, runs: 1 });
}

if (!json) {
  const scale = (f: Figure) => (f.value >= 1e5 ? { div: 1e6, prefix: 'M ' } : { div: 1, prefix: '' });
  const num = (x: number, div: number) => (x / div).toFixed(div === 1 && x >= 100 ? 0 : 2);
  const rows = figures.map((f) => {
    const { div, prefix } = scale(f);
    const perItem = f.unit.endsWith('/s') && f.value < 1e5 ? ` (${(1000 / f.value).toFixed(2)} ms each)` : '';
    if (f.unit === 'ratio') return [f.name, `${f.value.toFixed(2)}`, '', ''];
    return [
      f.name,
      `${num(f.value, div)} ${prefix}${f.unit}${perItem}`,
      `${num(f.min, div)}–${num(f.max, div)}`,
      f.ratio === undefined ? '' : `${f.ratio.toFixed(2)} × ${f.ratioTo}`,
    ];
  });
  const head = ['benchmark', 'median', 'range', 'ratio'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((r) => console.log(line(r)));
  if (!ref) console.log('\n(no ../shared/bench-ref/hold-ref.mjs beside this checkout: ratios omitted)');
}
