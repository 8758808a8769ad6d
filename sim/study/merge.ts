/**
 * `campus merge`: shard folders of one study → the study's folder, byte-identical to running it on
 * one machine. Refuses sets that are incomplete, overlapping, or from different studies.
 */
import { Accumulator } from './accumulator.js';
import { writeStudyFolder } from './outputs.js';
import { readSavedStudy, type SavedPlan, type SavedStudy, toRuns } from './saved-study.js';
import { StudyError } from './study-error.js';
import type { StoppingRule, Summary } from './summarize.js';

export interface MergeResult {
  summary?: Summary;
  files: string[];
}

export async function mergeStudies(dirs: readonly string[], outDir: string): Promise<MergeResult> {
  const startedAt = new Date();
  const t0 = performance.now();
  if (dirs.length === 0) throw new StudyError('name the shard folders to merge');
  const shards = dirs.map(readSavedStudy);
  const first = shards[0].plan;
  const same = (s: SavedStudy, key: keyof SavedPlan, label: string) => {
    if (JSON.stringify(s.plan[key]) !== JSON.stringify(first[key])) {
      throw new StudyError(`${s.dir} is from a different study than ${shards[0].dir}: ${label} ${JSON.stringify(s.plan[key])} vs ${JSON.stringify(first[key])}`);
    }
  };
  for (const s of shards) {
    same(s, 'scenarioHash', 'scenario sha256');
    same(s, 'seed', 'seed');
    same(s, 'replications', 'replications');
    same(s, 'variants', 'variants');
    if (!s.plan.shard) throw new StudyError(`${s.dir} is not a shard (it was run without --shard)`);
    if (s.plan.shard.count !== first.shard!.count) same(s, 'shard', 'shard');
  }
  const count = first.shard!.count;
  const seen = new Map<number, string>();
  for (const s of shards) {
    const k = s.plan.shard!.index;
    if (seen.has(k)) throw new StudyError(`shard ${k}/${count} appears twice: ${seen.get(k)} and ${s.dir}`);
    seen.set(k, s.dir);
    const held = s.plan.done.reduce((n, [a, b]) => n + (b - a), 0);
    const want = s.plan.range.end - s.plan.range.start;
    if (held !== want) throw new StudyError(`shard ${k}/${count} in ${s.dir} is incomplete: it holds ${held} of its ${want} replications (re-run it, or continue it with --resume)`);
  }
  const missing = Array.from({ length: count }, (_, k) => k).filter((k) => !seen.has(k));
  if (missing.length > 0) throw new StudyError(`the set is incomplete: shard(s) ${missing.map((k) => `${k}/${count}`).join(', ')} missing`);

  const acc = new Accumulator(first.variants, first.months);
  for (const s of shards) {
    acc.addRows(s.rows);
    acc.bands.merge(s.bands);
  }
  const stopping: StoppingRule = { rule: 'replications', detail: `ran all ${first.replications} replications` };
  const plan: SavedPlan = {
    ...first,
    shard: null,
    range: { start: 0, end: first.replications },
    done: toRuns(acc.replications()),
    stoppedAt: null,
    complete: true,
  };
  const written = await writeStudyFolder(outDir, {
    plan,
    acc,
    stopping,
    failures: [],
    run: { workers: 0, startedAt, simulationSeconds: (performance.now() - t0) / 1000, mergedFrom: [...dirs] },
  });
  return written;
}
